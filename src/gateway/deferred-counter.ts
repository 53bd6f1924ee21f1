/**
 * @module
 * A Prometheus counter counted in plain numbers and handed to prom-client when scraped.
 * prom-client hashes the label set on every `inc()`; a gateway counts several series per
 * request, so the request path only adds to a number it already holds.
 */
import { Counter, type Registry } from "prom-client";

/** A label set as a map key: length-prefixed, so no two sets share a key whatever characters they hold. */
export function labelSetKey<Label extends string>(names: readonly Label[], labels: Readonly<Record<Label, string>>): string {
  let key = "";
  for (const name of names) key += `${labels[name].length}:${labels[name]}`;
  return key;
}

/** One labelled series: add to `pending`; the next scrape moves it into the counter. */
export class CounterSeries<Label extends string = string> {
  pending = 0;
  readonly labels: Readonly<Record<Label, string>>;

  constructor(labels: Readonly<Record<Label, string>>) {
    this.labels = labels;
  }
}

export class DeferredCounter<Label extends string> {
  readonly #series = new Map<string, CounterSeries<Label>>();
  readonly #labelNames: readonly Label[];

  constructor(options: { name: string; help: string; labelNames: readonly Label[]; registry: Registry }) {
    this.#labelNames = options.labelNames;
    const series = this.#series;
    new Counter({
      name: options.name,
      help: options.help,
      labelNames: options.labelNames,
      registers: [options.registry],
      collect() {
        for (const entry of series.values()) {
          if (entry.pending === 0) continue;
          this.inc(entry.labels, entry.pending);
          entry.pending = 0;
        }
      },
    });
  }

  /** The series for these label values (one per label set for the process's life, as in prom-client). */
  series(labels: Readonly<Record<Label, string>>): CounterSeries<Label> {
    const key = labelSetKey(this.#labelNames, labels);
    let entry = this.#series.get(key);
    if (entry === undefined) {
      entry = new CounterSeries({ ...labels });
      this.#series.set(key, entry);
    }
    return entry;
  }
}
