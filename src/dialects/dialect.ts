/**
 * @module
 * The Dialect contract: one wire protocol, both directions. The gateway uses
 * decodeRequest / encodeResponse / encodeStream / encodeError for what clients send it;
 * the router uses encodeRequest / decodeResponse / decodeStream / decodeError for what it
 * sends upstream, and the gateway's same-dialect fast path reads streams it forwards with
 * createStreamDecoder. One module per dialect serves both.
 */
import type { FailureClassification, FailureInput } from "../core/classify-failure.ts";
import type { LlmuxError } from "../core/errors.ts";
import type { CanonicalEvent } from "../core/types/event.ts";
import type { DialectId } from "../core/types/message.ts";
import type { CanonicalRequest } from "../core/types/request.ts";
import type { CanonicalResponse, Usage, Warning } from "../core/types/response.ts";

/** A value produced by translation, with what could not be expressed. */
export interface Translated<T> {
  value: T;
  warnings: Warning[];
}

/** What the URL says that the body does not (Gemini puts model and streaming in the path). */
export interface RequestDecodeContext {
  model?: string;
  stream?: boolean;
}

export interface RequestEncodeOptions {
  /** Used where the dialect requires a limit and the request has none (Anthropic `max_tokens`). */
  defaultMaxOutputTokens?: number;
  /** Ask the upstream for usage in streams even if the caller did not (OpenAI `include_usage`). */
  forceStreamUsage?: boolean;
}

export interface ResponseEncodeOptions {
  /** Prices a usage record in USD; where the dialect has a place for cost (OpenAI `usage.cost`). */
  costOf?: (usage: Usage) => number | undefined;
}

export interface StreamEncodeOptions extends ResponseEncodeOptions {
  /** The caller asked for usage in the stream (OpenAI `stream_options.include_usage`). */
  includeUsage?: boolean;
  /** Model name to report until the upstream names its own. */
  model?: string;
  /** Told of each translation loss while streaming (a stream cannot return warnings). */
  onWarning?: (warning: Warning) => void;
}

/** One frame of an upstream stream: an SSE event (`data`, optional `event` name) or one NDJSON line as `data`. */
export interface StreamFrame {
  data: string;
  event?: string | undefined;
}

/**
 * A dialect's stream decoding, one frame at a time and synchronously: the gateway's fast path
 * feeds it the frames it forwards, and `decodeStream` is this plus framing. Never throws; once
 * it has returned `finish` or `error` it returns nothing more.
 */
export interface StreamDecoder {
  /** One frame → the events it completes. */
  push(frame: StreamFrame): CanonicalEvent[];
  /** The body ended: the last events (a held finish, or an error for a cut or unfinished stream). */
  end(): CanonicalEvent[];
}

export interface ErrorEncoding {
  status: number;
  body: unknown;
}

export interface Dialect {
  readonly id: DialectId;
  /** Content type of this dialect's streaming responses. */
  readonly streamContentType: string;
  /** How its streams are framed: server-sent events or newline-delimited JSON. */
  readonly streamFraming: "sse" | "ndjson";
  /** The frame a complete stream ends with, where the dialect has one (OpenAI `data: [DONE]`). */
  readonly streamEndFrame: string | undefined;

  /** Wire request → canonical. Throws InvalidRequestError for malformed input. */
  decodeRequest(body: unknown, context?: RequestDecodeContext): Translated<CanonicalRequest>;
  /** Canonical → wire request body (a JSON-serialisable object). */
  encodeRequest(request: CanonicalRequest, options?: RequestEncodeOptions): Translated<unknown>;
  /** Path of the call relative to a provider's base URL, e.g. `/chat/completions`. */
  requestPath(request: { model: string; stream: boolean }): string;

  /** Wire response body → canonical. Throws InvalidRequestError if the body is not this dialect's. */
  decodeResponse(body: unknown): Translated<CanonicalResponse>;
  /**
   * Only the usage of a wire response body: the fast path forwards the body itself and needs
   * nothing else from it. Throws as `decodeResponse` does when the body is not this dialect's.
   */
  responseUsage(body: unknown): Usage;
  encodeResponse(response: CanonicalResponse, options?: ResponseEncodeOptions): Translated<unknown>;

  /**
   * Upstream response bytes → canonical events. Never throws: the last event is `finish`
   * or `error` (a cut, a malformed frame, or an in-stream error all end in `error`).
   */
  decodeStream(body: AsyncIterable<Uint8Array | string>): AsyncIterable<CanonicalEvent>;
  /** The same decoding over frames already split (see `stream-frames.ts`): a fresh decoder per stream. */
  createStreamDecoder(): StreamDecoder;
  /**
   * Canonical events → framed text for the client. Always terminates properly: with the
   * dialect's end marker after `finish`, with its in-stream error form after `error` or if
   * the events end without `finish`.
   */
  encodeStream(events: AsyncIterable<CanonicalEvent>, options?: StreamEncodeOptions): AsyncIterable<string>;

  /** The frame that ends a broken stream: this dialect's in-stream error form. */
  encodeStreamError(error: LlmuxError): string;

  /** Reads an upstream error answer (status, headers, body) in this dialect. */
  decodeError(input: FailureInput): FailureClassification;
  /** The dialect's native error status and body for any LlmuxError. */
  encodeError(error: LlmuxError): ErrorEncoding;
}
