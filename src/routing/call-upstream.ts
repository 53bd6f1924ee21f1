/**
 * @module
 * One try of one candidate: encode the canonical request in the provider's dialect, send it
 * with the chosen key, and decode the answer (a whole response, or an event stream). Failures
 * come out as UpstreamError, labelled with the provider and model.
 */
import { AbortedError, LlmuxError, UpstreamError } from "../core/errors.ts";
import type { CanonicalEvent } from "../core/types/event.ts";
import type { CanonicalRequest } from "../core/types/request.ts";
import type { CanonicalResponse, Warning } from "../core/types/response.ts";
import type { Dialect } from "../dialects/dialect.ts";
import { getDialect } from "../dialects/registry.ts";
import { readUpstreamError } from "../providers/build-upstream-error.ts";
import type { HttpClient, UpstreamResponse } from "../providers/http-client.ts";
import { prepareUpstreamRequest } from "../providers/prepare-request.ts";
import type { ProviderKey } from "../providers/provider-key.ts";
import type { UpstreamTimeouts } from "../providers/timeouts.ts";
import type { Candidate } from "./candidate.ts";

export interface UpstreamCall {
  candidate: Candidate;
  key: ProviderKey | undefined;
  request: CanonicalRequest;
  http: HttpClient;
  timeouts: UpstreamTimeouts;
  signal: AbortSignal;
  /** Output limit to send when the request sets none and the dialect needs one. */
  defaultMaxOutputTokens: number;
  /** Extra headers for the upstream (never credentials). */
  headers?: Record<string, string>;
}

export interface UpstreamAnswer {
  response: CanonicalResponse;
  /** The upstream's JSON body as received. */
  raw: unknown;
  warnings: Warning[];
}

export interface UpstreamStream {
  events: AsyncIterable<CanonicalEvent>;
  warnings: Warning[];
  /** Drops the stream unread (closes the socket). */
  cancel(): void;
}

/** Largest non-streaming body accepted from an upstream. */
const maxResponseBytes = 64 * 1024 * 1024;

export interface ProviderRequest {
  /** From `dialect.requestPath(...)`. */
  path: string;
  /** The wire body (hooks are applied here). */
  body: Record<string, unknown>;
  stream: boolean;
  /** Reads an error answer in the upstream's dialect. */
  dialect: Dialect;
  /** Client headers to pass on (never credentials). */
  headers?: Record<string, string>;
}

/**
 * Sends one wire request to the candidate with the chosen key: URL, auth, hooks, the four
 * timeouts. An error answer (status 400 and up) comes back as a labelled UpstreamError.
 * The router's tries and the gateway's fast path both send through here.
 */
export async function sendToProvider(call: UpstreamCall, wire: ProviderRequest): Promise<{ response: UpstreamResponse; warnings: Warning[] }> {
  const { candidate } = call;
  const prepared = prepareUpstreamRequest({
    provider: candidate.provider,
    path: wire.path,
    body: wire.body,
    model: candidate.upstreamModel,
    stream: wire.stream,
    ...(call.key ? { key: call.key } : {}),
    ...(wire.headers ? { headers: wire.headers } : call.headers ? { headers: call.headers } : {}),
  });
  const response = await call.http.send({
    url: prepared.url,
    method: prepared.method,
    headers: prepared.headers,
    ...(prepared.body === undefined ? {} : { body: prepared.body }),
    timeouts: call.timeouts,
    signal: call.signal,
    provider: candidate.provider.id,
    model: candidate.upstreamModel,
    secrets: candidate.provider.keys,
  });
  if (response.status >= 400) {
    throw await readUpstreamError(response, {
      provider: candidate.provider.id,
      model: candidate.upstreamModel,
      decodeError: (input) => wire.dialect.decodeError(input),
      url: prepared.url,
      secrets: candidate.provider.keys,
    });
  }
  return { response, warnings: prepared.warnings };
}

async function send(call: UpstreamCall, stream: boolean): Promise<{ response: UpstreamResponse; dialect: Dialect; warnings: Warning[] }> {
  const { candidate } = call;
  const dialect = getDialect(candidate.provider.dialect);
  const request: CanonicalRequest = { ...call.request, model: candidate.upstreamModel, stream };
  const maxOutput = candidate.entry?.maxOutputTokens ?? call.defaultMaxOutputTokens;
  const encoded = dialect.encodeRequest(request, {
    defaultMaxOutputTokens: Math.min(call.defaultMaxOutputTokens, maxOutput),
    forceStreamUsage: true,
  });
  const sent = await sendToProvider(call, {
    path: dialect.requestPath({ model: candidate.upstreamModel, stream }),
    body: encoded.value as Record<string, unknown>,
    stream,
    dialect,
  });
  return { response: sent.response, dialect, warnings: [...encoded.warnings, ...sent.warnings] };
}

/**
 * A successful answer's whole body, as text and parsed. A cut, an oversized or a non-JSON
 * body is the upstream's failure.
 */
export async function readJsonAnswer(call: Pick<UpstreamCall, "candidate">, response: UpstreamResponse): Promise<{ text: string; body: unknown }> {
  let text: string;
  try {
    text = await response.text(maxResponseBytes);
  } catch (error) {
    if (error instanceof UpstreamError || error instanceof AbortedError) throw error;
    response.cancel();
    throw malformedAnswer(call, error instanceof Error ? error.message : String(error), error);
  }
  try {
    return { text, body: JSON.parse(text) };
  } catch (error) {
    throw malformedAnswer(call, "the body is not JSON", error);
  }
}

/** Reads an answer with `read`; a body it refuses is the upstream's failure, not the caller's. */
export function readAnswerWith<T>(call: Pick<UpstreamCall, "candidate">, read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw malformedAnswer(call, error instanceof Error ? error.message : String(error), error);
  }
}

/** A malformed answer from the upstream is the upstream's failure (kind server), not the caller's. */
function malformedAnswer(call: Pick<UpstreamCall, "candidate">, message: string, cause?: unknown): UpstreamError {
  return new UpstreamError({
    provider: call.candidate.provider.id,
    model: call.candidate.upstreamModel,
    kind: "server",
    message: `${call.candidate.provider.id} sent a malformed answer: ${message}`,
    cause,
  });
}

export async function callUpstream(call: UpstreamCall): Promise<UpstreamAnswer> {
  const { response, dialect, warnings } = await send(call, false);
  const { body: raw } = await readJsonAnswer(call, response);
  const decoded = readAnswerWith(call, () => dialect.decodeResponse(raw));
  return { response: decoded.value, raw, warnings: [...warnings, ...decoded.warnings] };
}

/** A stream error labelled with the provider and model it came from (dialects do not know them). */
export function labelStreamError(error: UpstreamError, call: Pick<UpstreamCall, "candidate">): UpstreamError {
  if (error.provider !== "") return error;
  return new UpstreamError({
    provider: call.candidate.provider.id,
    model: call.candidate.upstreamModel,
    kind: error.kind,
    message: `${call.candidate.provider.id}: ${error.message}`,
    ...(error.status === undefined ? {} : { status: error.status }),
    ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
    ...(error.vendorCode === undefined ? {} : { vendorCode: error.vendorCode }),
    cause: error,
  });
}

async function* labelErrors(events: AsyncIterable<CanonicalEvent>, call: UpstreamCall): AsyncGenerator<CanonicalEvent> {
  for await (const event of events) {
    yield event.type === "error" && event.error instanceof UpstreamError ? { type: "error", error: labelStreamError(event.error, call) } : event;
  }
}

export async function openUpstreamStream(call: UpstreamCall): Promise<UpstreamStream> {
  const { response, dialect, warnings } = await send(call, true);
  return { events: labelErrors(dialect.decodeStream(response.body), call), warnings, cancel: () => response.cancel() };
}

/** Any failure of a try as an UpstreamError of this candidate (aborts stay AbortedError). */
export function toAttemptError(thrown: unknown, call: Pick<UpstreamCall, "candidate">): UpstreamError | AbortedError {
  if (thrown instanceof UpstreamError || thrown instanceof AbortedError) return thrown;
  if (LlmuxError.isInstance(thrown) && thrown.code === "aborted") return new AbortedError(thrown.message, { cause: thrown });
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return new UpstreamError({
    provider: call.candidate.provider.id,
    model: call.candidate.upstreamModel,
    kind: "server",
    message: `${call.candidate.provider.id}: ${message}`,
    cause: thrown,
  });
}
