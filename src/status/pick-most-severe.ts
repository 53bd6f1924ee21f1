/**
 * @module
 * Ordering of status levels when several readings must become one.
 */
import type { StatusLevel } from "./types.ts";

const severity: Record<StatusLevel, number> = { unknown: 0, operational: 1, degraded: 2, down: 3 };

/**
 * The most severe known level; `unknown` only when nothing is known. Among equals the
 * earliest wins, so callers list their preferred source first.
 */
export function pickMostSevere<T extends { status: StatusLevel }>(readings: readonly T[]): T | undefined {
  let worst: T | undefined;
  for (const reading of readings) {
    if (worst === undefined || severity[reading.status] > severity[worst.status]) worst = reading;
  }
  return worst;
}
