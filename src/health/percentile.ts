/**
 * @module
 * Nearest-rank percentile over an ascending-sorted list.
 */

/** The value at quantile `q` (0..1) of ascending `sorted`; undefined when empty. */
export function pickPercentile(sorted: ArrayLike<number>, q: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const rank = Math.ceil(q * sorted.length);
  const index = Math.min(sorted.length - 1, Math.max(0, rank - 1));
  return sorted[index];
}
