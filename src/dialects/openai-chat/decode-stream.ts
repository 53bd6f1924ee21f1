/**
 * @module
 * Chat Completions SSE → canonical events. Framing is the splitter's job; this reads chunks.
 * Blocks open and close one at a time (text, reasoning, each tool call) with one global
 * `index`, so encoders that need block boundaries (Anthropic) get them. `finish` is held
 * until `[DONE]` or the end of the body, because usage arrives after the finish_reason.
 */
import { inStreamError, malformedChunkError } from "../internal/in-stream-error.ts";
import type { CanonicalEvent, ErrorEvent } from "../../core/types/event.ts";
import { emptyUsage, type FinishReason, type Usage } from "../../core/types/response.ts";
import type { StreamDecoder, StreamFrame } from "../dialect.ts";
import { isRecord, tryParseJson } from "../internal/json.ts";
import { synthesizeToolCallId } from "../internal/tool-call-id.ts";
import { decodeFramedStream } from "../stream-frames.ts";
import { guardDecoder, streamCutError } from "../stream-guard.ts";
import { mapFinishReason } from "./map-finish-reason.ts";
import { decodeUsage } from "./usage.ts";
import { addMarkers } from "./wire-extras.ts";

type OpenBlock = { kind: "text" | "reasoning"; index: number } | { kind: "tool"; index: number };

function readNonEmptyString(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** Stream state of one response: one decoder per stream. */
class ChunkDecoder implements StreamDecoder {
  #model = "";
  #id = "";
  #started = false;
  #nextIndex = 0;
  #open: OpenBlock | undefined;
  /** Tool ordinal (the wire's `tool_calls[].index`) → canonical block index. */
  #tools = new Map<number, number>();
  #legacyTool: number | undefined;
  #finishReason: FinishReason | undefined;
  #usage: Usage | undefined;

  push(frame: StreamFrame): CanonicalEvent[] {
    if (frame.data === "[DONE]") return this.end();
    const parsed = tryParseJson(frame.data);
    if (!parsed.ok || !isRecord(parsed.value)) return [createMalformedChunkError(frame.data, this.#model)];
    if (parsed.value["error"] !== undefined && parsed.value["error"] !== null) return [createInStreamError(parsed.value, this.#model)];
    return this.#read(parsed.value);
  }

  /** A finish_reason makes the answer complete even if `[DONE]` was lost; without one it was cut. */
  end(): CanonicalEvent[] {
    if (!this.#finishReason) {
      return [{ type: "error", error: streamCutError("The openai-chat stream ended without a finish_reason.", { model: this.#model }) }];
    }
    return [{ type: "finish", finishReason: this.#finishReason, usage: this.#usage ?? emptyUsage() }];
  }

  #read(chunk: Record<string, unknown>): CanonicalEvent[] {
    const events: CanonicalEvent[] = [];
    if (!this.#started) {
      this.#started = true;
      this.#id = typeof chunk["id"] === "string" ? chunk["id"] : "";
      this.#model = typeof chunk["model"] === "string" ? chunk["model"] : "";
      const metadata: CanonicalEvent = { type: "response-metadata", id: this.#id, model: this.#model };
      if (typeof chunk["created"] === "number") metadata.created = chunk["created"];
      events.push(metadata);
    }
    const choices = Array.isArray(chunk["choices"]) ? chunk["choices"] : [];
    for (const choice of choices) {
      // Only the first choice is decoded; `n > 1` has no canonical form.
      if (isRecord(choice) && (choice["index"] ?? 0) === 0) this.#readChoice(choice, events);
    }
    if (isRecord(chunk["usage"])) {
      this.#usage = decodeUsage(chunk["usage"]).usage;
      events.push({ type: "usage", usage: this.#usage });
    }
    return events;
  }

  #readChoice(choice: Record<string, unknown>, events: CanonicalEvent[]): void {
    const delta = isRecord(choice["delta"]) ? choice["delta"] : {};
    // Non-standard reasoning fields: DeepSeek/Qwen `reasoning_content`, OpenRouter `reasoning`.
    const reasoning = readNonEmptyString(delta["reasoning_content"]) ?? readNonEmptyString(delta["reasoning"]);
    if (reasoning) this.#appendText("reasoning", reasoning, events);
    const text = readNonEmptyString(delta["content"]) ?? readNonEmptyString(delta["refusal"]);
    if (text) this.#appendText("text", text, events);
    if (Array.isArray(delta["tool_calls"])) {
      for (const fragment of delta["tool_calls"]) if (isRecord(fragment)) this.#readToolFragment(fragment, events);
    }
    if (isRecord(delta["function_call"])) this.#readFunctionCall(delta["function_call"], events);
    if (typeof choice["finish_reason"] === "string") {
      this.#close(events);
      this.#finishReason = mapFinishReason(choice["finish_reason"]);
    }
  }

  #close(events: CanonicalEvent[]): void {
    const open = this.#open;
    if (!open) return;
    events.push({ type: open.kind === "tool" ? "tool-call-end" : open.kind === "text" ? "text-end" : "reasoning-end", index: open.index });
    this.#open = undefined;
  }

  #appendText(kind: "text" | "reasoning", text: string, events: CanonicalEvent[]): void {
    let open = this.#open;
    if (open?.kind !== kind) {
      this.#close(events);
      open = { kind, index: this.#nextIndex++ };
      this.#open = open;
      events.push({ type: kind === "text" ? "text-start" : "reasoning-start", index: open.index });
    }
    events.push(kind === "text" ? { type: "text-delta", index: open.index, text } : { type: "reasoning-delta", index: open.index, text });
  }

  #startTool(id: string, name: string, events: CanonicalEvent[], legacy: boolean): number {
    this.#close(events);
    const index = this.#nextIndex++;
    this.#open = { kind: "tool", index };
    const start: CanonicalEvent = { type: "tool-call-start", index, id, name };
    if (legacy) start.extras = addMarkers(undefined, { $legacy: true });
    events.push(start);
    return index;
  }

  #readToolFragment(fragment: Record<string, unknown>, events: CanonicalEvent[]): void {
    const fn = isRecord(fragment["function"]) ? fragment["function"] : {};
    // `index` keys the call; a provider that omits it sends each call whole, so a new id means a new call.
    const ordinal =
      typeof fragment["index"] === "number" ? fragment["index"] : typeof fragment["id"] === "string" ? this.#tools.size : Math.max(0, this.#tools.size - 1);
    let index = this.#tools.get(ordinal);
    if (index === undefined) {
      const id = readNonEmptyString(fragment["id"]) ?? synthesizeToolCallId(this.#id, ordinal);
      index = this.#startTool(id, typeof fn["name"] === "string" ? fn["name"] : "", events, false);
      this.#tools.set(ordinal, index);
    }
    const argumentsDelta = readNonEmptyString(fn["arguments"]);
    if (argumentsDelta) events.push({ type: "tool-call-delta", index, argumentsDelta });
  }

  #readFunctionCall(call: Record<string, unknown>, events: CanonicalEvent[]): void {
    if (this.#legacyTool === undefined) {
      const name = typeof call["name"] === "string" ? call["name"] : "";
      this.#legacyTool = this.#startTool(synthesizeToolCallId(this.#id, 0), name, events, true);
    }
    const argumentsDelta = readNonEmptyString(call["arguments"]);
    if (argumentsDelta) events.push({ type: "tool-call-delta", index: this.#legacyTool, argumentsDelta });
  }
}

/** An `{"error":{...}}` frame, classified like an HTTP error body. */
function createInStreamError(chunk: Record<string, unknown>, model: string): ErrorEvent {
  const error = isRecord(chunk["error"]) ? chunk["error"] : {};
  // OpenRouter puts the HTTP status it would have sent in `error.code`.
  const numeric = typeof error["code"] === "number" ? error["code"] : undefined;
  const status = numeric !== undefined && numeric >= 400 && numeric < 600 ? numeric : 500;
  return { type: "error", error: inStreamError({ body: chunk, status, model, excerpt: JSON.stringify(chunk) }) };
}

function createMalformedChunkError(data: string, model: string): ErrorEvent {
  return { type: "error", error: malformedChunkError({ dialect: "openai-chat", data, model }) };
}

export function createStreamDecoder(): StreamDecoder {
  return guardDecoder(new ChunkDecoder());
}

export function decodeStream(body: AsyncIterable<Uint8Array | string>): AsyncIterable<CanonicalEvent> {
  return decodeFramedStream(body, "sse", createStreamDecoder());
}
