/**
 * @module
 * Builds a record from what the router and the gateway have at hand (canonical `Usage`, the
 * attempt list, optional fields as `undefined`), turning every unknown into `null`, never 0.
 */
import type { DialectId } from "../core/types/message.ts";
import type { Usage } from "../core/types/response.ts";
import { compactAttempts, type AttemptLike } from "./compact-attempts.ts";
import type { RouteMode, UsageErrorKind, UsageRecord } from "./usage-record.ts";

export interface UsageRecordInput {
  requestId: string;
  /** When the request arrived; the clock's now when absent. */
  time?: Date | number;
  gatewayKeyId?: string | undefined;
  ingressDialect?: DialectId | undefined;
  requestedModel?: string | undefined;
  servedModel?: string | undefined;
  provider?: string | undefined;
  keyId?: string | undefined;
  routeMode: RouteMode;
  attempts?: readonly AttemptLike[];
  usage?: Partial<Usage> | undefined;
  usageEstimated?: boolean;
  costUsd?: number | undefined;
  latencyMs: number;
  ttftMs?: number | undefined;
  status: number;
  errorKind?: UsageErrorKind | undefined;
  streamed: boolean;
}

function orNull<T>(value: T | undefined): T | null {
  return value === undefined ? null : value;
}

export function createUsageRecord(input: UsageRecordInput, now: () => number = Date.now): UsageRecord {
  const attempts = input.attempts ?? [];
  const usage = input.usage ?? {};
  return {
    time: new Date(input.time ?? now()).toISOString(),
    requestId: input.requestId,
    gatewayKeyId: orNull(input.gatewayKeyId),
    ingressDialect: orNull(input.ingressDialect),
    requestedModel: orNull(input.requestedModel),
    servedModel: orNull(input.servedModel),
    provider: orNull(input.provider),
    keyId: orNull(input.keyId),
    routeMode: input.routeMode,
    attemptCount: attempts.length,
    attempts: compactAttempts(attempts),
    inputTokens: orNull(usage.inputTokens),
    outputTokens: orNull(usage.outputTokens),
    cacheReadTokens: orNull(usage.cacheReadTokens),
    cacheWriteTokens: orNull(usage.cacheWriteTokens),
    reasoningTokens: orNull(usage.reasoningTokens),
    usageEstimated: input.usageEstimated ?? false,
    costUsd: orNull(input.costUsd),
    latencyMs: input.latencyMs,
    ttftMs: orNull(input.ttftMs),
    status: input.status,
    errorKind: orNull(input.errorKind),
    streamed: input.streamed,
  };
}
