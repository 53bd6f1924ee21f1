/**
 * @module
 * `generationConfig` → canonical sampling parameters, response format and reasoning.
 * What canonical data cannot say (candidateCount, responseModalities, a -1 "dynamic"
 * thinking budget...) is returned as `rest`, in the wire's shape, for extras.
 *
 * Reasoning: `thinkingBudget` > 0 ↔ `budgetTokens`; `thinkingBudget: 0` ↔ `enabled: false`;
 * `includeThoughts: true` ↔ `enabled: true` (the caller wants to see reasoning);
 * `thinkingLevel` ↔ `effort`.
 *
 * Response format: `responseMimeType: "application/json"` with `responseJsonSchema` (or the
 * OpenAPI-form `responseSchema`) ↔ `json-schema`, whose name is the schema's `title`;
 * without a schema ↔ `json-object`; `text/plain` ↔ `text`.
 */
import type { CanonicalRequest, ReasoningConfig, ReasoningEffort, ResponseFormat } from "../../core/types/request.ts";
import { unknownFields } from "../internal/extras.ts";
import { schemaFromOpenApi } from "./schema-from-openapi.ts";
import type { GeminiHints } from "./wire-extras.ts";
import { camelizeKeys, expectRecord, optionalBoolean, optionalNumber, optionalRecord, optionalString, optionalStringList } from "./wire-read.ts";

const numberFields = ["temperature", "topP", "topK", "maxOutputTokens", "seed", "presencePenalty", "frequencyPenalty"] as const;
const configKeys: ReadonlySet<string> = new Set([
  ...numberFields,
  "stopSequences",
  "responseMimeType",
  "responseSchema",
  "responseJsonSchema",
  "thinkingConfig",
]);
const thinkingKeys: ReadonlySet<string> = new Set(["thinkingBudget", "includeThoughts", "thinkingLevel"]);
const efforts: ReadonlySet<string> = new Set(["minimal", "low", "medium", "high"]);

/** Response format name when the wire schema has no title to name it. */
export const defaultSchemaName = "response";

export type GenerationParams = Pick<
  CanonicalRequest,
  "temperature" | "topP" | "topK" | "maxOutputTokens" | "seed" | "presencePenalty" | "frequencyPenalty" | "stopSequences" | "responseFormat" | "reasoning"
>;

export interface DecodedGenerationConfig {
  params: GenerationParams;
  rest: Record<string, unknown> | undefined;
  hints: GeminiHints;
}

export function decodeGenerationConfig(value: unknown): DecodedGenerationConfig {
  const result: DecodedGenerationConfig = { params: {}, rest: undefined, hints: {} };
  if (value === undefined || value === null) return result;
  const path = "generationConfig";
  const config = camelizeKeys(expectRecord(value, path));
  const rest: Record<string, unknown> = unknownFields(config, configKeys) ?? {};
  for (const field of numberFields) {
    const number = optionalNumber(config, field, path);
    if (number !== undefined) result.params[field] = number;
  }
  const stop = optionalStringList(config, "stopSequences", path);
  if (stop !== undefined) result.params.stopSequences = stop;

  const format = decodeResponseFormat(config, path);
  if (format) {
    result.params.responseFormat = format.format;
    if (format.wireSchema !== undefined) result.hints.$wireResponseSchema = format.wireSchema;
    if (format.untitled === true) result.hints.$untitledSchema = true;
  } else {
    for (const key of ["responseMimeType", "responseSchema", "responseJsonSchema"]) if (config[key] !== undefined) rest[key] = config[key];
  }

  const thinking = optionalRecord(config, "thinkingConfig", path);
  if (thinking !== undefined) {
    const decoded = decodeThinking(camelizeKeys(thinking), `${path}.thinkingConfig`);
    if (decoded.reasoning) result.params.reasoning = decoded.reasoning;
    if (decoded.rest) rest["thinkingConfig"] = decoded.rest;
  }
  result.rest = Object.keys(rest).length > 0 ? rest : undefined;
  return result;
}

interface DecodedResponseFormat {
  format: ResponseFormat;
  wireSchema?: Record<string, unknown>;
  untitled?: boolean;
}

function decodeResponseFormat(config: Record<string, unknown>, path: string): DecodedResponseFormat | undefined {
  const mimeType = optionalString(config, "responseMimeType", path);
  const jsonSchema = optionalRecord(config, "responseJsonSchema", path);
  const openApi = optionalRecord(config, "responseSchema", path);
  if (mimeType === "text/plain" && jsonSchema === undefined && openApi === undefined) return { format: { type: "text" } };
  if (mimeType !== "application/json") return undefined;
  if (jsonSchema !== undefined && openApi !== undefined) return undefined;
  if (jsonSchema === undefined && openApi === undefined) return { format: { type: "json-object" } };
  const full = jsonSchema ?? schemaFromOpenApi(openApi ?? {});
  // The schema's title is the canonical name (Gemini schemas have no name of their own).
  const { title, ...schema } = full;
  const named = typeof title === "string";
  const result: DecodedResponseFormat = {
    format: { type: "json-schema", name: named ? title : defaultSchemaName, schema: named ? schema : full },
    untitled: !named,
  };
  if (openApi !== undefined) result.wireSchema = openApi;
  return result;
}

function decodeThinking(
  thinking: Record<string, unknown>,
  path: string,
): { reasoning: ReasoningConfig | undefined; rest: Record<string, unknown> | undefined } {
  const reasoning: ReasoningConfig = {};
  const rest: Record<string, unknown> = unknownFields(thinking, thinkingKeys) ?? {};
  const budget = optionalNumber(thinking, "thinkingBudget", path);
  if (budget === 0) reasoning.enabled = false;
  else if (budget !== undefined && budget > 0) reasoning.budgetTokens = budget;
  else if (budget !== undefined) rest["thinkingBudget"] = budget;
  const include = optionalBoolean(thinking, "includeThoughts", path);
  if (include === true && reasoning.enabled === undefined) reasoning.enabled = true;
  else if (include !== undefined) rest["includeThoughts"] = include;
  const level = optionalString(thinking, "thinkingLevel", path);
  if (level !== undefined && efforts.has(level.toLowerCase())) reasoning.effort = level.toLowerCase() as ReasoningEffort;
  else if (level !== undefined) rest["thinkingLevel"] = level;
  return {
    reasoning: Object.keys(reasoning).length > 0 ? reasoning : undefined,
    rest: Object.keys(rest).length > 0 ? rest : undefined,
  };
}
