/**
 * @module
 * Canonical events → Ollama NDJSON lines: one line per text or thinking piece, one line for
 * the complete tool calls of a turn (Ollama never splits a call), then the `done: true` line
 * with reason and counts. An error, or events that stop without `finish`, end with an
 * `{"error"}` line.
 */
import { ToolCallBuffer, type BufferedToolCall } from "../internal/tool-call-buffer.ts";
import type { CanonicalEvent } from "../../core/types/event.ts";
import type { Usage, Warning } from "../../core/types/response.ts";
import type { Dialect, StreamEncodeOptions } from "../dialect.ts";
import { formatNdjson } from "../ndjson.ts";
import { guardStream } from "../stream-guard.ts";
import { encodeDoneReason } from "./map-finish-reason.ts";
import { encodeUsage } from "./map-usage.ts";
import { formatCreatedAt } from "./response-identity.ts";
import { encodeToolCall } from "./tool-calls.ts";
import type { OllamaChatResponse, OllamaErrorBody, OllamaResponseMessage, OllamaToolCall } from "./wire-types.ts";

/** Figures the finish event lacks are taken from the latest usage event. */
function mergeUsage(final: Usage, latest: Usage | undefined): Usage {
  if (!latest) return final;
  return {
    inputTokens: final.inputTokens ?? latest.inputTokens,
    outputTokens: final.outputTokens ?? latest.outputTokens,
    cacheReadTokens: final.cacheReadTokens ?? latest.cacheReadTokens,
    cacheWriteTokens: final.cacheWriteTokens ?? latest.cacheWriteTokens,
    reasoningTokens: final.reasoningTokens ?? latest.reasoningTokens,
    raw: final.raw ?? latest.raw,
  };
}

async function* encodeLines(events: AsyncIterable<CanonicalEvent>, options: StreamEncodeOptions): AsyncGenerator<string> {
  let id: string | undefined;
  let model = options.model ?? "";
  let createdAt: string | undefined;
  let latestUsage: Usage | undefined;
  const calls = new ToolCallBuffer();
  // Finished calls wait here: Ollama sends the calls of one turn together in one line.
  let finishedCalls: OllamaToolCall[] = [];

  const line = (message: Partial<OllamaResponseMessage>, done: boolean): OllamaChatResponse => {
    createdAt ??= formatCreatedAt(undefined);
    return {
      ...(id === undefined ? {} : { id }),
      model,
      created_at: createdAt,
      message: { role: "assistant", content: "", ...message },
      done,
    };
  };
  // A call whose arguments are not an object is sent as `{}`; the loss is told to onWarning.
  const finishCall = (call: BufferedToolCall): void => {
    const warnings: Warning[] = [];
    finishedCalls.push(encodeToolCall(call, warnings, "content"));
    for (const warning of warnings) options.onWarning?.(warning);
  };
  function* flushCalls(): Generator<string> {
    for (const call of calls.drain()) finishCall(call);
    if (finishedCalls.length === 0) return;
    yield formatNdjson(line({ tool_calls: finishedCalls }, false));
    finishedCalls = [];
  }

  for await (const event of events) {
    switch (event.type) {
      case "response-metadata":
        if (event.id !== undefined) id = event.id;
        if (event.model !== undefined) model = event.model;
        if (event.created !== undefined) createdAt = formatCreatedAt(event.created);
        break;
      case "text-delta":
        if (event.text === "") break;
        yield* flushCalls();
        yield formatNdjson(line({ content: event.text }, false));
        break;
      case "reasoning-start":
        if (event.redactedData !== undefined) {
          options.onWarning?.({ code: "unsupported-content", message: "Ollama cannot carry redacted reasoning; it was dropped.", path: "content" });
        }
        break;
      case "reasoning-end":
        if (event.signature !== undefined && event.signature !== "") {
          options.onWarning?.({ code: "unsupported-field", message: "Ollama has no reasoning signature; it was dropped.", path: "content" });
        }
        break;
      case "reasoning-delta":
        if (event.text === "") break;
        yield* flushCalls();
        yield formatNdjson(line({ thinking: event.text }, false));
        break;
      case "tool-call-start":
        calls.start(event);
        break;
      case "tool-call-delta":
        calls.delta(event);
        break;
      case "tool-call-end": {
        const call = calls.end(event.index);
        if (call) finishCall(call);
        break;
      }
      case "usage":
        latestUsage = event.usage;
        break;
      case "finish": {
        yield* flushCalls();
        const final: OllamaChatResponse = {
          ...line({}, true),
          done_reason: encodeDoneReason(event.finishReason),
          ...encodeUsage(mergeUsage(event.usage, latestUsage)),
        };
        yield formatNdjson(final);
        return;
      }
      case "error": {
        yield* flushCalls();
        const body: OllamaErrorBody = { error: event.error.message };
        yield formatNdjson(body);
        return;
      }
      default:
        break;
    }
  }
}

export const encodeStream: Dialect["encodeStream"] = (events, options = {}) => encodeLines(guardStream(events), options);
