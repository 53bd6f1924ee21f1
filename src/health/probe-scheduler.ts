/**
 * @module
 * Optional active probes: every `intervalMs`, call a cheap `probe(target)` (the router
 * passes a GET of the models list, never a completion) for each configured provider or
 * key, and feed the outcome into the tracker. Targets whose live traffic succeeded within
 * the last interval are skipped, as are disabled keys. Rounds never overlap: the next one
 * is scheduled when the previous one has finished. Timers are `unref()`ed, so probing
 * never keeps a process alive; `stop()` clears them and aborts probes in flight.
 */
import { classifyFailure } from "../core/classify-failure.ts";
import { AbortedError, type FailureKind } from "../core/errors.ts";
import { defaultCooldownPolicy } from "./cooldown-policy.ts";
import type { HealthTracker } from "./health-tracker.ts";
import type { FailureReport, ProbeTarget } from "./types.ts";

/** Resolves when the target is healthy; throws (ideally an `UpstreamError`) when not. */
export type ProbeFunction = (target: ProbeTarget, signal: AbortSignal) => Promise<void>;

/** The timer functions the scheduler uses, injectable so tests need no waiting. */
export interface ProbeTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface ProbeSchedulerOptions {
  tracker: HealthTracker;
  /** The configured providers (and keys) to probe; a function is re-read every round. */
  targets: readonly ProbeTarget[] | (() => readonly ProbeTarget[]);
  probe: ProbeFunction;
  /** @default 30_000 */
  intervalMs?: number;
  /** A probe slower than this counts as a timeout. @default 10_000 */
  timeoutMs?: number;
  /** Delay of the first round after `start()`. @default 0 */
  initialDelayMs?: number;
  /** @default global setTimeout/clearTimeout, unref()ed */
  timers?: ProbeTimers;
}

export type ProbeRoundEntry =
  | { target: ProbeTarget; status: "skipped" }
  | { target: ProbeTarget; status: "ok"; latencyMs: number }
  | { target: ProbeTarget; status: "failed"; latencyMs: number; failure: FailureReport };

/** Node's timers, `unref()`ed so probing never keeps a process alive. */
export const defaultProbeTimers: ProbeTimers = {
  setTimeout(callback, ms) {
    const handle = setTimeout(callback, ms);
    handle.unref();
    return handle;
  },
  clearTimeout(handle) {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
};

export class ProbeScheduler {
  readonly intervalMs: number;
  readonly timeoutMs: number;
  readonly #options: ProbeSchedulerOptions;
  readonly #timers: ProbeTimers;
  readonly #controllers = new Set<AbortController>();
  #timer: unknown;
  #running = false;

  constructor(options: ProbeSchedulerOptions) {
    this.#options = options;
    this.intervalMs = options.intervalMs ?? 30_000;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.#timers = options.timers ?? defaultProbeTimers;
  }

  get running(): boolean {
    return this.#running;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#schedule(this.#options.initialDelayMs ?? 0);
  }

  stop(): void {
    this.#running = false;
    if (this.#timer !== undefined) this.#timers.clearTimeout(this.#timer);
    this.#timer = undefined;
    for (const controller of this.#controllers) controller.abort(new AbortedError("probe scheduler stopped"));
  }

  /** One round over every target, now. Resolves when every probe has reported. */
  async runOnce(): Promise<ProbeRoundEntry[]> {
    const { targets, tracker } = this.#options;
    const list = typeof targets === "function" ? targets() : targets;
    return Promise.all(
      list.map(async (target): Promise<ProbeRoundEntry> => {
        if (!tracker.needsProbe(target, this.intervalMs)) return { target, status: "skipped" };
        return this.#probeOne(target);
      }),
    );
  }

  #schedule(delayMs: number): void {
    this.#timer = this.#timers.setTimeout(() => {
      this.#timer = undefined;
      // Probe failures are recorded inside the round; only a throwing `targets()` lands
      // here, and one bad round must not end probing.
      void this.runOnce()
        .catch(() => [])
        .finally(() => {
          if (this.#running) this.#schedule(this.intervalMs);
        });
    }, delayMs);
  }

  async #probeOne(target: ProbeTarget): Promise<ProbeRoundEntry> {
    const { tracker, probe } = this.#options;
    const controller = new AbortController();
    this.#controllers.add(controller);
    const startedAt = tracker.now();
    let timedOut = false;
    let cancelTimeout = (): void => {};
    // A probe that ignores its signal still must not hang the round.
    const deadline = new Promise<void>((resolve) => {
      const handle = this.#timers.setTimeout(() => {
        timedOut = true;
        controller.abort(new DOMException(`probe timed out after ${this.timeoutMs} ms`, "TimeoutError"));
        resolve();
      }, this.timeoutMs);
      cancelTimeout = () => {
        this.#timers.clearTimeout(handle);
        resolve();
      };
    });
    let thrown: { error: unknown } | undefined;
    try {
      await Promise.race([probe(target, controller.signal), deadline]);
    } catch (error) {
      thrown = { error };
    } finally {
      cancelTimeout();
      this.#controllers.delete(controller);
    }
    const latencyMs = tracker.now() - startedAt;
    if (controller.signal.aborted && !timedOut) return { target, status: "skipped" }; // stopped meanwhile
    if (!timedOut && thrown === undefined) {
      tracker.recordProbeSuccess(target, latencyMs);
      return { target, status: "ok", latencyMs };
    }
    const failure: FailureReport =
      thrown === undefined || timedOut
        ? { kind: "timeout", status: undefined, message: `probe timed out after ${this.timeoutMs} ms` }
        : toFailureReport(thrown.error);
    tracker.recordProbeFailure(target, failure, latencyMs);
    return { target, status: "failed", latencyMs, failure };
  }
}

/** An `UpstreamError` (or anything with a failure `kind`) as is; other throws read as network errors. */
function toFailureReport(error: unknown): FailureReport {
  if (typeof error === "object" && error !== null) {
    const record = error as Partial<Record<keyof FailureReport, unknown>>;
    if (typeof record.kind === "string" && Object.hasOwn(defaultCooldownPolicy, record.kind)) {
      return {
        kind: record.kind as FailureKind,
        status: typeof record.status === "number" ? record.status : undefined,
        message: typeof record.message === "string" ? record.message : undefined,
        retryAfterMs: typeof record.retryAfterMs === "number" ? record.retryAfterMs : undefined,
      };
    }
  }
  const classified = classifyFailure({ cause: error });
  return { kind: classified.kind, status: undefined, message: classified.message };
}
