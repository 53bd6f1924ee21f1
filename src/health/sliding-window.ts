/**
 * @module
 * Outcomes of the last `windowMs` (60 s by default), with running counts so recording is
 * O(1) amortised; latency and TTFT percentiles are sorted lazily on read and cached until
 * the window changes.
 */
import { pickPercentile } from "./percentile.ts";

/** `neutral`: the upstream answered but the request was at fault (invalid, too long...). */
export type Outcome = "success" | "failure" | "neutral";

interface Sample {
  at: number;
  outcome: Outcome;
  latencyMs: number | undefined;
  ttftMs: number | undefined;
}

export interface WindowCounts {
  successes: number;
  failures: number;
  neutral: number;
}

export interface Percentiles {
  p50: number | undefined;
  p95: number | undefined;
}

export interface SlidingWindowOptions {
  windowMs: number;
  /** Memory bound under heavy traffic: beyond it the oldest samples are dropped early. */
  maxSamples: number;
}

export type TimingMetric = "latencyMs" | "ttftMs";

export class SlidingWindow {
  readonly windowMs: number;
  readonly #maxSamples: number;
  // A queue as an array plus a head index; compacted when the dead prefix dominates.
  #samples: Sample[] = [];
  #head = 0;
  #counts: WindowCounts = { successes: 0, failures: 0, neutral: 0 };
  #version = 0;
  #sorted = new Map<TimingMetric, { version: number; values: number[] }>();

  constructor(options: SlidingWindowOptions) {
    this.windowMs = options.windowMs;
    this.#maxSamples = Math.max(1, options.maxSamples);
  }

  add(at: number, outcome: Outcome, timing: { latencyMs?: number | undefined; ttftMs?: number | undefined } = {}): void {
    this.#samples.push({ at, outcome, latencyMs: timing.latencyMs, ttftMs: timing.ttftMs });
    this.#counts[countField(outcome)] += 1;
    this.#version += 1;
    if (this.#samples.length - this.#head > this.#maxSamples) this.#dropOldest();
    this.prune(at);
  }

  /** Forgets samples older than the window. */
  prune(now: number): void {
    const cutoff = now - this.windowMs;
    while (this.#head < this.#samples.length) {
      const oldest = this.#samples[this.#head];
      if (oldest === undefined || oldest.at > cutoff) break;
      this.#dropOldest();
    }
    if (this.#head > 64 && this.#head * 2 > this.#samples.length) {
      this.#samples = this.#samples.slice(this.#head);
      this.#head = 0;
    }
  }

  counts(now: number): WindowCounts {
    this.prune(now);
    return { ...this.#counts };
  }

  /** failures / (successes + failures); neutral outcomes do not count. */
  errorRate(now: number): number | undefined {
    const { successes, failures } = this.counts(now);
    const judged = successes + failures;
    return judged === 0 ? undefined : failures / judged;
  }

  percentiles(now: number, metric: TimingMetric): Percentiles {
    this.prune(now);
    let cached = this.#sorted.get(metric);
    if (cached === undefined || cached.version !== this.#version) {
      const values: number[] = [];
      for (let index = this.#head; index < this.#samples.length; index++) {
        const value = this.#samples[index]?.[metric];
        if (value !== undefined) values.push(value);
      }
      values.sort((left, right) => left - right);
      cached = { version: this.#version, values };
      this.#sorted.set(metric, cached);
    }
    return { p50: pickPercentile(cached.values, 0.5), p95: pickPercentile(cached.values, 0.95) };
  }

  #dropOldest(): void {
    const oldest = this.#samples[this.#head];
    if (oldest === undefined) return;
    this.#counts[countField(oldest.outcome)] -= 1;
    this.#head += 1;
    this.#version += 1;
  }
}

function countField(outcome: Outcome): keyof WindowCounts {
  if (outcome === "success") return "successes";
  if (outcome === "failure") return "failures";
  return "neutral";
}
