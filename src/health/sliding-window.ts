/**
 * @module
 * Outcomes of the last `windowMs` (60 s by default), with running counts so recording is
 * O(1) amortised; latency and TTFT percentiles are sorted lazily on read and cached until
 * the window changes.
 */
import { pickPercentile } from "./percentile.ts";

/** `neutral`: the upstream answered but the request was at fault (invalid, too long...). */
export type Outcome = "success" | "failure" | "neutral";

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

const outcomes: readonly Outcome[] = ["success", "failure", "neutral"];

/** Ring slots a window starts with; it doubles up to `maxSamples` as traffic needs. */
const initialSlots = 64;

/**
 * A ring of the last `maxSamples` calls in typed arrays: recording allocates nothing, so a
 * busy route adds no garbage (and nothing for the young generation to promote) per call.
 * A missing timing is stored as NaN.
 */
export class SlidingWindow {
  readonly windowMs: number;
  readonly #maxSamples: number;
  /** Slots allocated now (the ring's modulus). */
  #capacity: number;
  #at: Float64Array;
  #outcome: Uint8Array;
  #latency: Float64Array;
  #ttft: Float64Array;
  /** Index of the oldest live sample, and how many there are. */
  #head = 0;
  #size = 0;
  #counts: WindowCounts = { successes: 0, failures: 0, neutral: 0 };
  #version = 0;
  #sorted = new Map<TimingMetric, { version: number; values: Float64Array }>();

  constructor(options: SlidingWindowOptions) {
    this.windowMs = options.windowMs;
    this.#maxSamples = Math.max(1, options.maxSamples);
    this.#capacity = Math.min(this.#maxSamples, initialSlots);
    this.#at = new Float64Array(this.#capacity);
    this.#outcome = new Uint8Array(this.#capacity);
    this.#latency = new Float64Array(this.#capacity);
    this.#ttft = new Float64Array(this.#capacity);
  }

  add(at: number, outcome: Outcome, timing: { latencyMs?: number | undefined; ttftMs?: number | undefined } = {}): void {
    if (this.#size === this.#capacity) {
      // Full: grow, or past the bound drop the oldest sample early.
      if (this.#capacity < this.#maxSamples) this.#grow();
      else this.#dropOldest();
    }
    const slot = (this.#head + this.#size) % this.#capacity;
    this.#at[slot] = at;
    this.#outcome[slot] = outcomes.indexOf(outcome);
    this.#latency[slot] = timing.latencyMs ?? Number.NaN;
    this.#ttft[slot] = timing.ttftMs ?? Number.NaN;
    this.#size += 1;
    this.#counts[countField(outcome)] += 1;
    this.#version += 1;
    this.prune(at);
  }

  /** Forgets samples older than the window. */
  prune(now: number): void {
    const cutoff = now - this.windowMs;
    while (this.#size > 0 && (this.#at[this.#head] as number) <= cutoff) this.#dropOldest();
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
      const source = metric === "latencyMs" ? this.#latency : this.#ttft;
      const values = new Float64Array(this.#size);
      let length = 0;
      for (let offset = 0; offset < this.#size; offset++) {
        const value = source[(this.#head + offset) % this.#capacity] as number;
        if (!Number.isNaN(value)) values[length++] = value;
      }
      // A typed array sorts numerically.
      cached = { version: this.#version, values: values.subarray(0, length).sort() };
      this.#sorted.set(metric, cached);
    }
    return { p50: pickPercentile(cached.values, 0.5), p95: pickPercentile(cached.values, 0.95) };
  }

  #grow(): void {
    const capacity = Math.min(this.#maxSamples, this.#capacity * 2);
    const order = (source: Float64Array): Float64Array => {
      const next = new Float64Array(capacity);
      for (let offset = 0; offset < this.#size; offset++) next[offset] = source[(this.#head + offset) % this.#capacity] as number;
      return next;
    };
    const outcome = new Uint8Array(capacity);
    for (let offset = 0; offset < this.#size; offset++) outcome[offset] = this.#outcome[(this.#head + offset) % this.#capacity] as number;
    this.#at = order(this.#at);
    this.#latency = order(this.#latency);
    this.#ttft = order(this.#ttft);
    this.#outcome = outcome;
    this.#head = 0;
    this.#capacity = capacity;
  }

  #dropOldest(): void {
    if (this.#size === 0) return;
    this.#counts[countField(outcomes[this.#outcome[this.#head] as number] as Outcome)] -= 1;
    this.#head = (this.#head + 1) % this.#capacity;
    this.#size -= 1;
    this.#version += 1;
  }
}

function countField(outcome: Outcome): keyof WindowCounts {
  if (outcome === "success") return "successes";
  if (outcome === "failure") return "failures";
  return "neutral";
}
