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
import { parseSse } from "../sse.ts";
import { guardStream } from "../stream-guard.ts";
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

export function decodeStream(body: AsyncIterable<Uint8Array | string>): AsyncIterable<CanonicalEvent> {
  return guardStream(decodeEvents(body));
}

interface OpenBlock {
  type: "text" | "reasoning";
  index: number;
  signature?: string;
}

async function* decodeEvents(body: AsyncIterable<Uint8Array | string>): AsyncGenerator<CanonicalEvent> {
  let started = false;
  let responseId = "";
  let model = "";
  let nextIndex = 0;
  let open: OpenBlock | undefined;
  /** A text part's signature, sent once its text block closes. */
  let pendingSignature: string | undefined;
  let ordinal = 0;
  let hasToolCalls = false;
  let finishRaw: string | undefined;
  let blockReason: string | undefined;
  let finished = false;
  let usageMetadata: unknown;

  function* signatureBlock(signature: string): Generator<CanonicalEvent> {
    const index = nextIndex++;
    yield { type: "reasoning-start", index };
    yield { type: "reasoning-end", index, signature };
  }

  function* close(): Generator<CanonicalEvent> {
    if (open?.type === "text") yield { type: "text-end", index: open.index };
    if (open?.type === "reasoning") {
      yield open.signature === undefined
        ? { type: "reasoning-end", index: open.index }
        : { type: "reasoning-end", index: open.index, signature: open.signature };
    }
    open = undefined;
    if (pendingSignature !== undefined) yield* signatureBlock(pendingSignature);
    pendingSignature = undefined;
  }

  function* ensureOpen(type: OpenBlock["type"]): Generator<CanonicalEvent, OpenBlock> {
    if (open?.type === type) return open;
    yield* close();
    const block: OpenBlock = { type, index: nextIndex++ };
    open = block;
    yield type === "text" ? { type: "text-start", index: block.index } : { type: "reasoning-start", index: block.index };
    return block;
  }

  function* emitPart(part: AssistantContentPart): Generator<CanonicalEvent> {
    if (part.type === "reasoning") {
      const block = yield* ensureOpen("reasoning");
      if (part.text !== "") yield { type: "reasoning-delta", index: block.index, text: part.text };
      if (part.signature !== undefined) block.signature = part.signature;
      return;
    }
    if (part.type === "text") {
      const signature = readExtras(part.extras).fields["thoughtSignature"];
      if (part.text === "") {
        // The final chunk often carries an empty text part; only a signature on it matters.
        if (typeof signature === "string") {
          yield* close();
          yield* signatureBlock(signature);
        }
        return;
      }
      const block = yield* ensureOpen("text");
      yield { type: "text-delta", index: block.index, text: part.text };
      if (typeof signature === "string") pendingSignature = signature;
      return;
    }
    yield* close();
    hasToolCalls = true;
    const index = nextIndex++;
    const start: CanonicalEvent = { type: "tool-call-start", index, id: part.id, name: part.name };
    if (part.extras !== undefined) start.extras = part.extras;
    yield start;
    yield { type: "tool-call-delta", index, argumentsDelta: part.arguments };
    yield { type: "tool-call-end", index };
  }

  for await (const event of parseSse(body)) {
    const parsed = tryParseJson(event.data);
    if (!parsed.ok || !isRecord(parsed.value)) {
      yield { type: "error", error: malformedChunk(event.data, model, parsed.ok ? undefined : parsed.error) };
      return;
    }
    const chunk = parsed.value;
    if (chunk["error"] !== undefined) {
      yield { type: "error", error: inStreamError(chunk, event.data, model) };
      return;
    }
    if (!started) {
      started = true;
      responseId = typeof chunk["responseId"] === "string" ? chunk["responseId"] : "";
      model = typeof chunk["modelVersion"] === "string" ? chunk["modelVersion"] : "";
      const metadata: CanonicalEvent = { type: "response-metadata" };
      if (responseId !== "") metadata.id = responseId;
      if (model !== "") metadata.model = model;
      yield metadata;
    }
    const candidates = Array.isArray(chunk["candidates"]) ? chunk["candidates"] : undefined;
    const candidate = isRecord(candidates?.[0]) ? candidates[0] : undefined;
    const content = isRecord(candidate?.["content"]) ? candidate["content"] : undefined;
    const parts = Array.isArray(content?.["parts"]) ? content["parts"] : [];
    for (const [index, raw] of parts.entries()) {
      let part: AssistantContentPart | undefined;
      try {
        const path = `candidates[0].content.parts[${index}]`;
        part = decodeModelPart(readPart(raw, path), path, () => synthesizeToolCallId(responseId, ordinal++));
      } catch (error) {
        if (!LlmuxError.isInstance(error)) throw error;
        yield { type: "error", error: malformedChunk(event.data, model, error) };
        return;
      }
      // Parts with no canonical event (inline images, executable code) are skipped.
      if (part !== undefined) yield* emitPart(part);
    }
    if (typeof candidate?.["finishReason"] === "string") {
      finishRaw = candidate["finishReason"];
      finished = true;
    }
    const feedback = isRecord(chunk["promptFeedback"]) ? chunk["promptFeedback"] : undefined;
    if (candidate === undefined && typeof feedback?.["blockReason"] === "string") {
      blockReason = feedback["blockReason"];
      finished = true;
    }
    if (chunk["usageMetadata"] !== undefined) usageMetadata = chunk["usageMetadata"];
  }
  // No finish signal before the connection closed: the guard reports the cut.
  if (!finished) return;
  yield* close();
  const usage = decodeUsage(usageMetadata);
  if (usageMetadata !== undefined) yield { type: "usage", usage };
  const finishReason: FinishReason =
    blockReason !== undefined ? { unified: "content-filter", raw: blockReason } : mapFinishReason(finishRaw, hasToolCalls);
  yield { type: "finish", finishReason, usage };
}
