/**
 * @module
 * Exponentially weighted moving average: a cheap "recent typical value" that needs no
 * window, used next to the windowed percentiles.
 */

/** The average after one more sample; the first sample starts the average. */
export function updateEwma(previous: number | undefined, sample: number, alpha: number): number {
  return previous === undefined ? sample : alpha * sample + (1 - alpha) * previous;
}
