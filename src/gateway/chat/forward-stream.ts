/**
 * @module
 * The fast path for a stream: the upstream's frames are forwarded as they arrive; a
 * StreamWatcher reads each frame only to learn usage, the first content (the commit point:
 * until then a failure can still fall back) and whether the stream ended well.
 */
import { StreamCollector } from "../../core/collect-stream.ts";
import { UpstreamError } from "../../core/errors.ts";
import type { CanonicalEvent } from "../../core/types/event.ts";
import { isContentEvent } from "../../core/types/event.ts";
import type { Dialect } from "../../dialects/dialect.ts";
import { parseNdjsonLines } from "../../dialects/ndjson.ts";
import { formatSse, parseSse } from "../../dialects/sse.ts";
import type { UpstreamCall } from "../../routing/call-upstream.ts";
import { fastPathAdapters, sendForwarded, type FastPathRequest, type ForwardedStream } from "./fast-path.ts";
import { StreamWatcher } from "./stream-watcher.ts";

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
  const adapter = fastPathAdapters[request.dialect.id];
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
