/**
 * @module
 * The fast path for a stream: the upstream's frames are forwarded as they arrive. Each
 * network read is split into frames and each frame decoded synchronously by the dialect's
 * push decoder, only to learn usage, the first content (the commit point: until then a
 * failure can still fall back) and whether the stream ended well. One async step per read,
 * none per frame: the client gets one string per read.
 */
import { StreamCollector } from "../../core/collect-stream.ts";
import { UpstreamError } from "../../core/errors.ts";
import type { CanonicalEvent } from "../../core/types/event.ts";
import { isContentEvent } from "../../core/types/event.ts";
import type { Dialect, StreamDecoder, StreamFrame } from "../../dialects/dialect.ts";
import { createFrameSplitter, formatFrame, type FrameSplitter } from "../../dialects/stream-frames.ts";
import { errorFromThrown } from "../../dialects/stream-guard.ts";
import type { UpstreamResponse } from "../../providers/http-client.ts";
import { labelStreamError, type UpstreamCall } from "../../routing/call-upstream.ts";
import { fastPathAdapters, sendForwarded, type FastPathAdapter, type FastPathRequest, type ForwardedStream } from "./fast-path.ts";

/** What one network read (or the end of the body) gave. */
interface ReadOutcome {
  /** The client's text for the frames it completed, up to a broken one (never included). */
  text: string;
  /** A malformed frame, an in-stream error or a cut: the stream is over. */
  error: UpstreamError | undefined;
}

/**
 * Is this upstream frame the dialect's own end marker? Named SSE events are matched by name
 * (`message_stop`), others by their text (`[DONE]`), so spacing in the upstream's JSON does not matter.
 */
function isEndFrame(dialect: Dialect, frame: StreamFrame, text: string): boolean {
  const end = dialect.streamEndFrame;
  if (end === undefined) return false;
  if (frame.event !== undefined) return end.startsWith(`event: ${frame.event}\n`);
  return text === end;
}

function serverError(message: string): UpstreamError {
  return new UpstreamError({ provider: "", model: "", kind: "server", message });
}

function firstError(events: CanonicalEvent[]): UpstreamError | undefined {
  for (const event of events) if (event.type === "error") return event.error instanceof UpstreamError ? event.error : serverError(event.error.message);
  return undefined;
}

/** Decodes the upstream's frames as they are forwarded, and rewrites them for the client where the dialect needs it. */
class FrameReader {
  readonly collector = new StreamCollector();
  /** Content reached the client's buffer: from here on, a failure is the client's, not a fallback. */
  committed = false;
  /** The upstream sent its own end marker, so it need not be added. */
  sawEndFrame = false;
  readonly #dialect: Dialect;
  readonly #adapter: FastPathAdapter;
  readonly #splitter: FrameSplitter;
  readonly #decoder: StreamDecoder;
  readonly #frameContext: { wantsUsage: boolean; cost: () => number | undefined };

  constructor(request: FastPathRequest, costOf: (collector: StreamCollector) => number | undefined) {
    this.#dialect = request.dialect;
    this.#adapter = fastPathAdapters[request.dialect.id];
    this.#splitter = createFrameSplitter(request.dialect.streamFraming);
    this.#decoder = request.dialect.createStreamDecoder();
    let cost: number | undefined;
    this.#frameContext = { wantsUsage: request.clientWantsStreamUsage, cost: () => (cost ??= costOf(this.collector)) };
  }

  read(chunk: Uint8Array): ReadOutcome {
    return this.#frames(this.#splitter.push(chunk), false);
  }

  /** The body ended: its last frames (an NDJSON line without `\n`), then the decoder's last word. */
  end(): ReadOutcome {
    return this.#frames(this.#splitter.end(), true);
  }

  #frames(frames: StreamFrame[], ended: boolean): ReadOutcome {
    let text = "";
    for (const frame of frames) {
      const events = this.#decode(this.#decoder.push(frame));
      // Checked before this frame's content counts: a frame that is both is a failure before the commit.
      const error = firstError(events);
      if (error) return { text, error };
      text += this.#forClient(frame);
      if (!this.committed && events.some(isContentEvent)) this.committed = true;
    }
    if (ended) return { text, error: firstError(this.#decode(this.#decoder.end())) };
    return { text, error: undefined };
  }

  #decode(events: CanonicalEvent[]): CanonicalEvent[] {
    for (const event of events) this.collector.push(event);
    return events;
  }

  /** Re-framed rather than copied: the upstream's comments and `id:` lines are not the client's. */
  #forClient(frame: StreamFrame): string {
    const rewrite = this.#adapter.rewriteFrame;
    const data = rewrite ? rewrite(frame.data, this.#frameContext) : frame.data;
    if (data === null) return "";
    if (data !== frame.data) return formatFrame(this.#dialect.streamFraming, { data, event: frame.event });
    const text = formatFrame(this.#dialect.streamFraming, frame);
    if (!this.sawEndFrame && isEndFrame(this.#dialect, frame, text)) this.sawEndFrame = true;
    return text;
  }
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
  const reader = new FrameReader(request, (collector) => {
    const usage = collector.response.usage;
    return usage.outputTokens === undefined ? undefined : request.costOf(usage, call.candidate);
  });
  const { collector } = reader;
  let upstream: UpstreamResponse | undefined;
  const detach = (): void => call.signal.removeEventListener("abort", onAbort);
  try {
    upstream = (await sendForwarded({ ...call, signal: controller.signal }, request)).response;
    const chunks = upstream.body[Symbol.asyncIterator]();
    let buffered = "";
    let ended = false;
    let error: UpstreamError | undefined;
    let ttftMs: number | undefined;
    for (;;) {
      const next = await chunks.next();
      ended = next.done === true;
      const outcome = next.done ? reader.end() : reader.read(next.value);
      buffered += outcome.text;
      error = outcome.error;
      if (error && !reader.committed) throw late && ended ? lateError(call, firstTokenMs) : labelStreamError(error, call);
      if (reader.committed) ttftMs = Date.now() - started;
      if (reader.committed || collector.finished || ended) break;
    }
    clearTimeout(timer);
    const rest = async function* (): AsyncGenerator<string> {
      try {
        let text = buffered;
        while (!error && !ended) {
          if (text !== "") yield text;
          const next = await chunks.next();
          ended = next.done === true;
          ({ text, error } = next.done ? reader.end() : reader.read(next.value));
        }
        if (error) {
          // A broken frame or a cut after content: the client gets this error, never the frame or what follows.
          collector.error = labelStreamError(error, call);
          text += request.dialect.encodeStreamError(collector.error);
        } else if (collector.finished && !reader.sawEndFrame && request.dialect.streamEndFrame !== undefined) {
          // The upstream finished but dropped its end marker: close the stream properly.
          text += request.dialect.streamEndFrame;
        }
        if (text !== "") yield text;
      } catch (thrown) {
        // The transport broke after content reached the client: end with an error frame.
        const failure = errorFromThrown(thrown, {});
        const broken = failure instanceof UpstreamError ? labelStreamError(failure, call) : failure;
        collector.error = broken;
        yield request.dialect.encodeStreamError(broken);
      } finally {
        detach();
        await chunks.return?.(undefined);
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
