/**
 * @module
 * Where usage records live: the narrow contract the router, the gateway and the CLI use. SQLite
 * (embedded default) and memory implement it now, PostgreSQL later; all run one conformance suite.
 *
 * Every method is async so a networked store fits. `record` resolves only once the row is durable
 * in the store's sense (SQLite: committed), so a caller that awaits it before finishing a
 * response never answers a request whose record a crash could lose.
 */
import type { UsageRecord } from "./usage-record.ts";

/** A preset window ending now, everything, or an explicit range (`since` inclusive, `until` exclusive). */
export type UsagePeriod = "1h" | "24h" | "7d" | "30d" | "all" | { since: Date; until?: Date };

/**
 * What a summary groups by. `model` is the served model, or the requested one when nothing
 * served (so failures count against the model that was asked for); `day` is the UTC date.
 */
export type UsageGroupBy = "model" | "provider" | "key" | "gateway-key" | "route-mode" | "day";

export interface UsageQuery {
  /** Inclusive. */
  since?: Date;
  /** Exclusive. */
  until?: Date;
  /** At most this many rows; all when absent. */
  limit?: number;
  /** Matches the served or the requested model. */
  model?: string;
  provider?: string;
  /** The HTTP status answered. */
  status?: number;
}

export interface SummarizeOptions {
  period: UsagePeriod;
  groupBy: UsageGroupBy;
}

export interface UsageSummaryRow {
  /** The group's value; null for records without one (e.g. no gateway key, nothing served). */
  group: string | null;
  requests: number;
  failures: number;
  fallbacks: number;
  /** Requests whose token figures are llmux's estimate. */
  estimatedRequests: number;
  /** Sums over the requests that reported the figure; null when none did. */
  inputTokens: number | null;
  outputTokens: number | null;
  cacheReadTokens: number | null;
  cacheWriteTokens: number | null;
  reasoningTokens: number | null;
  /** Sum of known costs; null when every cost in the group is unknown. */
  costUsd: number | null;
  /** Requests whose cost is unknown (not in `costUsd`). */
  unpricedRequests: number;
  /** Nearest-rank percentiles of latency. */
  latencyP50Ms: number;
  latencyP95Ms: number;
}

export interface UsageStore {
  /** Stores one record; resolves once it is durable. */
  record(row: UsageRecord): Promise<void>;
  /** Records newest first (ties: last written first). */
  query(filter?: UsageQuery): Promise<UsageRecord[]>;
  /** Aggregates per group; `day` groups in date order, others by request count, busiest first. */
  summarize(options: SummarizeOptions): Promise<UsageSummaryRow[]>;
  close(): Promise<void>;
}
