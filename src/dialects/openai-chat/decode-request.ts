/**
 * @module
 * A Chat Completions request body → canonical request. Validates as it reads: malformed
 * input throws `InvalidRequestError` with `param` naming the field. Fields the canonical
 * model cannot hold (and known fields whose value it cannot express, e.g. `tool_choice`
 * of type `allowed_tools` or a `null`) stay verbatim in extras.
 */
import type { RequestDecodeContext, Translated } from "../dialect.ts";
import type { CanonicalRequest, ReasoningEffort, ResponseFormat } from "../../core/types/request.ts";
import type { Warning } from "../../core/types/response.ts";
import { isRecord } from "../internal/json.ts";
import { decodeMessages } from "./decode-messages.ts";
import { decodeTools } from "./decode-tools.ts";
import {
  expectArray,
  expectString,
  failField,
  optionalBoolean,
  optionalInteger,
  optionalNumber,
  optionalString,
} from "./field-checks.ts";
import { makeExtras, type Markers } from "./wire-extras.ts";

const reasoningEfforts: ReadonlySet<string> = new Set<ReasoningEffort>(["minimal", "low", "medium", "high"]);

/** Reads `key` with `read`; a value it accepts is taken out of `rest`, anything else stays. */
function take<T>(rest: Record<string, unknown>, key: string, read: (value: unknown, param: string) => T | undefined): T | undefined {
  const value = read(rest[key], key);
  if (value !== undefined) delete rest[key];
  return value;
}

function hasOnlyKeys(record: Record<string, unknown>, allowed: readonly string[]): boolean {
  return Object.keys(record).every((key) => allowed.includes(key));
}

/** The canonical response format, or undefined when the wire value has no exact canonical form. */
function readResponseFormat(value: unknown): ResponseFormat | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) failField("`response_format` must be an object.", "response_format");
  const type = expectString(value["type"], "response_format.type");
  if ((type === "text" || type === "json_object") && hasOnlyKeys(value, ["type"])) {
    return { type: type === "text" ? "text" : "json-object" };
  }
  const spec = value["json_schema"];
  if (type !== "json_schema" || !isRecord(spec) || !hasOnlyKeys(value, ["type", "json_schema"])) return undefined;
  const { name, schema, strict, description } = spec;
  if (typeof name !== "string" || !isRecord(schema) || !hasOnlyKeys(spec, ["name", "schema", "strict", "description"])) return undefined;
  if ((strict !== undefined && typeof strict !== "boolean") || (description !== undefined && typeof description !== "string")) return undefined;
  const format: ResponseFormat = { type: "json-schema", name, schema };
  if (strict !== undefined) format.strict = strict;
  if (description !== undefined) format.description = description;
  return format;
}

function readStop(value: unknown, markers: Markers): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") {
    markers.$stopString = true;
    return [value];
  }
  return expectArray(value, "stop").map((item, index) => expectString(item, `stop[${index}]`));
}

function readMetadata(value: unknown): Record<string, string> | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) failField("`metadata` must be an object of strings.", "metadata");
  return Object.values(value).every((item) => typeof item === "string") ? (value as Record<string, string>) : undefined;
}

export function decodeRequest(body: unknown, context: RequestDecodeContext = {}): Translated<CanonicalRequest> {
  if (!isRecord(body)) failField("The request body must be a JSON object.", "body");
  const warnings: Warning[] = [];
  const markers: Markers = {};
  const rest: Record<string, unknown> = { ...body };

  const model = take(rest, "model", optionalString) ?? context.model;
  if (model === undefined) failField("`model` is required.", "model");
  const messages = expectArray(rest["messages"], "messages");
  if (messages.length === 0) failField("`messages` must not be empty.", "messages");
  const decoded = decodeMessages(messages, warnings);
  delete rest["messages"];

  const request: CanonicalRequest = { model, messages: decoded.messages, stream: false };
  if (decoded.system.length > 0) request.system = decoded.system;
  Object.assign(request, decodeTools(rest, markers));

  const parallelToolCalls = take(rest, "parallel_tool_calls", optionalBoolean);
  if (parallelToolCalls !== undefined) request.parallelToolCalls = parallelToolCalls;
  const temperature = take(rest, "temperature", optionalNumber);
  if (temperature !== undefined) request.temperature = temperature;
  const topP = take(rest, "top_p", optionalNumber);
  if (topP !== undefined) request.topP = topP;
  const presencePenalty = take(rest, "presence_penalty", optionalNumber);
  if (presencePenalty !== undefined) request.presencePenalty = presencePenalty;
  const frequencyPenalty = take(rest, "frequency_penalty", optionalNumber);
  if (frequencyPenalty !== undefined) request.frequencyPenalty = frequencyPenalty;
  const seed = take(rest, "seed", optionalInteger);
  if (seed !== undefined) request.seed = seed;

  // Either limit is read; the deprecated one is remembered so it is the one sent back.
  const maxTokens = optionalInteger(rest["max_tokens"], "max_tokens");
  const maxCompletionTokens = take(rest, "max_completion_tokens", optionalInteger);
  if (maxCompletionTokens !== undefined) request.maxOutputTokens = maxCompletionTokens;
  else if (maxTokens !== undefined) {
    request.maxOutputTokens = maxTokens;
    markers.$maxTokensField = "max_tokens";
    delete rest["max_tokens"];
  }

  const stop = take(rest, "stop", (value) => readStop(value, markers));
  if (stop !== undefined) request.stopSequences = stop;
  const responseFormat = take(rest, "response_format", readResponseFormat);
  if (responseFormat !== undefined) request.responseFormat = responseFormat;
  const effort = optionalString(rest["reasoning_effort"], "reasoning_effort");
  if (effort !== undefined && reasoningEfforts.has(effort)) {
    request.reasoning = { effort: effort as ReasoningEffort };
    delete rest["reasoning_effort"];
  }
  const user = take(rest, "user", optionalString);
  if (user !== undefined) request.user = user;
  const metadata = take(rest, "metadata", readMetadata);
  if (metadata !== undefined) request.metadata = metadata;

  // `stream: false` stays verbatim: absent and false mean the same, the wire shape differs.
  const stream = optionalBoolean(rest["stream"], "stream");
  if (stream === true) delete rest["stream"];
  request.stream = stream ?? context.stream ?? false;

  const extras = makeExtras(rest, markers);
  if (extras) request.extras = extras;
  return { value: request, warnings };
}
