/**
 * @module
 * Live-traffic measurements of one scope (provider, key or route), kept in-process:
 * outcome window, EWMA latency and TTFT, consecutive failures, recent errors, in-flight.
 * Cooldowns are not here; they live in the store (see circuit.ts).
 */
import { updateEwma } from "./ewma.ts";
import { redactMessage } from "./redact-message.ts";
import { SlidingWindow, type Outcome } from "./sliding-window.ts";
import type { FailureReport, ProbeResult, RecentError, ScopeRef, SuccessTiming, TimingSummary } from "./types.ts";

export interface ScopeStatsOptions {
  windowMs: number;
  maxSamples: number;
  ewmaAlpha: number;
  recentErrorLimit: number;
}

export class ScopeStats {
  readonly scope: ScopeRef;
  readonly window: SlidingWindow;
  readonly #alpha: number;
  readonly #recentErrorLimit: number;
  latencyEwma: number | undefined;
  ttftEwma: number | undefined;
  consecutiveFailures = 0;
  lastSuccessAt: number | undefined;
  lastFailureAt: number | undefined;
  inFlight = 0;
  recentErrors: RecentError[] = [];
  lastProbe: ProbeResult | undefined;

  constructor(scope: ScopeRef, options: ScopeStatsOptions) {
    this.scope = scope;
    this.window = new SlidingWindow({ windowMs: options.windowMs, maxSamples: options.maxSamples });
    this.#alpha = options.ewmaAlpha;
    this.#recentErrorLimit = options.recentErrorLimit;
  }

  recordSuccess(at: number, timing: SuccessTiming): void {
    this.window.add(at, "success", timing);
    if (timing.latencyMs !== undefined) this.latencyEwma = updateEwma(this.latencyEwma, timing.latencyMs, this.#alpha);
    if (timing.ttftMs !== undefined) this.ttftEwma = updateEwma(this.ttftEwma, timing.ttftMs, this.#alpha);
    this.consecutiveFailures = 0;
    this.lastSuccessAt = at;
  }

  /** `neutral` is a caller error: listed among recent errors, but not an upstream failure. */
  recordError(at: number, failure: FailureReport, outcome: Extract<Outcome, "failure" | "neutral">): RecentError {
    this.window.add(at, outcome);
    if (outcome === "failure") {
      this.consecutiveFailures += 1;
      this.lastFailureAt = at;
    }
    const error = describeFailure(failure, at);
    this.recentErrors.push(error);
    if (this.recentErrors.length > this.#recentErrorLimit) this.recentErrors.shift();
    return error;
  }

  latency(now: number): TimingSummary {
    const { p50, p95 } = this.window.percentiles(now, "latencyMs");
    return { ewmaMs: this.latencyEwma, p50Ms: p50, p95Ms: p95 };
  }

  ttft(now: number): TimingSummary {
    const { p50, p95 } = this.window.percentiles(now, "ttftMs");
    return { ewmaMs: this.ttftEwma, p50Ms: p50, p95Ms: p95 };
  }
}

export function describeFailure(failure: FailureReport, at: number): RecentError {
  return { kind: failure.kind, status: failure.status, message: redactMessage(failure.message ?? failure.kind), at };
}
