/**
 * @module
 * Nearest-rank percentiles of a sample (sorted in place).
 */
import type { Percentiles } from "./load-spec.ts";

function rank(sorted: Float64Array, fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export function summarizePercentiles(values: Float64Array): Percentiles {
  values.sort();
  let total = 0;
  for (const value of values) total += value;
  return {
    p50: rank(values, 0.5),
    p90: rank(values, 0.9),
    p99: rank(values, 0.99),
    max: values.length === 0 ? Number.NaN : (values[values.length - 1] ?? Number.NaN),
    mean: values.length === 0 ? Number.NaN : total / values.length,
  };
}

/** The median of a plain list (not sorted in place). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? Number.NaN) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
