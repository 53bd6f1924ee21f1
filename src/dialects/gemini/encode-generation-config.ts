/**
 * @module
 * Canonical parameters → `generationConfig` (the mapping is described in
 * decode-generation-config.ts). JSON output goes out as `responseJsonSchema`, named by its
 * `title`, or as the wire `responseSchema` it came from when that still says the same.
 */
import { isDeepStrictEqual } from "node:util";
import type { CanonicalRequest, ReasoningConfig, ResponseFormat } from "../../core/types/request.ts";
import type { Warning } from "../../core/types/response.ts";
import { defaultSchemaName } from "./decode-generation-config.ts";
import { schemaFromOpenApi } from "./schema-from-openapi.ts";
import type { GeminiHints } from "./wire-extras.ts";
import type { GeminiGenerationConfig, GeminiSchema, GeminiThinkingConfig } from "./wire-types.ts";

const numberFields = ["temperature", "topP", "topK", "maxOutputTokens", "seed", "presencePenalty", "frequencyPenalty"] as const;

export function encodeGenerationConfig(request: CanonicalRequest, hints: GeminiHints, warnings: Warning[]): GeminiGenerationConfig | undefined {
  const config: GeminiGenerationConfig = {};
  for (const field of numberFields) {
    const value = request[field];
    if (value !== undefined) config[field] = value;
  }
  if (request.stopSequences !== undefined) config.stopSequences = request.stopSequences;
  if (request.responseFormat !== undefined) encodeResponseFormat(config, request.responseFormat, hints, warnings);
  const thinking = request.reasoning === undefined ? undefined : encodeThinking(request.reasoning);
  if (thinking !== undefined) config.thinkingConfig = thinking;
  return Object.keys(config).length > 0 ? config : undefined;
}

function encodeResponseFormat(config: GeminiGenerationConfig, format: ResponseFormat, hints: GeminiHints, warnings: Warning[]): void {
  if (format.type === "text") {
    config.responseMimeType = "text/plain";
    return;
  }
  config.responseMimeType = "application/json";
  if (format.type === "json-object") return;
  // The name travels as the schema's title, the one place a Gemini schema has for it.
  const ownTitle = format.schema["title"];
  let schema = format.schema;
  if (ownTitle === undefined && !(hints.$untitledSchema === true && format.name === defaultSchemaName)) {
    schema = { title: format.name, ...format.schema };
  } else if (ownTitle !== format.name && format.name !== defaultSchemaName) {
    warnings.push({ code: "unsupported-field", message: `the schema has its own title: the name ${format.name} was dropped`, path: "responseFormat.name" });
  }
  const wire = hints.$wireResponseSchema;
  if (wire !== undefined && isDeepStrictEqual(schemaFromOpenApi(wire), schema)) config.responseSchema = wire as GeminiSchema;
  else config.responseJsonSchema = schema;
  if (format.description !== undefined) {
    warnings.push({ code: "unsupported-field", message: "the response format description has no Gemini field and was dropped", path: "responseFormat.description" });
  }
}

function encodeThinking(reasoning: ReasoningConfig): GeminiThinkingConfig | undefined {
  const thinking: GeminiThinkingConfig = {};
  if (reasoning.enabled === false) thinking.thinkingBudget = 0;
  else {
    if (reasoning.budgetTokens !== undefined) thinking.thinkingBudget = reasoning.budgetTokens;
    if (reasoning.enabled === true) thinking.includeThoughts = true;
  }
  if (reasoning.effort !== undefined) thinking.thinkingLevel = reasoning.effort.toUpperCase();
  return Object.keys(thinking).length > 0 ? thinking : undefined;
}
