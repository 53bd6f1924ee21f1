/**
 * @module
 * Anthropic Messages SSE stream → canonical events (protocols.md §2.3). The wire's block
 * indexes are kept as canonical indexes. `finish` is held until `message_stop` (or the end
 * of the stream, if `message_delta` already named the stop reason); anything else that
 * ends the stream early becomes an `error` through `guardDecoder`.
 */
import { inStreamError, malformedChunkError } from "../internal/in-stream-error.ts";
import { UpstreamError } from "../../core/errors.ts";
import type { CanonicalEvent } from "../../core/types/event.ts";
import type { FinishReason } from "../../core/types/response.ts";
import { isRecord, tryParseJson } from "../internal/json.ts";
import { stringifyToolArguments } from "../internal/tool-arguments.ts";
import type { StreamDecoder, StreamFrame } from "../dialect.ts";
import { decodeFramedStream } from "../stream-frames.ts";
import { guardDecoder } from "../stream-guard.ts";
import { readExtras } from "./dialect-extras.ts";
import { statusByErrorType } from "./encode-error.ts";
import { mapFinishReason } from "./map-finish-reason.ts";
import { decodeUsage, mergeUsage } from "./map-usage.ts";
import { numberOrUndefined } from "./read-wire.ts";
import type { AnthropicErrorType } from "./wire-types.ts";

type BlockKind = "text" | "tool-call" | "reasoning" | "ignored";

interface Block {
  kind: BlockKind;
  signature?: string;
}

interface StreamState {
  model: string;
  /** Wire usage so far: `message_start` counts, overwritten by each `message_delta`. */
  usage: Record<string, unknown>;
  finishReason: FinishReason | undefined;
  blocks: Map<number, Block>;
}

const knownToolUse = new Set(["type", "id", "name", "input"]);

/** A frame that does not parse, or lacks the fields its type requires. */
class MalformedChunk extends Error {}

function createMalformedError(data: string, model: string): UpstreamError {
  return malformedChunkError({ dialect: "anthropic-messages", data, model });
}

function createInStreamError(event: Record<string, unknown>, data: string, model: string): UpstreamError {
  const type = isRecord(event["error"]) ? event["error"]["type"] : undefined;
  // The HTTP status was 200; the error type says which status it stands for.
  const status = typeof type === "string" && Object.hasOwn(statusByErrorType, type) ? statusByErrorType[type as AnthropicErrorType] : 500;
  return inStreamError({ body: event, status, model, excerpt: data });
}

function requireIndex(event: Record<string, unknown>): number {
  const index = numberOrUndefined(event["index"]);
  if (index === undefined) throw new MalformedChunk();
  return index;
}

function requireString(record: Record<string, unknown>, key: string): string {
  const value = record[key];
  if (typeof value !== "string") throw new MalformedChunk();
  return value;
}

function startBlock(event: Record<string, unknown>, state: StreamState, events: CanonicalEvent[]): void {
  const index = requireIndex(event);
  const block = event["content_block"];
  if (!isRecord(block)) throw new MalformedChunk();
  switch (block["type"]) {
    case "text": {
      state.blocks.set(index, { kind: "text" });
      events.push({ type: "text-start", index });
      const text = block["text"];
      if (typeof text === "string" && text !== "") events.push({ type: "text-delta", index, text });
      return;
    }
    case "tool_use": {
      state.blocks.set(index, { kind: "tool-call" });
      const start: CanonicalEvent = { type: "tool-call-start", index, id: requireString(block, "id"), name: requireString(block, "name") };
      const extras = readExtras(block, knownToolUse);
      if (extras !== undefined) start.extras = extras;
      events.push(start);
      const input = block["input"];
      if (isRecord(input) && Object.keys(input).length > 0) {
        events.push({ type: "tool-call-delta", index, argumentsDelta: stringifyToolArguments(input) });
      }
      return;
    }
    case "thinking": {
      const signature = block["signature"];
      state.blocks.set(index, typeof signature === "string" && signature !== "" ? { kind: "reasoning", signature } : { kind: "reasoning" });
      events.push({ type: "reasoning-start", index });
      const thinking = block["thinking"];
      if (typeof thinking === "string" && thinking !== "") events.push({ type: "reasoning-delta", index, text: thinking });
      return;
    }
    case "redacted_thinking":
      state.blocks.set(index, { kind: "reasoning" });
      events.push({ type: "reasoning-start", index, redactedData: requireString(block, "data") });
      return;
    default:
      // Server-tool blocks (server_tool_use, web_search_tool_result...) have no canonical form.
      state.blocks.set(index, { kind: "ignored" });
  }
}

/** A delta for a block that never started: text and thinking can be opened implicitly. */
function openImplicitly(index: number, kind: "text" | "reasoning", state: StreamState, events: CanonicalEvent[]): void {
  state.blocks.set(index, { kind });
  events.push({ type: kind === "text" ? "text-start" : "reasoning-start", index });
}

function deltaBlock(event: Record<string, unknown>, state: StreamState, events: CanonicalEvent[]): void {
  const index = requireIndex(event);
  const delta = event["delta"];
  if (!isRecord(delta)) throw new MalformedChunk();
  const block = state.blocks.get(index);
  switch (delta["type"]) {
    case "text_delta": {
      const text = requireString(delta, "text");
      if (block === undefined) openImplicitly(index, "text", state, events);
      if (block === undefined || block.kind === "text") events.push({ type: "text-delta", index, text });
      return;
    }
    case "thinking_delta": {
      const text = requireString(delta, "thinking");
      if (block === undefined) openImplicitly(index, "reasoning", state, events);
      if (block === undefined || block.kind === "reasoning") events.push({ type: "reasoning-delta", index, text });
      return;
    }
    case "input_json_delta": {
      const fragment = requireString(delta, "partial_json");
      if (block?.kind === "tool-call" && fragment !== "") events.push({ type: "tool-call-delta", index, argumentsDelta: fragment });
      return;
    }
    case "signature_delta":
      if (block !== undefined) block.signature = requireString(delta, "signature");
      return;
    default:
      return; // citations_delta and newer delta types
  }
}

function createEndEvent(index: number, block: Block): CanonicalEvent | undefined {
  if (block.kind === "text") return { type: "text-end", index };
  if (block.kind === "tool-call") return { type: "tool-call-end", index };
  if (block.kind === "reasoning") {
    return block.signature === undefined ? { type: "reasoning-end", index } : { type: "reasoning-end", index, signature: block.signature };
  }
  return undefined;
}

function stopBlock(event: Record<string, unknown>, state: StreamState, events: CanonicalEvent[]): void {
  const index = requireIndex(event);
  const block = state.blocks.get(index);
  if (block === undefined) return;
  state.blocks.delete(index);
  const end = createEndEvent(index, block);
  if (end !== undefined) events.push(end);
}

function finishStream(state: StreamState, events: CanonicalEvent[]): void {
  for (const [index, block] of state.blocks) {
    const end = createEndEvent(index, block);
    if (end !== undefined) events.push(end);
  }
  state.blocks.clear();
  events.push({ type: "finish", finishReason: state.finishReason ?? mapFinishReason(undefined), usage: decodeUsage(state.usage) });
}

/** Translates one wire event into `events` (a `finish` or an `error` ends the stream). */
function translateEvent(event: Record<string, unknown>, data: string, state: StreamState, events: CanonicalEvent[]): void {
  switch (event["type"]) {
    case "message_start": {
      const message = event["message"];
      if (!isRecord(message)) throw new MalformedChunk();
      const metadata: CanonicalEvent = { type: "response-metadata" };
      if (typeof message["id"] === "string") metadata.id = message["id"];
      if (typeof message["model"] === "string") {
        metadata.model = message["model"];
        state.model = message["model"];
      }
      events.push(metadata);
      if (isRecord(message["usage"])) {
        mergeUsage(state.usage, message["usage"]);
        events.push({ type: "usage", usage: decodeUsage({ ...state.usage }) });
      }
      return;
    }
    case "content_block_start":
      startBlock(event, state, events);
      return;
    case "content_block_delta":
      deltaBlock(event, state, events);
      return;
    case "content_block_stop":
      stopBlock(event, state, events);
      return;
    case "message_delta": {
      const delta = event["delta"];
      if (isRecord(delta) && typeof delta["stop_reason"] === "string") state.finishReason = mapFinishReason(delta["stop_reason"]);
      if (isRecord(event["usage"])) {
        mergeUsage(state.usage, event["usage"]);
        events.push({ type: "usage", usage: decodeUsage({ ...state.usage }) });
      }
      return;
    }
    case "message_stop":
      finishStream(state, events);
      return;
    case "error":
      events.push({ type: "error", error: createInStreamError(event, data, state.model) });
      return;
    default:
      return; // ping, and event types added later
  }
}

class EventDecoder implements StreamDecoder {
  readonly #state: StreamState = { model: "", usage: {}, finishReason: undefined, blocks: new Map() };

  push(frame: StreamFrame): CanonicalEvent[] {
    const state = this.#state;
    const parsed = tryParseJson(frame.data);
    if (!parsed.ok || !isRecord(parsed.value) || typeof parsed.value["type"] !== "string") {
      return [{ type: "error", error: createMalformedError(frame.data, state.model) }];
    }
    const events: CanonicalEvent[] = [];
    try {
      translateEvent(parsed.value, frame.data, state, events);
    } catch (error) {
      if (!(error instanceof MalformedChunk)) throw error;
      events.push({ type: "error", error: createMalformedError(frame.data, state.model) });
    }
    return events;
  }

  /** No message_stop: the answer is complete only if message_delta named the stop reason. */
  end(): CanonicalEvent[] {
    const events: CanonicalEvent[] = [];
    if (this.#state.finishReason !== undefined) finishStream(this.#state, events);
    return events;
  }
}

export function createStreamDecoder(): StreamDecoder {
  return guardDecoder(new EventDecoder());
}

export function decodeStream(body: AsyncIterable<Uint8Array | string>): AsyncIterable<CanonicalEvent> {
  return decodeFramedStream(body, "sse", createStreamDecoder());
}
