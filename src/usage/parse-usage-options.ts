/**
 * @module
 * Reads `period` and `group_by` as the gateway's `GET /usage` and `llmux usage` receive them (text).
 */
import { InvalidRequestError } from "../core/errors.ts";
import type { UsageGroupBy, UsagePeriod } from "./usage-store.ts";

const presetPeriods: readonly string[] = ["1h", "24h", "7d", "30d", "all"];
const groupBys: readonly UsageGroupBy[] = ["model", "provider", "key", "gateway-key", "route-mode", "day"];

function parseDate(text: string, param: string): Date {
  // Date-only text (`2025-01-31`) is read as UTC midnight by Date, which is what we want.
  const date = new Date(text);
  if (text.trim() === "" || Number.isNaN(date.getTime())) throw new InvalidRequestError(`"${text}" is not a valid date for ${param}.`, { param });
  return date;
}

/**
 * A preset (`1h`, `24h`, `7d`, `30d`, `all`) or an ISO range `SINCE..UNTIL` (`UNTIL` optional),
 * e.g. `2025-01-01..2025-02-01`.
 */
export function parseUsagePeriod(text: string): UsagePeriod {
  if (presetPeriods.includes(text)) return text as UsagePeriod;
  const separator = text.indexOf("..");
  if (separator > 0) {
    const since = parseDate(text.slice(0, separator), "period");
    const untilText = text.slice(separator + 2);
    return untilText === "" ? { since } : { since, until: parseDate(untilText, "period") };
  }
  throw new InvalidRequestError(`Unknown usage period "${text}". Use one of ${presetPeriods.join(", ")} or SINCE..UNTIL.`, { param: "period" });
}

export function parseUsageGroupBy(text: string): UsageGroupBy {
  const found = groupBys.find((groupBy) => groupBy === text);
  if (found === undefined) throw new InvalidRequestError(`Unknown group_by "${text}". Use one of ${groupBys.join(", ")}.`, { param: "group_by" });
  return found;
}
