/**
 * @module
 * Records to SQLite parameters and back. Booleans are 0/1, attempts are compact JSON, unknown
 * figures are NULL.
 */
import type { SQLInputValue, SQLOutputValue } from "node:sqlite";
import type { DialectId } from "../../core/types/message.ts";
import type { RouteMode, UsageAttempt, UsageErrorKind, UsageRecord } from "../usage-record.ts";

type Row = Record<string, SQLOutputValue>;

/** Named parameters of the INSERT, one per column. */
export function toInsertParameters(record: UsageRecord): Record<string, SQLInputValue> {
  return {
    time: record.time,
    request_id: record.requestId,
    gateway_key_id: record.gatewayKeyId,
    ingress_dialect: record.ingressDialect,
    requested_model: record.requestedModel,
    served_model: record.servedModel,
    provider: record.provider,
    key_id: record.keyId,
    route_mode: record.routeMode,
    attempt_count: record.attemptCount,
    attempts: JSON.stringify(record.attempts),
    input_tokens: record.inputTokens,
    output_tokens: record.outputTokens,
    cache_read_tokens: record.cacheReadTokens,
    cache_write_tokens: record.cacheWriteTokens,
    reasoning_tokens: record.reasoningTokens,
    usage_estimated: record.usageEstimated ? 1 : 0,
    cost_usd: record.costUsd,
    latency_ms: record.latencyMs,
    ttft_ms: record.ttftMs,
    status: record.status,
    error_kind: record.errorKind,
    streamed: record.streamed ? 1 : 0,
  };
}

/** The columns `toInsertParameters` fills, in table order. */
export const insertColumns: readonly string[] = [
  "time", "request_id", "gateway_key_id", "ingress_dialect", "requested_model", "served_model", "provider", "key_id",
  "route_mode", "attempt_count", "attempts", "input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens",
  "reasoning_tokens", "usage_estimated", "cost_usd", "latency_ms", "ttft_ms", "status", "error_kind", "streamed",
];

export function readText(row: Row, column: string): string | null {
  const value = row[column];
  return typeof value === "string" ? value : null;
}

export function readNumber(row: Row, column: string): number | null {
  const value = row[column];
  return typeof value === "number" ? value : typeof value === "bigint" ? Number(value) : null;
}

function readAttempts(text: string | null): UsageAttempt[] {
  if (text === null) return [];
  const parsed: unknown = JSON.parse(text);
  // Written by this module from UsageAttempt values; only the outer shape is worth checking.
  return Array.isArray(parsed) ? (parsed as UsageAttempt[]) : [];
}

export function toUsageRecord(row: Row): UsageRecord {
  return {
    time: readText(row, "time") ?? "",
    requestId: readText(row, "request_id") ?? "",
    gatewayKeyId: readText(row, "gateway_key_id"),
    ingressDialect: readText(row, "ingress_dialect") as DialectId | null,
    requestedModel: readText(row, "requested_model"),
    servedModel: readText(row, "served_model"),
    provider: readText(row, "provider"),
    keyId: readText(row, "key_id"),
    routeMode: readText(row, "route_mode") as RouteMode,
    attemptCount: readNumber(row, "attempt_count") ?? 0,
    attempts: readAttempts(readText(row, "attempts")),
    inputTokens: readNumber(row, "input_tokens"),
    outputTokens: readNumber(row, "output_tokens"),
    cacheReadTokens: readNumber(row, "cache_read_tokens"),
    cacheWriteTokens: readNumber(row, "cache_write_tokens"),
    reasoningTokens: readNumber(row, "reasoning_tokens"),
    usageEstimated: readNumber(row, "usage_estimated") === 1,
    costUsd: readNumber(row, "cost_usd"),
    latencyMs: readNumber(row, "latency_ms") ?? 0,
    ttftMs: readNumber(row, "ttft_ms"),
    status: readNumber(row, "status") ?? 0,
    errorKind: readText(row, "error_kind") as UsageErrorKind | null,
    streamed: readNumber(row, "streamed") === 1,
  };
}
