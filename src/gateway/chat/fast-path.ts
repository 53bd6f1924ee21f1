/**
 * @module
 * The fast path: when the client and the upstream speak the same dialect, the client's own
 * body goes upstream with only the model changed, and the upstream's answer comes back as
 * it was sent. Streams are forwarded frame by frame as they arrive; a StreamWatcher reads
 * each frame only to learn usage, the first content (the commit point: until then a failure
 * can still fall back) and whether the stream ended well.
 */
import type { DialectId } from "../../core/types/message.ts";
import type { CanonicalEvent } from "../../core/types/event.ts";
import type { CanonicalResponse, Usage, Warning } from "../../core/types/response.ts";
import { StreamCollector } from "../../core/collect-stream.ts";
import { UpstreamError } from "../../core/errors.ts";
import { isContentEvent } from "../../core/types/event.ts";
import type { Dialect } from "../../dialects/dialect.ts";
import { parseNdjsonLines } from "../../dialects/ndjson.ts";
import { formatSse, parseSse } from "../../dialects/sse.ts";
import type { UpstreamResponse } from "../../providers/http-client.ts";
import { readAnswer, sendToProvider, type UpstreamCall } from "../../routing/call-upstream.ts";
import { stripFallbackFields } from "./request-fallbacks.ts";
import { StreamWatcher } from "./stream-watcher.ts";

export interface FastPathRequest {
  dialect: Dialect;
  /** The client's wire body as parsed. */
  body: Record<string, unknown>;
  stream: boolean;
  /** Did the client ask for usage in its stream (OpenAI `stream_options.include_usage`)? */
  clientWantsStreamUsage: boolean;
  /** Client headers worth passing on (e.g. `anthropic-beta`). */
  headers: Record<string, string>;
  costOf: (usage: Usage, model: string) => number | undefined;
}

export interface ForwardedResponse {
  response: CanonicalResponse;
  /** The body to send the client. */
  bodyText: string;
  warnings: Warning[];
}

export interface ForwardedStream {
  /** Frames for the client: buffered ones first, then the rest as they arrive. */
  frames: AsyncIterable<string>;
  collector: StreamCollector;
  ttftMs: number | undefined;
  warnings: Warning[];
  cancel(): void;
}

/** Where each dialect differs on the fast path. Data, not branches. */
interface FastPathAdapter {
  /** False where the model is in the URL (Gemini). */
  modelInBody: boolean;
  /** Body changes so the gateway can account for a stream (OpenAI: ask for usage). */
  forStream?(body: Record<string, unknown>): Record<string, unknown>;
  /** Rewrites a stream frame's data for the client; null drops it. */
  rewriteFrame?(data: string, context: { wantsUsage: boolean; cost: () => number | undefined }): string | null;
  /** Rewrites a whole JSON body (its text, and the same body parsed) for the client. */
  rewriteBody?(text: string, body: Record<string, unknown>, cost: number | undefined): string;
}

/** OpenAI-style clients (OpenRouter's convention) read the cost from `usage.cost`. */
const openaiAdapter: FastPathAdapter = {
  modelInBody: true,
  forStream(body) {
    const options = typeof body["stream_options"] === "object" && body["stream_options"] !== null ? (body["stream_options"] as Record<string, unknown>) : {};
    return { ...body, stream_options: { ...options, include_usage: true } };
  },
  rewriteFrame(data, context) {
    // The usage chunk is the one with `choices: []`; it is rare, so test cheaply first.
    if (!data.includes('"choices":[]') || !data.includes('"usage"')) return data;
    if (!context.wantsUsage) return null;
    const cost = context.cost();
    if (cost === undefined) return data;
    const chunk = JSON.parse(data) as { usage?: Record<string, unknown> };
    if (chunk.usage) chunk.usage["cost"] = cost;
    return JSON.stringify(chunk);
  },
  rewriteBody(text, body, cost) {
    const usage = body["usage"];
    if (cost === undefined || typeof usage !== "object" || usage === null) return text;
    // Insert the cost into the text rather than re-serialise the answer: the body stays as the
    // upstream wrote it. A quote cannot stand unescaped inside a JSON string, so `"usage":{`
    // found in the text is a key; the top-level one comes last in OpenAI's answers.
    const at = text.lastIndexOf('"usage":{');
    if (at === -1 || "cost" in usage) return JSON.stringify({ ...body, usage: { ...(usage as Record<string, unknown>), cost } });
    const open = at + '"usage":{'.length;
    const empty = text[open] === "}";
    return `${text.slice(0, open)}"cost":${cost}${empty ? "" : ","}${text.slice(open)}`;
  },
};

const adapters: Record<DialectId, FastPathAdapter> = {
  "openai-chat": openaiAdapter,
  "anthropic-messages": { modelInBody: true },
  gemini: { modelInBody: false },
  ollama: { modelInBody: true },
};

function upstreamBody(request: FastPathRequest, upstreamModel: string): Record<string, unknown> {
  const adapter = adapters[request.dialect.id];
  let body = stripFallbackFields(request.body);
  if (adapter.modelInBody) body = { ...body, model: upstreamModel };
  if (request.stream && adapter.forStream) body = adapter.forStream(body);
  return body;
}

async function sendForwarded(call: UpstreamCall, request: FastPathRequest): Promise<UpstreamResponse> {
  const sent = await sendToProvider(call, {
    path: request.dialect.requestPath({ model: call.candidate.upstreamModel, stream: request.stream }),
    body: upstreamBody(request, call.candidate.upstreamModel),
    stream: request.stream,
    dialect: request.dialect,
    headers: request.headers,
  });
  return sent.response;
}

function malformed(call: UpstreamCall, message: string): UpstreamError {
  return new UpstreamError({
    provider: call.candidate.provider.id,
    model: call.candidate.upstreamModel,
    kind: "server",
    message: `${call.candidate.provider.id} sent a malformed answer: ${message}`,
  });
}

export async function forwardResponse(call: UpstreamCall, request: FastPathRequest): Promise<ForwardedResponse> {
  const upstream = await sendForwarded(call, request);
  const text = await readAnswer(call, upstream);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw malformed(call, "the body is not JSON");
  }
  let decoded;
  try {
    decoded = request.dialect.decodeResponse(body);
  } catch (error) {
    throw malformed(call, error instanceof Error ? error.message : String(error));
  }
  const cost = request.costOf(decoded.value.usage, call.candidate.model);
  const rewrite = adapters[request.dialect.id].rewriteBody;
  const bodyText = rewrite ? rewrite(text, body as Record<string, unknown>, cost) : text;
  return { response: decoded.value, bodyText, warnings: decoded.warnings };
}

/** The upstream's frames as text, re-framed exactly as the dialect frames them. */
async function* upstreamFrames(dialect: Dialect, body: AsyncIterable<Uint8Array>): AsyncGenerator<{ text: string; data: string; event: string | undefined }> {
  if (dialect.streamFraming === "ndjson") {
    for await (const line of parseNdjsonLines(body)) yield { text: `${line}\n`, data: line, event: undefined };
    return;
  }
  for await (const frame of parseSse(body)) yield { text: formatSse(frame.data, frame.event), data: frame.data, event: frame.event };
}

/**
 * Is this upstream frame the dialect's own end marker? Named SSE events are matched by name
 * (`message_stop`), others by data (`[DONE]`), so spacing in the upstream's JSON does not matter.
 */
function isEndFrame(dialect: Dialect, frame: { text: string; data: string; event: string | undefined }): boolean {
  const end = dialect.streamEndFrame;
  if (end === undefined) return false;
  if (frame.event !== undefined) return end.startsWith(`event: ${frame.event}\n`);
  return frame.text === end;
}

function firstError(events: CanonicalEvent[]): UpstreamError | undefined {
  for (const event of events) {
    if (event.type !== "error") continue;
    const error = event.error;
    return error instanceof UpstreamError ? error : malformedFrom(error.message);
  }
  return undefined;
}

function malformedFrom(message: string): UpstreamError {
  return new UpstreamError({ provider: "", model: "", kind: "server", message });
}

function label(error: UpstreamError, call: UpstreamCall): UpstreamError {
  if (error.provider !== "") return error;
  return new UpstreamError({
    provider: call.candidate.provider.id,
    model: call.candidate.upstreamModel,
    kind: error.kind,
    message: `${call.candidate.provider.id}: ${error.message}`,
    ...(error.status === undefined ? {} : { status: error.status }),
    ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
    cause: error,
  });
}

/**
 * Opens the upstream stream and reads until its first content (or its finish). A failure
 * before that throws, so the executor can fall back; after it, the stream is the client's.
 */
export async function forwardStream(call: UpstreamCall, request: FastPathRequest, firstTokenMs: number): Promise<ForwardedStream> {
  const started = Date.now();
  const controller = new AbortController();
  const onAbort = (): void => controller.abort();
  call.signal.addEventListener("abort", onAbort, { once: true });
  let late = false;
  const timer = setTimeout(() => {
    late = true;
    controller.abort();
  }, firstTokenMs);
  const collector = new StreamCollector();
  const watcher = new StreamWatcher(request.dialect);
  const adapter = adapters[request.dialect.id];
  let cost: number | undefined;
  const frameContext = {
    wantsUsage: request.clientWantsStreamUsage,
    cost: () => (cost ??= collector.response.usage.outputTokens === undefined ? undefined : request.costOf(collector.response.usage, call.candidate.model)),
  };
  let upstream: Awaited<ReturnType<typeof sendForwarded>> | undefined;
  const detach = (): void => call.signal.removeEventListener("abort", onAbort);
  try {
    upstream = await sendForwarded({ ...call, signal: controller.signal }, request);
    const frames = upstreamFrames(request.dialect, upstream.body)[Symbol.asyncIterator]();
    const buffered: string[] = [];
    let ttftMs: number | undefined;
    let sawEndFrame = false;
    const consume = async (frame: { text: string; data: string; event: string | undefined }): Promise<CanonicalEvent[]> => {
      const events = await watcher.push(frame.text);
      for (const event of events) collector.push(event);
      if (isEndFrame(request.dialect, frame)) sawEndFrame = true;
      return events;
    };
    const forClient = (frame: { text: string; data: string; event: string | undefined }): string | null => {
      if (!adapter.rewriteFrame) return frame.text;
      const data = adapter.rewriteFrame(frame.data, frameContext);
      if (data === null) return null;
      return data === frame.data ? frame.text : formatSse(data, frame.event);
    };
    for (;;) {
      const next = await frames.next();
      if (next.done) {
        const events = await watcher.end();
        for (const event of events) collector.push(event);
        const error = firstError(events);
        if (error) throw late ? lateError(call, firstTokenMs) : label(error, call);
        break;
      }
      const events = await consume(next.value);
      const error = firstError(events);
      if (error) throw label(error, call);
      const text = forClient(next.value);
      if (text !== null) buffered.push(text);
      if (events.some(isContentEvent)) {
        ttftMs = Date.now() - started;
        break;
      }
      if (collector.finished) break;
    }
    clearTimeout(timer);
    const rest = async function* (): AsyncGenerator<string> {
      try {
        yield* buffered;
        for (;;) {
          const next = await frames.next();
          if (next.done) break;
          // A broken frame after content: the client gets the error below, never the frame or what follows.
          const error = firstError(await consume(next.value));
          if (error) throw error;
          const text = forClient(next.value);
          if (text !== null) yield text;
        }
        for (const event of await watcher.end()) collector.push(event);
        if (collector.error) {
          yield request.dialect.encodeStreamError(label(collector.error instanceof UpstreamError ? collector.error : malformedFrom(collector.error.message), call));
        } else if (collector.finished && !sawEndFrame && request.dialect.streamEndFrame !== undefined) {
          // The upstream finished but dropped its end marker: close the stream properly.
          yield request.dialect.streamEndFrame;
        }
      } catch (thrown) {
        // The transport broke after content reached the client: end with an error frame.
        const error = thrown instanceof UpstreamError ? label(thrown, call) : malformedFrom(`The stream broke: ${String(thrown)}`);
        collector.error = error;
        yield request.dialect.encodeStreamError(error);
      } finally {
        detach();
        await frames.return?.(undefined);
      }
    };
    const opened = upstream;
    return { frames: rest(), collector, ttftMs, warnings: [], cancel: () => opened.cancel() };
  } catch (thrown) {
    clearTimeout(timer);
    detach();
    upstream?.cancel();
    if (late && !call.signal.aborted) throw lateError(call, firstTokenMs);
    throw thrown;
  }
}

function lateError(call: UpstreamCall, firstTokenMs: number): UpstreamError {
  return new UpstreamError({
    provider: call.candidate.provider.id,
    model: call.candidate.upstreamModel,
    kind: "timeout",
    message: `${call.candidate.provider.id}: no first token within ${firstTokenMs} ms`,
  });
}
