/**
 * @module
 * The check every store runs before writing: a malformed record fails loudly at the writer
 * instead of turning into a row that breaks summaries later. Returns a copy with the time in
 * canonical ISO form, so the stored row never aliases the caller's objects.
 */
import { LlmuxError } from "../core/errors.ts";
import { routeModes, type UsageAttempt, type UsageRecord } from "./usage-record.ts";

function fail(field: string, problem: string): never {
  throw new LlmuxError("internal", `Invalid usage record: ${field} ${problem}.`);
}

/** `undefined` slips in from plain JS callers; it means unknown, like null. */
function checkCount(field: string, value: number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) fail(field, "must be a non-negative number or null");
  return value;
}

function copyAttempt(attempt: UsageAttempt): UsageAttempt {
  const copy: UsageAttempt = { provider: attempt.provider, model: attempt.model, outcome: attempt.outcome, durationMs: attempt.durationMs };
  if (attempt.keyId !== undefined) copy.keyId = attempt.keyId;
  if (attempt.status !== undefined) copy.status = attempt.status;
  if (attempt.kind !== undefined) copy.kind = attempt.kind;
  return copy;
}

export function normalizeUsageRecord(row: UsageRecord): UsageRecord {
  const time = new Date(row.time);
  if (Number.isNaN(time.getTime())) fail("time", `"${row.time}" is not a date`);
  if (typeof row.requestId !== "string") fail("requestId", "must be a string");
  if (!routeModes.includes(row.routeMode)) fail("routeMode", `"${String(row.routeMode)}" is unknown`);
  if (!Number.isInteger(row.attemptCount) || row.attemptCount < 0) fail("attemptCount", "must be a non-negative integer");
  if (!Array.isArray(row.attempts)) fail("attempts", "must be an array");
  if (!Number.isInteger(row.status)) fail("status", "must be an integer");
  return {
    time: time.toISOString(),
    requestId: row.requestId,
    gatewayKeyId: row.gatewayKeyId ?? null,
    ingressDialect: row.ingressDialect ?? null,
    requestedModel: row.requestedModel ?? null,
    servedModel: row.servedModel ?? null,
    provider: row.provider ?? null,
    keyId: row.keyId ?? null,
    routeMode: row.routeMode,
    attemptCount: row.attemptCount,
    attempts: row.attempts.map(copyAttempt),
    inputTokens: checkCount("inputTokens", row.inputTokens),
    outputTokens: checkCount("outputTokens", row.outputTokens),
    cacheReadTokens: checkCount("cacheReadTokens", row.cacheReadTokens),
    cacheWriteTokens: checkCount("cacheWriteTokens", row.cacheWriteTokens),
    reasoningTokens: checkCount("reasoningTokens", row.reasoningTokens),
    usageEstimated: row.usageEstimated === true,
    costUsd: checkCount("costUsd", row.costUsd),
    latencyMs: checkCount("latencyMs", row.latencyMs) ?? fail("latencyMs", "must be a number"),
    ttftMs: checkCount("ttftMs", row.ttftMs),
    status: row.status,
    errorKind: row.errorKind ?? null,
    streamed: row.streamed === true,
  };
}
