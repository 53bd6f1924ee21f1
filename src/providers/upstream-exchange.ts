/**
 * @module
 * One request and its answer over undici's dispatch API. The answer's bytes arrive as
 * callbacks, not through a Readable stream: a whole answer is gathered without any stream
 * machinery, and a streamed one is handed to its reader chunk by chunk with backpressure
 * (the socket pauses while the reader is behind). Our own timers enforce the four limits
 * and say which one fired; the caller's signal aborts the call and closes its socket.
 */
import type { Dispatcher } from "undici";
import { AbortedError, type LlmuxError } from "../core/errors.ts";
import { mapTransportError } from "./map-transport-error.ts";
import type { UpstreamTimeouts } from "./timeouts.ts";

/** Why our own side aborted the call, if it did. */
type AbortCause = "caller" | "total" | "first-byte" | "idle";

interface ExchangeLabels {
  url: string;
  provider: string;
  model: string;
  secrets: () => string[];
}

/** Whoever reads the body: gathers it whole (text) or pulls it chunk by chunk (iterator). */
interface BodyReader {
  data(chunk: Buffer): void;
  end(): void;
  fail(error: LlmuxError): void;
}

interface ExchangeHead {
  status: number;
  headers: Record<string, string>;
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined) continue;
    result[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return result;
}

export class UpstreamExchange implements Dispatcher.DispatchHandler {
  readonly #timeouts: UpstreamTimeouts;
  readonly #labels: ExchangeLabels;
  readonly #caller: AbortSignal | undefined;
  #controller: Dispatcher.DispatchController | undefined;
  #abortCause: AbortCause | undefined;
  #abortReason: Error | undefined;
  #phase: "headers" | "body" | "done" = "headers";
  #totalTimer: NodeJS.Timeout;
  #firstByteTimer: NodeJS.Timeout | undefined;
  #idleTimer: NodeJS.Timeout | undefined;
  /** The reader is waiting on the upstream (idle time counts only then). */
  #waiting = false;
  #onHead: ((head: ExchangeHead) => void) | undefined;
  #onHeadError: ((error: LlmuxError) => void) | undefined;
  /** Body events before a reader attached, replayed when one does. */
  #early: Array<Buffer | null> | undefined;
  #earlyError: LlmuxError | undefined;
  #reader: BodyReader | undefined;
  /** How the body is read: whole (any gap counts as idle) or pulled (only the reader's waits do). */
  #mode: "whole" | "pulled" | undefined;
  readonly #onCallerAbort = (): void => this.#abort("caller", this.#caller?.reason);

  constructor(options: { timeouts: UpstreamTimeouts; labels: ExchangeLabels; signal: AbortSignal | undefined; onHead: (head: ExchangeHead) => void; onHeadError: (error: LlmuxError) => void }) {
    this.#timeouts = options.timeouts;
    this.#labels = options.labels;
    this.#caller = options.signal;
    this.#onHead = options.onHead;
    this.#onHeadError = options.onHeadError;
    this.#caller?.addEventListener("abort", this.#onCallerAbort, { once: true });
    this.#totalTimer = setTimeout(() => this.#abort("total"), this.#timeouts.totalMs);
    // First byte counts from the call, connection set-up included. Not armed when it
    // cannot fire first (a whole answer's limits are often the same).
    if (this.#timeouts.firstByteMs < this.#timeouts.totalMs) this.#firstByteTimer = setTimeout(() => this.#abort("first-byte"), this.#timeouts.firstByteMs);
  }

  // ---- undici's side

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#controller = controller;
    // A limit may have passed while the request waited for a socket.
    if (this.#abortReason !== undefined) controller.abort(this.#abortReason);
  }

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number, headers: Record<string, string | string[] | undefined>): void {
    clearTimeout(this.#firstByteTimer);
    this.#phase = "body";
    const onHead = this.#onHead;
    this.#onHead = undefined;
    this.#onHeadError = undefined;
    onHead?.({ status: statusCode, headers: flattenHeaders(headers) });
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.#reader) this.#reader.data(chunk);
    else {
      (this.#early ??= []).push(chunk);
      // Nobody reads yet: hold the socket rather than buffer an unbounded answer.
      controller.pause();
    }
  }

  onResponseEnd(): void {
    this.#phase = "done";
    this.#release();
    if (this.#reader) this.#reader.end();
    else (this.#early ??= []).push(null);
  }

  onResponseError(_controller: Dispatcher.DispatchController | undefined, error: Error): void {
    // After an end or a cancel, undici's own report of the abort has no one to tell.
    if (this.#phase === "done") return;
    const phase = this.#phase;
    this.#phase = "done";
    this.#release();
    const failure = this.#translate(error, phase);
    if (this.#onHeadError) {
      const reject = this.#onHeadError;
      this.#onHead = undefined;
      this.#onHeadError = undefined;
      reject(failure);
      return;
    }
    if (this.#reader) this.#reader.fail(failure);
    else this.#earlyError = failure;
  }

  // ---- the reader's side

  /** The whole body as UTF-8 text; past `limitBytes` a RangeError (and the socket is closed). */
  text(limitBytes: number): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let failed = false;
      this.#mode = "whole";
      this.#armIdle();
      this.#attach({
        data: (chunk) => {
          if (failed) return;
          this.#idleTimer?.refresh();
          size += chunk.length;
          if (size > limitBytes) {
            failed = true;
            this.cancel();
            reject(new RangeError(`the answer is larger than ${limitBytes} bytes`));
            return;
          }
          chunks.push(chunk);
        },
        end: () => {
          if (failed) return;
          resolve(chunks.length === 1 ? (chunks[0] as Buffer).toString("utf8") : Buffer.concat(chunks, size).toString("utf8"));
        },
        fail: (error) => {
          if (!failed) reject(error);
        },
      });
    });
  }

  /** The body chunk by chunk. Leaving the loop early closes the socket. */
  async *chunks(): AsyncGenerator<Uint8Array> {
    const queue: Array<Buffer | null> = [];
    let failure: LlmuxError | undefined;
    let wake: (() => void) | undefined;
    const notify = (): void => {
      const resume = wake;
      wake = undefined;
      resume?.();
    };
    this.#mode = "pulled";
    this.#armIdle();
    this.#attach({
      data: (chunk) => {
        queue.push(chunk);
        // The reader is behind: let the socket wait rather than buffer.
        if (!this.#waiting) this.#controller?.pause();
        notify();
      },
      end: () => {
        queue.push(null);
        notify();
      },
      fail: (error) => {
        failure = error;
        notify();
      },
    });
    try {
      for (;;) {
        const next = queue.shift();
        if (next === null) break;
        if (next !== undefined) {
          yield next;
          continue;
        }
        if (failure) throw failure;
        this.#waiting = true;
        this.#idleTimer?.refresh();
        // Resuming may deliver data at once, so the waker must be in place first.
        await new Promise<void>((resolve) => {
          wake = resolve;
          this.#controller?.resume();
        });
        this.#waiting = false;
      }
      // undici frees the socket for reuse one loop turn after the body ends; waiting that
      // turn lets an immediate next call to the same origin take this socket, not a new one.
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      // Reached on completion, on a throw, and when the consumer leaves the loop early.
      this.cancel();
    }
  }

  /** Drops the body unread: closes the socket and stops the timers. */
  cancel(): void {
    if (this.#phase === "done") {
      this.#release();
      return;
    }
    this.#phase = "done";
    this.#release();
    // A reader still waiting hears of it (a whole-body read must not hang on a cancelled answer).
    const reader = this.#reader;
    this.#reader = { data: () => {}, end: () => {}, fail: () => {} };
    const dropped = new AbortedError("The answer was dropped unread.");
    this.#abortReason ??= dropped;
    this.#controller?.abort(this.#abortReason);
    reader?.fail(dropped);
  }

  #attach(reader: BodyReader): void {
    this.#reader = reader;
    const early = this.#early;
    this.#early = undefined;
    for (const item of early ?? []) {
      if (item === null) reader.end();
      else reader.data(item);
    }
    if (this.#earlyError) reader.fail(this.#earlyError);
    else if (this.#phase !== "done") this.#controller?.resume();
  }

  #armIdle(): void {
    if (this.#phase === "done" || this.#idleTimer !== undefined) return;
    this.#idleTimer = setTimeout(() => {
      if (this.#mode === "whole" || this.#waiting) this.#abort("idle");
    }, this.#timeouts.idleMs);
  }

  #abort(cause: AbortCause, reason?: unknown): void {
    if (this.#abortCause !== undefined || this.#phase === "done") return;
    this.#abortCause = cause;
    this.#abortReason = reason instanceof Error ? reason : new Error(`${cause} limit reached`);
    if (this.#controller) this.#controller.abort(this.#abortReason);
    // Still waiting for a socket: fail now; onRequestStart drops the request if it ever starts.
    else this.onResponseError(undefined, this.#abortReason);
  }

  #release(): void {
    clearTimeout(this.#totalTimer);
    clearTimeout(this.#firstByteTimer);
    clearTimeout(this.#idleTimer);
    this.#caller?.removeEventListener("abort", this.#onCallerAbort);
  }

  #translate(error: unknown, phase: "headers" | "body"): LlmuxError {
    if (this.#abortCause === "caller") return new AbortedError("The request was aborted by its caller.", { cause: error });
    return mapTransportError(error, {
      provider: this.#labels.provider,
      model: this.#labels.model,
      url: this.#labels.url,
      timeouts: this.#timeouts,
      expired: this.#abortCause,
      phase,
      secrets: this.#labels.secrets(),
    });
  }
}
