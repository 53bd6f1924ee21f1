/**
 * @module
 * Ollama NDJSON stream → canonical events. Each line is a piece of the answer (`thinking`,
 * `content`, or whole `tool_calls`); the `done: true` line carries the reason and the
 * counts. A stream without that line, a malformed line or an `{"error"}` line ends in `error`.
 */
import { inStreamError as buildInStreamError, malformedChunkError } from "../internal/in-stream-error.ts";
import { InvalidRequestError } from "../../core/errors.ts";
import type { BlockEvent, CanonicalEvent } from "../../core/types/event.ts";
import type { ToolCallPart } from "../../core/types/message.ts";
import type { Dialect } from "../dialect.ts";
import { isRecord, tryParseJson } from "../internal/json.ts";
import { synthesizeToolCallId } from "../internal/tool-call-id.ts";
import { parseNdjsonLines } from "../ndjson.ts";
import { guardStream } from "../stream-guard.ts";
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

  *piece(kind: "text" | "reasoning", text: string): Generator<BlockEvent> {
    if (text === "") return;
    if (this.open !== kind) {
      yield* this.close();
      this.index += 1;
      this.open = kind;
      yield { type: kind === "text" ? "text-start" : "reasoning-start", index: this.index };
    }
    yield { type: kind === "text" ? "text-delta" : "reasoning-delta", index: this.index, text };
  }

  *close(): Generator<BlockEvent> {
    if (this.open === undefined) return;
    yield { type: this.open === "text" ? "text-end" : "reasoning-end", index: this.index };
    this.open = undefined;
  }

  next(): number {
    this.index += 1;
    return this.index;
  }
}

async function* decodeLines(body: AsyncIterable<Uint8Array | string>): AsyncGenerator<CanonicalEvent> {
  const blocks = new BlockTracker();
  let responseId = "";
  let model = "";
  let started = false;
  let toolCalls = 0;
  for await (const line of parseNdjsonLines(body)) {
    const parsed = tryParseJson(line);
    if (!parsed.ok || !isRecord(parsed.value)) {
      yield malformedChunk(line, model, parsed.ok ? "not a JSON object" : "invalid JSON");
      return;
    }
    const chunk = parsed.value;
    if (chunk["error"] !== undefined) {
      yield inStreamError(chunk, model);
      return;
    }
    if (!started) {
      started = true;
      const createdAt = typeof chunk["created_at"] === "string" ? chunk["created_at"] : undefined;
      responseId = typeof chunk["id"] === "string" && chunk["id"] !== "" ? chunk["id"] : synthesizeResponseId(createdAt);
      model = typeof chunk["model"] === "string" ? chunk["model"] : "";
      const metadata: CanonicalEvent = { type: "response-metadata", id: responseId, model };
      const created = createdSeconds(createdAt);
      if (created !== undefined) metadata.created = created;
      yield metadata;
    }
    const message = isRecord(chunk["message"]) ? chunk["message"] : {};
    const thinking = message["thinking"];
    const content = message["content"];
    if (typeof thinking === "string") yield* blocks.piece("reasoning", thinking);
    if (typeof content === "string") yield* blocks.piece("text", content);
    if (Array.isArray(message["tool_calls"]) && message["tool_calls"].length > 0) {
      yield* blocks.close();
      for (const wireCall of message["tool_calls"]) {
        let call: ToolCallPart;
        try {
          call = decodeToolCall(wireCall, { param: "message.tool_calls", fallbackId: synthesizeToolCallId(responseId, toolCalls) });
        } catch (error) {
          if (!(error instanceof InvalidRequestError)) throw error;
          yield malformedChunk(line, model, error.message);
          return;
        }
        toolCalls += 1;
        const index = blocks.next();
        const start: CanonicalEvent = { type: "tool-call-start", index, id: call.id, name: call.name };
        if (call.extras !== undefined) start.extras = call.extras;
        yield start;
        yield { type: "tool-call-delta", index, argumentsDelta: call.arguments };
        yield { type: "tool-call-end", index };
      }
    }
    if (chunk["done"] === true) {
      yield* blocks.close();
      const usage = decodeUsage(chunk);
      if (usage.inputTokens !== undefined || usage.outputTokens !== undefined) yield { type: "usage", usage };
      const doneReason = typeof chunk["done_reason"] === "string" ? chunk["done_reason"] : undefined;
      yield { type: "finish", finishReason: mapFinishReason(doneReason, toolCalls > 0), usage };
      return;
    }
  }
  // No `done: true` line: guardStream turns the silent end into an error.
}

export const decodeStream: Dialect["decodeStream"] = (body) => guardStream(decodeLines(body));
