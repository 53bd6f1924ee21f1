/**
 * @module
 * Usage records (one per request, success or failure), their stores (SQLite, memory) and
 * summaries for `GET /usage`, `llmux usage` and the dashboard.
 */
export type { RouteMode, UsageAttempt, UsageErrorKind, UsageRecord } from "./usage-record.ts";
export { fallbackRouteModes, isFailedRecord, isFallbackRecord, routeModes } from "./usage-record.ts";
export type { SummarizeOptions, UsageGroupBy, UsagePeriod, UsageQuery, UsageStore, UsageSummaryRow } from "./usage-store.ts";
export { createUsageRecord, type UsageRecordInput } from "./create-usage-record.ts";
export { compactAttempts, maxRecordedAttempts, type AttemptLike } from "./compact-attempts.ts";
export { parseUsageGroupBy, parseUsagePeriod } from "./parse-usage-options.ts";
export { resolvePeriod, type TimeRange } from "./resolve-period.ts";
export { formatUsageTable, type FormatUsageTableOptions } from "./format-usage-table.ts";
export { openUsageStore, type OpenUsageStoreOptions, type UsageStoreConfig } from "./open-usage-store.ts";
export { MemoryUsageStore, type MemoryUsageStoreOptions } from "./stores/memory.ts";
export { defaultUsageDatabasePath, SqliteUsageStore, type SqliteUsageStoreOptions } from "./stores/sqlite.ts";
