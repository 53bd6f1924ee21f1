/**
 * @module
 * Canonical events → Chat Completions SSE, chunk for chunk as OpenAI sends them: one id on
 * every chunk, a first `{role:"assistant",content:""}` delta, tool-call fragments keyed by
 * the call's ordinal (not the canonical block index), a `delta:{}` finish chunk, then the
 * `choices:[]` usage chunk when asked for, then `[DONE]`. An error ends the stream with the
 * `{"error":{...}}` frame and no `[DONE]`, so no client mistakes it for a complete answer.
 */
import type { CanonicalEvent } from "../../core/types/event.ts";
import type { StreamEncodeOptions } from "../dialect.ts";
import { formatSse } from "../sse.ts";
import { guardStream } from "../stream-guard.ts";
import { createCompletionId, currentUnixSeconds } from "./completion-id.ts";
import { encodeErrorBody } from "./encode-error.ts";
import { encodeFinishReason } from "./map-finish-reason.ts";
import { encodeUsage } from "./usage.ts";
import type { OpenAIChatChunk, OpenAIChatChunkChoice, OpenAIChatDelta } from "./wire-types.ts";
import { readMarker } from "./wire-extras.ts";

const done = "data: [DONE]\n\n";

async function* encodeChunks(events: AsyncIterable<CanonicalEvent>, options: StreamEncodeOptions): AsyncGenerator<string> {
  const includeUsage = options.includeUsage === true;
  let id = createCompletionId();
  let model = options.model ?? "";
  let created = currentUnixSeconds();
  let started = false;
  /** Canonical block index → tool ordinal; legacy `function_call` blocks map to -1. */
  const toolOrdinals = new Map<number, number>();
  let toolCount = 0;
  let legacy = false;

  const chunk = (choices: OpenAIChatChunkChoice[], usage: OpenAIChatChunk["usage"] = null): string => {
    const body: OpenAIChatChunk = { id, object: "chat.completion.chunk", created, model, choices };
    if (includeUsage) body.usage = usage;
    return formatSse(JSON.stringify(body));
  };
  const deltaChunk = (delta: OpenAIChatDelta, finishReason: string | null = null): string =>
    chunk([{ index: 0, delta, logprobs: null, finish_reason: finishReason }]);

  for await (const event of events) {
    if (event.type === "error") {
      yield formatSse(JSON.stringify(encodeErrorBody(event.error).body));
      return;
    }
    if (event.type === "response-metadata") {
      // Every chunk must carry the same id: metadata after the first chunk is ignored.
      if (!started) {
        id = event.id || id;
        model = event.model || model;
        created = event.created ?? created;
      }
      continue;
    }
    if (!started) {
      started = true;
      yield deltaChunk({ role: "assistant", content: "" });
    }
    switch (event.type) {
      case "text-delta":
        if (event.text !== "") yield deltaChunk({ content: event.text });
        break;
      case "reasoning-delta":
        if (event.text !== "") yield deltaChunk({ reasoning_content: event.text });
        break;
      case "reasoning-start":
        if (event.redactedData !== undefined) {
          options.onWarning?.({ code: "unsupported-content", message: "Chat Completions cannot carry redacted reasoning: dropped." });
        }
        break;
      case "reasoning-end":
        if (event.signature !== undefined) {
          options.onWarning?.({ code: "unsupported-content", message: "Chat Completions cannot carry a reasoning signature: dropped." });
        }
        break;
      case "tool-call-start":
        if (readMarker(event.extras, "$legacy") === true && !legacy) {
          legacy = true;
          toolOrdinals.set(event.index, -1);
          yield deltaChunk({ function_call: { name: event.name, arguments: "" } });
        } else {
          const ordinal = toolCount++;
          toolOrdinals.set(event.index, ordinal);
          yield deltaChunk({ tool_calls: [{ index: ordinal, id: event.id, type: "function", function: { name: event.name, arguments: "" } }] });
        }
        break;
      case "tool-call-delta": {
        const ordinal = toolOrdinals.get(event.index);
        if (ordinal === undefined || event.argumentsDelta === "") break;
        yield ordinal === -1
          ? deltaChunk({ function_call: { arguments: event.argumentsDelta } })
          : deltaChunk({ tool_calls: [{ index: ordinal, function: { arguments: event.argumentsDelta } }] });
        break;
      }
      case "finish": {
        const reason = encodeFinishReason(event.finishReason, { hasToolCalls: toolCount > 0, legacyFunctionCall: legacy && toolCount === 0 });
        yield deltaChunk({}, reason);
        if (includeUsage) yield chunk([], encodeUsage(event.usage, undefined, options.costOf?.(event.usage)));
        yield done;
        return;
      }
      default:
        // Block starts/ends and interim usage have no chunk of their own.
        break;
    }
  }
}

export function encodeStream(events: AsyncIterable<CanonicalEvent>, options: StreamEncodeOptions = {}): AsyncIterable<string> {
  // guardStream turns events that end without `finish` into an `error`, so the stream never ends cleanly by accident.
  return encodeChunks(guardStream(events, { model: options.model ?? "" }), options);
}
