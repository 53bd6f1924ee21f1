/**
 * @module
 * A streaming try is committed only at its first content event: until then a failure (an
 * error answer, an in-stream error, a cut, no first token within the limit) is an ordinary
 * failed try and the executor may fall back. Priming reads up to that point and buffers.
 */
import { StreamCollector } from "../core/collect-stream.ts";
import { AbortedError, UpstreamError } from "../core/errors.ts";
import { isContentEvent, type CanonicalEvent } from "../core/types/event.ts";
import type { Warning } from "../core/types/response.ts";
import { openUpstreamStream, toAttemptError, type UpstreamCall } from "./call-upstream.ts";

export interface PrimedStream {
  /** The buffered events, then the rest of the upstream stream. */
  events: AsyncIterable<CanonicalEvent>;
  /** Folds the events as the consumer reads them (filled in by whoever iterates). */
  collector: StreamCollector;
  ttftMs: number | undefined;
  warnings: Warning[];
  cancel(): void;
}

export interface PrimeOptions {
  call: UpstreamCall;
  /** Longest wait, from the start of the try, for the first content event. */
  firstTokenMs: number;
  /** The caller's signal: its abort is an abort, not a timeout. */
  callerSignal: AbortSignal;
}

async function* replay(buffered: CanonicalEvent[], rest: AsyncIterator<CanonicalEvent>, done: () => void): AsyncGenerator<CanonicalEvent> {
  try {
    yield* buffered;
    for (;;) {
      const next = await rest.next();
      if (next.done) return;
      yield next.value;
    }
  } finally {
    done();
    await rest.return?.();
  }
}

export async function primeStream(options: PrimeOptions): Promise<PrimedStream> {
  const { call } = options;
  const started = Date.now();
  const controller = new AbortController();
  const onCallerAbort = (): void => controller.abort(options.callerSignal.reason);
  options.callerSignal.addEventListener("abort", onCallerAbort, { once: true });
  let firstTokenLate = false;
  const timer = setTimeout(() => {
    firstTokenLate = true;
    controller.abort();
  }, options.firstTokenMs);
  const lateError = (): UpstreamError =>
    new UpstreamError({
      provider: call.candidate.provider.id,
      model: call.candidate.upstreamModel,
      kind: "timeout",
      message: `${call.candidate.provider.id}: no first token within ${options.firstTokenMs} ms`,
    });
  let cancel = (): void => {};
  try {
    const opened = await openUpstreamStream({ ...call, signal: controller.signal });
    cancel = opened.cancel;
    const iterator = opened.events[Symbol.asyncIterator]();
    const buffered: CanonicalEvent[] = [];
    let ttftMs: number | undefined;
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      const event = next.value;
      if (event.type === "error") {
        await iterator.return?.();
        if (firstTokenLate) throw lateError();
        throw event.error;
      }
      buffered.push(event);
      if (isContentEvent(event)) {
        ttftMs = Date.now() - started;
        break;
      }
      if (event.type === "finish") break;
    }
    clearTimeout(timer);
    // The caller's abort keeps reaching the upstream until the stream is done.
    const detach = (): void => options.callerSignal.removeEventListener("abort", onCallerAbort);
    return { events: replay(buffered, iterator, detach), collector: new StreamCollector(), ttftMs, warnings: opened.warnings, cancel: () => cancel() };
  } catch (thrown) {
    clearTimeout(timer);
    cancel();
    if (firstTokenLate && !options.callerSignal.aborted) {
      options.callerSignal.removeEventListener("abort", onCallerAbort);
      throw lateError();
    }
    if (options.callerSignal.aborted) throw new AbortedError();
    options.callerSignal.removeEventListener("abort", onCallerAbort);
    throw toAttemptError(thrown, call);
  }
}
