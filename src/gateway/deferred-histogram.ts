/**
 * @module
 * A Prometheus histogram counted in typed arrays and rendered for prom-client's registry when
 * scraped. prom-client hashes the label set on every `observe()`, even through `labels()`;
 * the gateway observes at least once per request, so the request path only bumps a bucket.
 */
import type { Registry } from "prom-client";
import { labelSetKey } from "./deferred-counter.ts";

/** One labelled series: `observe` adds to its bucket, the sum and the count. */
export class HistogramSeries<Label extends string = string> {
  readonly labels: Readonly<Record<Label, string>>;
  /** Per bucket, not cumulative; the last one is +Inf. */
  readonly counts: Float64Array;
  sum = 0;
  count = 0;
  readonly #bounds: readonly number[];

  constructor(labels: Readonly<Record<Label, string>>, bounds: readonly number[]) {
    this.labels = labels;
    this.#bounds = bounds;
    this.counts = new Float64Array(bounds.length + 1);
  }

  observe(value: number): void {
    let index = 0;
    while (index < this.#bounds.length && value > (this.#bounds[index] as number)) index += 1;
    this.counts[index] = (this.counts[index] ?? 0) + 1;
    this.sum += value;
    this.count += 1;
  }
}

interface MetricValue {
  metricName: string;
  labels: Record<string, string | number>;
  value: number;
}

export class DeferredHistogram<Label extends string> {
  readonly #series = new Map<string, HistogramSeries<Label>>();
  readonly #labelNames: readonly Label[];
  readonly #bounds: readonly number[];
  // What prom-client's registry reads from a metric: it renders and merges the values itself.
  readonly name: string;
  readonly help: string;
  readonly type = "histogram";
  readonly aggregator = "sum";

  constructor(options: { name: string; help: string; labelNames: readonly Label[]; buckets: readonly number[]; registry: Registry }) {
    this.name = options.name;
    this.help = options.help;
    this.#labelNames = options.labelNames;
    this.#bounds = [...options.buckets].sort((left, right) => left - right);
    // The registry takes any object with this shape; its own metric classes are not required.
    options.registry.registerMetric(this as unknown as Parameters<Registry["registerMetric"]>[0]);
  }

  /** The series for these label values (kept for the process's life, as in prom-client). */
  series(labels: Readonly<Record<Label, string>>): HistogramSeries<Label> {
    const key = labelSetKey(this.#labelNames, labels);
    let entry = this.#series.get(key);
    if (entry === undefined) {
      entry = new HistogramSeries({ ...labels }, this.#bounds);
      this.#series.set(key, entry);
    }
    return entry;
  }

  /** Cumulative buckets, sum and count per series, as prom-client's own histogram reports them. */
  get(): { name: string; help: string; type: string; aggregator: string; values: MetricValue[] } {
    const values: MetricValue[] = [];
    for (const series of this.#series.values()) {
      let cumulative = 0;
      this.#bounds.forEach((bound, index) => {
        cumulative += series.counts[index] ?? 0;
        values.push({ metricName: `${this.name}_bucket`, labels: { le: bound, ...series.labels }, value: cumulative });
      });
      cumulative += series.counts[this.#bounds.length] ?? 0;
      values.push({ metricName: `${this.name}_bucket`, labels: { le: "+Inf", ...series.labels }, value: cumulative });
      values.push({ metricName: `${this.name}_sum`, labels: { ...series.labels }, value: series.sum });
      values.push({ metricName: `${this.name}_count`, labels: { ...series.labels }, value: series.count });
    }
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }

  reset(): void {
    this.#series.clear();
  }
}
