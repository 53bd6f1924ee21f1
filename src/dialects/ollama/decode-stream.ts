/**
 * @module
 * Ollama NDJSON stream → canonical events. Each line is a piece of the answer (`thinking`,
 * `content`, or whole `tool_calls`); the `done: true` line carries the reason and the
 * counts. A stream without that line, a malformed line or an `{"error"}` line ends in `error`.
 */
import { inStreamError as buildInStreamError, malformedChunkError } from "../internal/in-stream-error.ts";
import { InvalidRequestError } from "../../core/errors.ts";
import type { CanonicalEvent } from "../../core/types/event.ts";
import type { ToolCallPart } from "../../core/types/message.ts";
import type { Dialect, StreamDecoder, StreamFrame } from "../dialect.ts";
import { isRecord, tryParseJson } from "../internal/json.ts";
import { synthesizeToolCallId } from "../internal/tool-call-id.ts";
import { decodeFramedStream } from "../stream-frames.ts";
import { guardDecoder } from "../stream-guard.ts";
import { mapFinishReason } from "./map-finish-reason.ts";
import { decodeUsage } from "./map-usage.ts";
import { createdSeconds, synthesizeResponseId } from "./response-identity.ts";
import { decodeToolCall } from "./tool-calls.ts";

function malformedChunk(line: string, model: string, reason: string): CanonicalEvent {
  return { type: "error", error: malformedChunkError({ dialect: "ollama", data: line, model, reason }) };
}

function inStreamError(chunk: Record<string, unknown>, model: string): CanonicalEvent {
  // The answer already started with 200: read the line as a server-side failure.
  return { type: "error", error: buildInStreamError({ body: chunk, status: 500, model, excerpt: JSON.stringify(chunk) }) };
}

/** Block bookkeeping: one open text or reasoning block at a time, indexes counted across kinds. */
class BlockTracker {
  private index = -1;
  private open: "text" | "reasoning" | undefined;

  piece(kind: "text" | "reasoning", text: string, events: CanonicalEvent[]): void {
    if (text === "") return;
    if (this.open !== kind) {
      this.close(events);
      this.index += 1;
      this.open = kind;
      events.push({ type: kind === "text" ? "text-start" : "reasoning-start", index: this.index });
    }
    events.push({ type: kind === "text" ? "text-delta" : "reasoning-delta", index: this.index, text });
  }

  close(events: CanonicalEvent[]): void {
    if (this.open === undefined) return;
    events.push({ type: this.open === "text" ? "text-end" : "reasoning-end", index: this.index });
    this.open = undefined;
  }

  next(): number {
    this.index += 1;
    return this.index;
  }
}

/** Stream state of one response: one decoder per stream, one line per frame. */
class LineDecoder implements StreamDecoder {
  readonly #blocks = new BlockTracker();
  #responseId = "";
  #model = "";
  #started = false;
  #toolCalls = 0;

  push(frame: StreamFrame): CanonicalEvent[] {
    const line = frame.data;
    const parsed = tryParseJson(line);
    if (!parsed.ok || !isRecord(parsed.value)) return [malformedChunk(line, this.#model, parsed.ok ? "not a JSON object" : "invalid JSON")];
    const chunk = parsed.value;
    if (chunk["error"] !== undefined) return [inStreamError(chunk, this.#model)];
    const events: CanonicalEvent[] = [];
    if (!this.#started) {
      this.#started = true;
      const createdAt = typeof chunk["created_at"] === "string" ? chunk["created_at"] : undefined;
      this.#responseId = typeof chunk["id"] === "string" && chunk["id"] !== "" ? chunk["id"] : synthesizeResponseId(createdAt);
      this.#model = typeof chunk["model"] === "string" ? chunk["model"] : "";
      const metadata: CanonicalEvent = { type: "response-metadata", id: this.#responseId, model: this.#model };
      const created = createdSeconds(createdAt);
      if (created !== undefined) metadata.created = created;
      events.push(metadata);
    }
    const message = isRecord(chunk["message"]) ? chunk["message"] : {};
    const thinking = message["thinking"];
    const content = message["content"];
    if (typeof thinking === "string") this.#blocks.piece("reasoning", thinking, events);
    if (typeof content === "string") this.#blocks.piece("text", content, events);
    if (Array.isArray(message["tool_calls"]) && message["tool_calls"].length > 0) {
      this.#blocks.close(events);
      for (const wireCall of message["tool_calls"]) {
        let call: ToolCallPart;
        try {
          call = decodeToolCall(wireCall, { param: "message.tool_calls", fallbackId: synthesizeToolCallId(this.#responseId, this.#toolCalls) });
        } catch (error) {
          if (!(error instanceof InvalidRequestError)) throw error;
          events.push(malformedChunk(line, this.#model, error.message));
          return events;
        }
        this.#toolCalls += 1;
        const index = this.#blocks.next();
        const start: CanonicalEvent = { type: "tool-call-start", index, id: call.id, name: call.name };
        if (call.extras !== undefined) start.extras = call.extras;
        events.push(start, { type: "tool-call-delta", index, argumentsDelta: call.arguments }, { type: "tool-call-end", index });
      }
    }
    if (chunk["done"] === true) {
      this.#blocks.close(events);
      const usage = decodeUsage(chunk);
      if (usage.inputTokens !== undefined || usage.outputTokens !== undefined) events.push({ type: "usage", usage });
      const doneReason = typeof chunk["done_reason"] === "string" ? chunk["done_reason"] : undefined;
      events.push({ type: "finish", finishReason: mapFinishReason(doneReason, this.#toolCalls > 0), usage });
    }
    return events;
  }

  /** No `done: true` line: the guard turns the silent end into an error. */
  end(): CanonicalEvent[] {
    return [];
  }
}

export function createStreamDecoder(): StreamDecoder {
  return guardDecoder(new LineDecoder());
}

export const decodeStream: Dialect["decodeStream"] = (body) => decodeFramedStream(body, "ndjson", createStreamDecoder());
