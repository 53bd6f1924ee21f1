/**
 * @module
 * Summaries in plain code: the memory store's implementation and the reference the SQL one must
 * match (the conformance suite checks both). Also the shared group key, percentile rank and order.
 */
import { isFailedRecord, isFallbackRecord, type UsageRecord } from "./usage-record.ts";
import type { UsageGroupBy, UsageSummaryRow } from "./usage-store.ts";

/** The value a record is grouped under (see `UsageGroupBy`). */
export function readGroupValue(record: UsageRecord, groupBy: UsageGroupBy): string | null {
  switch (groupBy) {
    case "model":
      return record.servedModel ?? record.requestedModel;
    case "provider":
      return record.provider;
    case "key":
      return record.keyId;
    case "gateway-key":
      return record.gatewayKeyId;
    case "route-mode":
      return record.routeMode;
    case "day":
      return record.time.slice(0, 10);
  }
}

/**
 * 1-based nearest rank of the `percent` percentile among `count` values: ceil(percent/100 * count),
 * in integer arithmetic so SQL (`(percent * n + 99) / 100`) and JS agree exactly.
 */
export function computePercentileRank(count: number, percent: number): number {
  return Math.max(1, Math.floor((percent * count + 99) / 100));
}

/** `day` in date order; other groups busiest first, then by name, the null group last. */
export function sortSummaryRows(rows: UsageSummaryRow[], groupBy: UsageGroupBy): UsageSummaryRow[] {
  const byGroup = (left: UsageSummaryRow, right: UsageSummaryRow): number => {
    if (left.group === right.group) return 0;
    if (left.group === null) return 1;
    if (right.group === null) return -1;
    return left.group < right.group ? -1 : 1;
  };
  if (groupBy === "day") return rows.sort(byGroup);
  return rows.sort((left, right) => right.requests - left.requests || byGroup(left, right));
}

function sumKnown(values: Array<number | null>): number | null {
  let sum: number | null = null;
  for (const value of values) if (value !== null) sum = (sum ?? 0) + value;
  return sum;
}

function summarizeGroup(group: string | null, records: UsageRecord[]): UsageSummaryRow {
  const latencies = records.map((record) => record.latencyMs).sort((left, right) => left - right);
  const at = (percent: number): number => latencies[computePercentileRank(latencies.length, percent) - 1] ?? 0;
  return {
    group,
    requests: records.length,
    failures: records.filter(isFailedRecord).length,
    fallbacks: records.filter(isFallbackRecord).length,
    estimatedRequests: records.filter((record) => record.usageEstimated).length,
    inputTokens: sumKnown(records.map((record) => record.inputTokens)),
    outputTokens: sumKnown(records.map((record) => record.outputTokens)),
    cacheReadTokens: sumKnown(records.map((record) => record.cacheReadTokens)),
    cacheWriteTokens: sumKnown(records.map((record) => record.cacheWriteTokens)),
    reasoningTokens: sumKnown(records.map((record) => record.reasoningTokens)),
    costUsd: sumKnown(records.map((record) => record.costUsd)),
    unpricedRequests: records.filter((record) => record.costUsd === null).length,
    latencyP50Ms: at(50),
    latencyP95Ms: at(95),
  };
}

export function summarizeRecords(records: Iterable<UsageRecord>, groupBy: UsageGroupBy): UsageSummaryRow[] {
  const groups = new Map<string | null, UsageRecord[]>();
  for (const record of records) {
    const key = readGroupValue(record, groupBy);
    const members = groups.get(key);
    if (members) members.push(record);
    else groups.set(key, [record]);
  }
  return sortSummaryRows(
    [...groups].map(([group, members]) => summarizeGroup(group, members)),
    groupBy,
  );
}
