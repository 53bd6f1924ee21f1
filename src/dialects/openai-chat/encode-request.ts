/**
 * @module
 * Canonical request → Chat Completions request body. Verbatim extras are spread first, so
 * canonical fields always win (a router changing the model or forcing a stream is obeyed).
 */
import type { RequestEncodeOptions, Translated } from "../dialect.ts";
import type { CanonicalRequest, ResponseFormat } from "../../core/types/request.ts";
import type { Warning } from "../../core/types/response.ts";
import { isRecord } from "../internal/json.ts";
import { encodeMessages, encodeSystem } from "./encode-messages.ts";
import { encodeTools } from "./encode-tools.ts";
import type { OpenAIChatRequest, OpenAIChatResponseFormat } from "./wire-types.ts";
import { readMarker, warnForeignExtras, readWireFields } from "./wire-extras.ts";

function encodeResponseFormat(format: ResponseFormat): OpenAIChatResponseFormat {
  if (format.type === "text") return { type: "text" };
  if (format.type === "json-object") return { type: "json_object" };
  const spec: { name: string; schema: Record<string, unknown>; strict?: boolean; description?: string } = {
    name: format.name,
    schema: format.schema,
  };
  if (format.strict !== undefined) spec.strict = format.strict;
  if (format.description !== undefined) spec.description = format.description;
  return { type: "json_schema", json_schema: spec };
}

function encodeReasoningConfig(request: CanonicalRequest, wire: OpenAIChatRequest, warnings: Warning[]): void {
  const reasoning = request.reasoning;
  if (!reasoning) return;
  if (reasoning.effort !== undefined) wire.reasoning_effort = reasoning.effort;
  if (reasoning.budgetTokens !== undefined) {
    warnings.push({ code: "unsupported-field", message: "Chat Completions takes a reasoning effort, not a token budget; the budget was dropped.", path: "reasoning.budgetTokens" });
  }
  if (reasoning.enabled === false) {
    warnings.push({ code: "unsupported-field", message: "Chat Completions cannot switch reasoning off; the setting was dropped.", path: "reasoning.enabled" });
  }
}

export function encodeRequest(request: CanonicalRequest, options: RequestEncodeOptions = {}): Translated<OpenAIChatRequest> {
  const warnings: Warning[] = [];
  warnForeignExtras(request.extras, "extras", warnings);
  const wire: OpenAIChatRequest = {
    model: request.model,
    messages: [...encodeSystem(request.system ?? [], warnings), ...encodeMessages(request.messages, warnings)],
    ...readWireFields(request.extras),
  };
  encodeTools(request, wire, warnings);
  if (request.parallelToolCalls !== undefined) wire.parallel_tool_calls = request.parallelToolCalls;
  if (request.temperature !== undefined) wire.temperature = request.temperature;
  if (request.topP !== undefined) wire.top_p = request.topP;
  if (request.topK !== undefined) {
    warnings.push({ code: "unsupported-field", message: "Chat Completions has no top_k; it was dropped.", path: "topK" });
  }
  if (request.maxOutputTokens !== undefined) {
    // `max_completion_tokens` unless the caller used the deprecated field (some providers only know it).
    if (readMarker(request.extras, "$maxTokensField") === "max_tokens") wire.max_tokens = request.maxOutputTokens;
    else wire.max_completion_tokens = request.maxOutputTokens;
  }
  const stop = request.stopSequences;
  if (stop !== undefined) {
    wire.stop = stop.length === 1 && readMarker(request.extras, "$stopString") === true ? (stop[0] as string) : stop;
  }
  if (request.seed !== undefined) wire.seed = request.seed;
  if (request.presencePenalty !== undefined) wire.presence_penalty = request.presencePenalty;
  if (request.frequencyPenalty !== undefined) wire.frequency_penalty = request.frequencyPenalty;
  if (request.responseFormat !== undefined) wire.response_format = encodeResponseFormat(request.responseFormat);
  encodeReasoningConfig(request, wire, warnings);
  if (request.user !== undefined) wire.user = request.user;
  if (request.metadata !== undefined) wire.metadata = request.metadata;
  if (request.stream) {
    wire.stream = true;
    if (options.forceStreamUsage) {
      const current = isRecord(wire.stream_options) ? wire.stream_options : {};
      wire.stream_options = { ...current, include_usage: true };
    }
  } else {
    if (wire.stream === true) delete wire.stream;
    // OpenAI rejects stream_options on a non-streaming call.
    delete wire.stream_options;
  }
  return { value: wire, warnings };
}
