/**
 * @module
 * Canonical response → chat completion body, shaped as OpenAI returns it. A response decoded
 * from this dialect carries its own wire details in extras and gets them back exactly; any
 * other gets OpenAI's defaults (`refusal: null`, `annotations: []`, `logprobs: null`).
 */
import type { ResponseEncodeOptions, Translated } from "../dialect.ts";
import type { ReasoningPart, TextPart, ToolCallPart } from "../../core/types/message.ts";
import { hasKnownUsage, type CanonicalResponse, type Warning } from "../../core/types/response.ts";
import { isRecord } from "../internal/json.ts";
import { createCompletionId, currentUnixSeconds } from "./completion-id.ts";
import { encodeFunctionCall, encodeReasoning, encodeToolCall } from "./encode-messages.ts";
import { encodeFinishReason } from "./map-finish-reason.ts";
import { encodeUsage } from "./usage.ts";
import type { OpenAIChatChoice, OpenAIChatResponse, OpenAIChatResponseMessage, OpenAIChatTextPart, OpenAIChatToolCall } from "./wire-types.ts";
import { dialectId, readAside, readMarker, restoreAside, warnForeignExtras, readWireFields } from "./wire-extras.ts";

function readRecordMarker(response: CanonicalResponse, name: `$${string}`): Record<string, unknown> {
  const value = readMarker(response.extras, name);
  return isRecord(value) ? value : {};
}

export function encodeResponse(response: CanonicalResponse, options: ResponseEncodeOptions = {}): Translated<OpenAIChatResponse> {
  const warnings: Warning[] = [];
  warnForeignExtras(response.extras, "extras", warnings);
  const fromWire = response.extras?.[dialectId] !== undefined;

  const texts: TextPart[] = [];
  const refusals: TextPart[] = [];
  const reasoning: ReasoningPart[] = [];
  const calls: ToolCallPart[] = [];
  response.content.forEach((part, index) => {
    warnForeignExtras(part.extras, `content[${index}]`, warnings);
    if (part.type === "text") (readMarker(part.extras, "$refusal") === true ? refusals : texts).push(part);
    else if (part.type === "reasoning") reasoning.push(part);
    else calls.push(part);
  });

  const message: OpenAIChatResponseMessage = {
    role: "assistant",
    content: null,
    ...(fromWire ? readRecordMarker(response, "$message") : { refusal: null, annotations: [] }),
  };
  const shape = readMarker(response.extras, "$content");
  if (shape === "parts") {
    const parts = texts.map((part) => ({ ...readWireFields(part.extras), type: "text", text: part.text }));
    message.content = restoreAside(parts, readAside(response.extras, "$asideParts")) as OpenAIChatTextPart[];
  } else if (texts.length > 0) message.content = texts.map((part) => part.text).join("");
  else if (shape === "empty") message.content = "";
  if (refusals.length > 0) message.refusal = refusals.map((part) => part.text).join("");
  if (reasoning.length > 0) {
    const field = readMarker(reasoning[0]?.extras, "$field") === "reasoning" ? "reasoning" : "reasoning_content";
    message[field] = encodeReasoning(reasoning, "content", warnings);
  }

  const legacy = calls.find((call) => readMarker(call.extras, "$legacy") === true);
  if (legacy) message.function_call = encodeFunctionCall(legacy);
  const toolCalls = restoreAside(
    calls.filter((call) => call !== legacy).map(encodeToolCall),
    readAside(response.extras, "$asideToolCalls"),
  );
  if (toolCalls.length > 0) message.tool_calls = toolCalls as OpenAIChatToolCall[];

  const rawFinish = readMarker(response.extras, "$finishReason");
  const choice: OpenAIChatChoice = {
    index: 0,
    message,
    ...(fromWire ? readRecordMarker(response, "$choice") : { logprobs: null }),
    finish_reason:
      typeof rawFinish === "string" || rawFinish === null
        ? rawFinish
        : encodeFinishReason(response.finishReason, { hasToolCalls: calls.length > 0, legacyFunctionCall: legacy !== undefined }),
  };

  const otherChoices = readMarker(response.extras, "$otherChoices");
  const wire: OpenAIChatResponse = {
    id: response.id === "" ? createCompletionId() : response.id,
    object: "chat.completion",
    created: response.created ?? currentUnixSeconds(),
    model: response.model,
    choices: [choice, ...(Array.isArray(otherChoices) ? (otherChoices as OpenAIChatChoice[]) : [])],
    ...(fromWire ? readWireFields(response.extras) : { system_fingerprint: null }),
  };
  const template = readMarker(response.extras, "$usage");
  const cost = options.costOf?.(response.usage);
  if (hasKnownUsage(response.usage) || isRecord(template) || cost !== undefined) {
    wire.usage = encodeUsage(response.usage, isRecord(template) ? template : undefined, cost);
  }
  return { value: wire, warnings };
}
