/**
 * @module
 * Periods and query bounds as ISO strings. Records store `toISOString()` text, which is fixed
 * width, so string order is time order and both stores compare bounds as text.
 */
import { InvalidRequestError } from "../core/errors.ts";
import type { UsagePeriod } from "./usage-store.ts";

/** `since` inclusive, `until` exclusive; undefined means unbounded. */
export interface TimeRange {
  since: string | undefined;
  until: string | undefined;
}

const hourMs = 3_600_000;
const presetMs: Record<Exclude<UsagePeriod, "all" | object>, number> = {
  "1h": hourMs,
  "24h": 24 * hourMs,
  "7d": 7 * 24 * hourMs,
  "30d": 30 * 24 * hourMs,
};

/** ISO text of a bound; throws InvalidRequestError naming `param` for an invalid date. */
export function toIsoBound(date: Date | undefined, param: string): string | undefined {
  if (date === undefined) return undefined;
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new InvalidRequestError(`"${param}" is not a valid date.`, { param });
  return date.toISOString();
}

/**
 * The range a period covers at `now` (ms since epoch). Presets have no upper bound, so a record
 * stamped slightly ahead of this clock (another replica's skew) is still counted.
 */
export function resolvePeriod(period: UsagePeriod, now: number): TimeRange {
  if (period === "all") return { since: undefined, until: undefined };
  if (typeof period === "string") {
    const span = presetMs[period];
    if (span === undefined) throw new InvalidRequestError(`Unknown usage period "${String(period)}".`, { param: "period" });
    return { since: new Date(now - span).toISOString(), until: undefined };
  }
  return { since: toIsoBound(period.since, "period.since"), until: toIsoBound(period.until, "period.until") };
}
