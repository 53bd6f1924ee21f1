/**
 * @module
 * Canonical events → Anthropic Messages SSE (`event:` and `data:` lines, protocols.md §2.3).
 * Blocks are opened lazily on their first content, so events translated from dialects that
 * have no block starts (OpenAI) or interleave kinds still give well-formed, sequential
 * `content_block_start`/`stop` pairs with indexes 0, 1, 2… (the SDK indexes its content array
 * by them). `message_start` waits for the first content, so usage known by then is in it.
 */
import { randomUUID } from "node:crypto";
import type { CanonicalEvent, FinishEvent } from "../../core/types/event.ts";
import { emptyUsage, type Usage } from "../../core/types/response.ts";
import type { StreamEncodeOptions } from "../dialect.ts";
import { sanitizeToolCallId } from "../internal/tool-call-id.ts";
import { formatSse } from "../sse.ts";
import { guardStream } from "../stream-guard.ts";
import { writeExtras } from "./dialect-extras.ts";
import { encodeErrorBody } from "./encode-error.ts";
import { encodeFinishReason } from "./map-finish-reason.ts";
import { encodeDeltaUsage, encodeUsage } from "./map-usage.ts";
import type { AnthropicAssistantBlock, AnthropicBlockDelta, AnthropicStreamEvent } from "./wire-types.ts";

type WireBlockKind = "text" | "thinking" | "redacted" | "tool";

interface OpenBlock {
  /** The canonical index it serves, and the wire index it was given. */
  index: number;
  kind: WireBlockKind;
  wireIndex: number;
}

interface EncoderState {
  id: string | undefined;
  model: string | undefined;
  usage: Usage | undefined;
  started: boolean;
  open: OpenBlock | undefined;
  nextWireIndex: number;
  /** Tool-call starts by canonical index, to reopen a call whose deltas come back later. */
  tools: Map<number, AnthropicAssistantBlock>;
}

function formatEvent(event: AnthropicStreamEvent): string {
  return formatSse(JSON.stringify(event), event.type);
}

function* ensureStarted(state: EncoderState, options: StreamEncodeOptions): Generator<string> {
  if (state.started) return;
  state.started = true;
  const message = {
    id: state.id ?? `msg_${randomUUID().replaceAll("-", "")}`,
    type: "message" as const,
    role: "assistant" as const,
    model: state.model ?? options.model ?? "",
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage: encodeUsage(state.usage ?? emptyUsage()),
  };
  yield formatEvent({ type: "message_start", message });
  yield formatEvent({ type: "ping" });
}

function* closeOpen(state: EncoderState): Generator<string> {
  if (state.open === undefined) return;
  yield formatEvent({ type: "content_block_stop", index: state.open.wireIndex });
  state.open = undefined;
}

function* openBlock(
  state: EncoderState,
  options: StreamEncodeOptions,
  target: { index: number; kind: WireBlockKind; block: AnthropicAssistantBlock },
): Generator<string> {
  yield* ensureStarted(state, options);
  yield* closeOpen(state);
  const wireIndex = state.nextWireIndex++;
  state.open = { index: target.index, kind: target.kind, wireIndex };
  yield formatEvent({ type: "content_block_start", index: wireIndex, content_block: target.block });
}

function isOpen(state: EncoderState, index: number, kind: WireBlockKind): boolean {
  return state.open?.index === index && state.open.kind === kind;
}

function* emitDelta(state: EncoderState, value: AnthropicBlockDelta): Generator<string> {
  if (state.open !== undefined) yield formatEvent({ type: "content_block_delta", index: state.open.wireIndex, delta: value });
}

function* finishMessage(state: EncoderState, options: StreamEncodeOptions, event: FinishEvent): Generator<string> {
  yield* ensureStarted(state, options);
  yield* closeOpen(state);
  yield formatEvent({
    type: "message_delta",
    delta: { stop_reason: encodeFinishReason(event.finishReason), stop_sequence: null },
    usage: encodeDeltaUsage(event.usage),
  });
  yield formatEvent({ type: "message_stop" });
}

const emptyText: AnthropicAssistantBlock = { type: "text", text: "" };
const emptyThinking: AnthropicAssistantBlock = { type: "thinking", thinking: "", signature: "" };

/** Translates one event; returns true after the terminal one. */
function* translate(event: CanonicalEvent, state: EncoderState, options: StreamEncodeOptions): Generator<string, boolean> {
  switch (event.type) {
    case "response-metadata":
      if (event.id !== undefined) state.id = event.id;
      if (event.model !== undefined) state.model = event.model;
      return false;
    case "usage":
      state.usage = event.usage;
      return false;
    case "text-start":
    case "reasoning-start":
      if (event.type === "reasoning-start" && event.redactedData !== undefined) {
        const block: AnthropicAssistantBlock = { type: "redacted_thinking", data: event.redactedData };
        yield* openBlock(state, options, { index: event.index, kind: "redacted", block });
      }
      return false; // other blocks open on their first content
    case "text-delta":
      if (event.text === "") return false;
      if (!isOpen(state, event.index, "text")) yield* openBlock(state, options, { index: event.index, kind: "text", block: emptyText });
      yield* emitDelta(state, { type: "text_delta", text: event.text });
      return false;
    case "reasoning-delta":
      if (event.text === "") return false;
      if (!isOpen(state, event.index, "thinking")) {
        yield* openBlock(state, options, { index: event.index, kind: "thinking", block: emptyThinking });
      }
      yield* emitDelta(state, { type: "thinking_delta", thinking: event.text });
      return false;
    case "reasoning-end":
      if (event.signature !== undefined && !isOpen(state, event.index, "thinking") && !isOpen(state, event.index, "redacted")) {
        yield* openBlock(state, options, { index: event.index, kind: "thinking", block: emptyThinking });
      }
      if (event.signature !== undefined && isOpen(state, event.index, "thinking")) {
        yield* emitDelta(state, { type: "signature_delta", signature: event.signature });
      }
      if (isOpen(state, event.index, "thinking") || isOpen(state, event.index, "redacted")) yield* closeOpen(state);
      return false;
    case "text-end":
      if (isOpen(state, event.index, "text")) yield* closeOpen(state);
      return false;
    case "tool-call-start": {
      const block: AnthropicAssistantBlock = {
        ...writeExtras(event.extras),
        type: "tool_use",
        id: sanitizeToolCallId(event.id),
        name: event.name,
        input: {},
      };
      state.tools.set(event.index, block);
      yield* openBlock(state, options, { index: event.index, kind: "tool", block });
      return false;
    }
    case "tool-call-delta": {
      if (event.argumentsDelta === "") return false;
      const block = state.tools.get(event.index);
      if (block === undefined) return false; // no id or name to open a tool_use block with
      if (!isOpen(state, event.index, "tool")) yield* openBlock(state, options, { index: event.index, kind: "tool", block });
      yield* emitDelta(state, { type: "input_json_delta", partial_json: event.argumentsDelta });
      return false;
    }
    case "tool-call-end":
      if (isOpen(state, event.index, "tool")) yield* closeOpen(state);
      return false;
    case "finish":
      yield* finishMessage(state, options, event);
      return true;
    case "error":
      // A cut mid-block is left open, as Anthropic does: the client must not take it as complete.
      yield formatEvent(encodeErrorBody(event.error).body);
      return true;
  }
}

async function* encodeEvents(events: AsyncIterable<CanonicalEvent>, options: StreamEncodeOptions): AsyncGenerator<string> {
  const state: EncoderState = {
    id: undefined,
    model: undefined,
    usage: undefined,
    started: false,
    open: undefined,
    nextWireIndex: 0,
    tools: new Map(),
  };
  for await (const event of events) {
    if (yield* translate(event, state, options)) return;
  }
}

export function encodeStream(events: AsyncIterable<CanonicalEvent>, options: StreamEncodeOptions = {}): AsyncIterable<string> {
  return encodeEvents(guardStream(events), options);
}
