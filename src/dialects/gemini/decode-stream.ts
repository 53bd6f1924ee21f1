/**
 * @module
 * A Gemini SSE stream (`streamGenerateContent?alt=sse`) → canonical events. Each event is
 * `data: <GenerateContentResponse>` with incremental parts; there is no sentinel: the stream
 * is complete when it closes after a chunk with a finishReason (or a blocked prompt), and cut
 * otherwise. Function calls arrive whole, so each becomes start, one delta, end. `finish` is
 * held until the stream closes, since usage may come after the finish reason.
 *
 * A `thoughtSignature` on a plain text part has no slot in text events: it is carried by an
 * empty reasoning block right after that text block, which the encoders echo back.
 */
import { inStreamError as buildInStreamError, malformedChunkError } from "../internal/in-stream-error.ts";
import { LlmuxError, UpstreamError } from "../../core/errors.ts";
import type { CanonicalEvent } from "../../core/types/event.ts";
import type { AssistantContentPart } from "../../core/types/message.ts";
import type { FinishReason } from "../../core/types/response.ts";
import { isRecord, tryParseJson } from "../internal/json.ts";
import { synthesizeToolCallId } from "../internal/tool-call-id.ts";
import type { StreamDecoder, StreamFrame } from "../dialect.ts";
import { decodeFramedStream } from "../stream-frames.ts";
import { guardDecoder } from "../stream-guard.ts";
import { decodeModelPart, readPart } from "./decode-parts.ts";
import { mapFinishReason } from "./map-finish-reason.ts";
import { decodeUsage } from "./map-usage.ts";
import { readExtras } from "./wire-extras.ts";

function excerpt(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

function malformedChunk(data: string, model: string, cause?: unknown): UpstreamError {
  return malformedChunkError({ dialect: "gemini", data, model, cause });
}

function inStreamError(chunk: Record<string, unknown>, data: string, model: string): UpstreamError {
  const error = isRecord(chunk["error"]) ? chunk["error"] : {};
  const status = typeof error["code"] === "number" ? error["code"] : 500;
  return buildInStreamError({ body: chunk, status, model, excerpt: excerpt(data) });
}

interface OpenBlock {
  type: "text" | "reasoning";
  index: number;
  signature?: string;
}

/** Stream state of one response: one decoder per stream. */
class ChunkDecoder implements StreamDecoder {
  #started = false;
  #responseId = "";
  #model = "";
  #nextIndex = 0;
  #open: OpenBlock | undefined;
  /** A text part's signature, sent once its text block closes. */
  #pendingSignature: string | undefined;
  #ordinal = 0;
  #hasToolCalls = false;
  #finishRaw: string | undefined;
  #blockReason: string | undefined;
  #finished = false;
  #usageMetadata: unknown;

  push(frame: StreamFrame): CanonicalEvent[] {
    const parsed = tryParseJson(frame.data);
    if (!parsed.ok || !isRecord(parsed.value)) {
      return [{ type: "error", error: malformedChunk(frame.data, this.#model, parsed.ok ? undefined : parsed.error) }];
    }
    const chunk = parsed.value;
    if (chunk["error"] !== undefined) return [{ type: "error", error: inStreamError(chunk, frame.data, this.#model) }];
    const events: CanonicalEvent[] = [];
    if (!this.#started) {
      this.#started = true;
      this.#responseId = typeof chunk["responseId"] === "string" ? chunk["responseId"] : "";
      this.#model = typeof chunk["modelVersion"] === "string" ? chunk["modelVersion"] : "";
      const metadata: CanonicalEvent = { type: "response-metadata" };
      if (this.#responseId !== "") metadata.id = this.#responseId;
      if (this.#model !== "") metadata.model = this.#model;
      events.push(metadata);
    }
    const candidates = Array.isArray(chunk["candidates"]) ? chunk["candidates"] : undefined;
    const candidate = isRecord(candidates?.[0]) ? candidates[0] : undefined;
    const content = isRecord(candidate?.["content"]) ? candidate["content"] : undefined;
    const parts = Array.isArray(content?.["parts"]) ? content["parts"] : [];
    for (const [index, raw] of parts.entries()) {
      let part: AssistantContentPart | undefined;
      try {
        const path = `candidates[0].content.parts[${index}]`;
        part = decodeModelPart(readPart(raw, path), path, () => synthesizeToolCallId(this.#responseId, this.#ordinal++));
      } catch (error) {
        if (!LlmuxError.isInstance(error)) throw error;
        events.push({ type: "error", error: malformedChunk(frame.data, this.#model, error) });
        return events;
      }
      // Parts with no canonical event (inline images, executable code) are skipped.
      if (part !== undefined) this.#emitPart(part, events);
    }
    if (typeof candidate?.["finishReason"] === "string") {
      this.#finishRaw = candidate["finishReason"];
      this.#finished = true;
    }
    const feedback = isRecord(chunk["promptFeedback"]) ? chunk["promptFeedback"] : undefined;
    if (candidate === undefined && typeof feedback?.["blockReason"] === "string") {
      this.#blockReason = feedback["blockReason"];
      this.#finished = true;
    }
    if (chunk["usageMetadata"] !== undefined) this.#usageMetadata = chunk["usageMetadata"];
    return events;
  }

  end(): CanonicalEvent[] {
    // No finish signal before the connection closed: the guard reports the cut.
    if (!this.#finished) return [];
    const events: CanonicalEvent[] = [];
    this.#close(events);
    const usage = decodeUsage(this.#usageMetadata);
    if (this.#usageMetadata !== undefined) events.push({ type: "usage", usage });
    const finishReason: FinishReason =
      this.#blockReason !== undefined ? { unified: "content-filter", raw: this.#blockReason } : mapFinishReason(this.#finishRaw, this.#hasToolCalls);
    events.push({ type: "finish", finishReason, usage });
    return events;
  }

  #signatureBlock(signature: string, events: CanonicalEvent[]): void {
    const index = this.#nextIndex++;
    events.push({ type: "reasoning-start", index }, { type: "reasoning-end", index, signature });
  }

  #close(events: CanonicalEvent[]): void {
    const open = this.#open;
    if (open?.type === "text") events.push({ type: "text-end", index: open.index });
    if (open?.type === "reasoning") {
      events.push(open.signature === undefined ? { type: "reasoning-end", index: open.index } : { type: "reasoning-end", index: open.index, signature: open.signature });
    }
    this.#open = undefined;
    if (this.#pendingSignature !== undefined) this.#signatureBlock(this.#pendingSignature, events);
    this.#pendingSignature = undefined;
  }

  #ensureOpen(type: OpenBlock["type"], events: CanonicalEvent[]): OpenBlock {
    if (this.#open?.type === type) return this.#open;
    this.#close(events);
    const block: OpenBlock = { type, index: this.#nextIndex++ };
    this.#open = block;
    events.push(type === "text" ? { type: "text-start", index: block.index } : { type: "reasoning-start", index: block.index });
    return block;
  }

  #emitPart(part: AssistantContentPart, events: CanonicalEvent[]): void {
    if (part.type === "reasoning") {
      const block = this.#ensureOpen("reasoning", events);
      if (part.text !== "") events.push({ type: "reasoning-delta", index: block.index, text: part.text });
      if (part.signature !== undefined) block.signature = part.signature;
      return;
    }
    if (part.type === "text") {
      const signature = readExtras(part.extras).fields["thoughtSignature"];
      if (part.text === "") {
        // The final chunk often carries an empty text part; only a signature on it matters.
        if (typeof signature === "string") {
          this.#close(events);
          this.#signatureBlock(signature, events);
        }
        return;
      }
      const block = this.#ensureOpen("text", events);
      events.push({ type: "text-delta", index: block.index, text: part.text });
      if (typeof signature === "string") this.#pendingSignature = signature;
      return;
    }
    this.#close(events);
    this.#hasToolCalls = true;
    const index = this.#nextIndex++;
    const start: CanonicalEvent = { type: "tool-call-start", index, id: part.id, name: part.name };
    if (part.extras !== undefined) start.extras = part.extras;
    events.push(start, { type: "tool-call-delta", index, argumentsDelta: part.arguments }, { type: "tool-call-end", index });
  }
}

export function createStreamDecoder(): StreamDecoder {
  return guardDecoder(new ChunkDecoder());
}

export function decodeStream(body: AsyncIterable<Uint8Array | string>): AsyncIterable<CanonicalEvent> {
  return decodeFramedStream(body, "sse", createStreamDecoder());
}
