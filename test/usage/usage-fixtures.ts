/**
 * Records for usage tests: a complete row with overridable fields, and a fixed clock.
 */
import type { UsageRecord } from "../../src/usage/usage-record.ts";

/** 2025-06-15T12:00:00.000Z: the "now" of usage tests. */
export const testNow = Date.parse("2025-06-15T12:00:00.000Z");

export const minuteMs = 60_000;
export const hourMs = 60 * minuteMs;
export const dayMs = 24 * hourMs;

/** ISO time `offsetMs` from `testNow` (negative: in the past). */
export function isoAt(offsetMs: number): string {
  return new Date(testNow + offsetMs).toISOString();
}

/** A successful direct request with every optional figure unknown, unless overridden. */
export function makeRecord(overrides: Partial<UsageRecord> = {}): UsageRecord {
  return {
    time: isoAt(-minuteMs),
    requestId: "req-1",
    gatewayKeyId: null,
    ingressDialect: null,
    requestedModel: null,
    servedModel: null,
    provider: null,
    keyId: null,
    routeMode: "direct",
    attemptCount: 0,
    attempts: [],
    inputTokens: null,
    outputTokens: null,
    cacheReadTokens: null,
    cacheWriteTokens: null,
    reasoningTokens: null,
    usageEstimated: false,
    costUsd: null,
    latencyMs: 100,
    ttftMs: null,
    status: 200,
    errorKind: null,
    streamed: false,
    ...overrides,
  };
}

/** A record with every field set (nothing null, every boolean true). */
export function makeFullRecord(overrides: Partial<UsageRecord> = {}): UsageRecord {
  return makeRecord({
    time: "2025-06-15T11:58:30.125Z",
    requestId: "req-full",
    gatewayKeyId: "gk_team_a",
    ingressDialect: "anthropic-messages",
    requestedModel: "claude-sonnet-4",
    servedModel: "gpt-4o",
    provider: "openai",
    keyId: "openai#2",
    routeMode: "model-fallback",
    attemptCount: 3,
    attempts: [
      { provider: "anthropic", model: "claude-sonnet-4", keyId: "anthropic#1", outcome: "failure", status: 529, kind: "overloaded", durationMs: 412 },
      { provider: "bedrock", model: "claude-sonnet-4", outcome: "failure", kind: "timeout", durationMs: 30_000 },
      { provider: "openai", model: "gpt-4o", keyId: "openai#2", outcome: "success", status: 200, durationMs: 950 },
    ],
    inputTokens: 1_234,
    outputTokens: 567,
    cacheReadTokens: 1_000,
    cacheWriteTokens: 12,
    reasoningTokens: 64,
    usageEstimated: true,
    costUsd: 0.0123,
    latencyMs: 31_362.5,
    ttftMs: 820,
    status: 200,
    errorKind: "connection",
    streamed: true,
    ...overrides,
  });
}
