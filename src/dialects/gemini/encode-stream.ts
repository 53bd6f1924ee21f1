/**
 * @module
 * Canonical events → Gemini SSE. One chunk per text or reasoning delta, one chunk with the
 * whole functionCall when a tool-call block ends (its argument deltas are buffered), and a
 * final chunk with finishReason and usageMetadata. Every chunk carries a non-empty `parts`
 * list with a role, as the SDK's chat history requires (the final one an empty text part, as
 * Gemini itself sends). An error event, or events that end without `finish`, become the
 * in-stream error `data: {"error": {...}}`, with no finish before it.
 */
import { ToolCallBuffer, type BufferedToolCall } from "../internal/tool-call-buffer.ts";
import type { LlmuxError } from "../../core/errors.ts";
import type { CanonicalEvent } from "../../core/types/event.ts";
import type { Warning } from "../../core/types/response.ts";
import type { StreamEncodeOptions } from "../dialect.ts";
import { formatSse } from "../sse.ts";
import { guardStream } from "../stream-guard.ts";
import { encodeError } from "./encode-error.ts";
import { encodeToolCallPart } from "./encode-parts.ts";
import { encodeFinishReason } from "./map-finish-reason.ts";
import { encodeUsage } from "./map-usage.ts";
import type { GeminiCandidate, GeminiPart, GeminiResponse } from "./wire-types.ts";

export async function* encodeStream(events: AsyncIterable<CanonicalEvent>, options: StreamEncodeOptions = {}): AsyncGenerator<string> {
  let responseId = "";
  let model = options.model ?? "";
  let hasToolCalls = false;
  const calls = new ToolCallBuffer();

  const frame = (candidate: GeminiCandidate | undefined, extra: Partial<GeminiResponse> = {}): string => {
    const chunk: GeminiResponse = candidate === undefined ? {} : { candidates: [candidate] };
    Object.assign(chunk, extra);
    if (model !== "") chunk.modelVersion = model;
    if (responseId !== "") chunk.responseId = responseId;
    return formatSse(JSON.stringify(chunk));
  };
  const partsFrame = (parts: GeminiPart[]): string => frame({ content: { parts, role: "model" } });
  const callFrame = (call: BufferedToolCall): string => {
    hasToolCalls = true;
    // The call goes out as well as Gemini can hold it; what it cannot hold is told to onWarning.
    const warnings: Warning[] = [];
    const part = encodeToolCallPart({ type: "tool-call", ...call }, "stream", warnings);
    for (const warning of warnings) options.onWarning?.(warning);
    return partsFrame([part]);
  };

  for await (const event of guardStream(events)) {
    switch (event.type) {
      case "response-metadata":
        if (event.id !== undefined) responseId = event.id;
        if (event.model !== undefined) model = event.model;
        break;
      case "text-delta":
        if (event.text !== "") yield partsFrame([{ text: event.text }]);
        break;
      case "reasoning-start":
        if (event.redactedData !== undefined) {
          options.onWarning?.({ code: "unsupported-content", message: "redacted reasoning has no Gemini form and was dropped", path: "stream" });
        }
        break;
      case "reasoning-delta":
        if (event.text !== "") yield partsFrame([{ text: event.text, thought: true }]);
        break;
      case "reasoning-end":
        if (event.signature !== undefined) yield partsFrame([{ text: "", thought: true, thoughtSignature: event.signature }]);
        break;
      case "tool-call-start":
        calls.start(event);
        break;
      case "tool-call-delta":
        calls.delta(event);
        break;
      case "tool-call-end": {
        const call = calls.end(event.index);
        if (call) yield callFrame(call);
        break;
      }
      case "usage":
        // The finish event carries the final figures; Gemini sends them on the last chunk.
        break;
      case "finish": {
        for (const call of calls.drain()) yield callFrame(call);
        const candidate: GeminiCandidate = {
          content: { parts: [{ text: "" }], role: "model" },
          finishReason: encodeFinishReason(event.finishReason, hasToolCalls),
        };
        const metadata = encodeUsage(event.usage);
        yield frame(candidate, metadata === undefined ? {} : { usageMetadata: metadata });
        return;
      }
      case "error":
        yield encodeStreamError(event.error);
        return;
      default:
        break;
    }
  }
}

/** Gemini's in-stream error form: `data: {"error": {code, message, status}}`. */
export function encodeStreamError(error: LlmuxError): string {
  return formatSse(JSON.stringify(encodeError(error).body));
}
