import assert from "node:assert/strict";
import { test } from "node:test";
import { compactAttempts } from "../../src/usage/compact-attempts.ts";
import { createUsageRecord } from "../../src/usage/create-usage-record.ts";
import type { Attempt } from "../../src/routing/errors.ts";
import { MemoryUsageStore } from "../../src/usage/stores/memory.ts";
import { testNow } from "./usage-fixtures.ts";

test("unknown figures become null, not 0; the clock stamps the time", () => {
  const record = createUsageRecord(
    {
      requestId: "r",
      routeMode: "direct",
      latencyMs: 12,
      status: 200,
      streamed: false,
      usage: { inputTokens: 10, outputTokens: undefined, cacheReadTokens: 0, cacheWriteTokens: undefined, reasoningTokens: undefined },
    },
    () => testNow,
  );
  assert.equal(record.time, "2025-06-15T12:00:00.000Z");
  assert.equal(record.inputTokens, 10);
  assert.equal(record.outputTokens, null);
  assert.equal(record.cacheReadTokens, 0);
  assert.equal(record.cacheWriteTokens, null);
  assert.equal(record.costUsd, null);
  assert.equal(record.ttftMs, null);
  assert.equal(record.servedModel, null);
  assert.equal(record.gatewayKeyId, null);
  assert.equal(record.errorKind, null);
  assert.equal(record.usageEstimated, false);
  assert.equal(record.attemptCount, 0);
  assert.deepEqual(record.attempts, []);
});

test("a failed request with routing's attempts becomes a storable record", async () => {
  // routing's own Attempt type: usage reads it structurally (it imports only core), and drops message and retry.
  const routingAttempts: Attempt[] = [
    { provider: "openai", model: "gpt-4o", keyId: "openai#1", outcome: "failure", kind: "rate-limit", status: 429, message: "slow down", durationMs: 10.6, retry: 0 },
    { provider: "azure", model: "gpt-4o", keyId: undefined, outcome: "failure", kind: "connection", status: undefined, message: "ECONNRESET", durationMs: 3, retry: 0 },
  ];
  const record = createUsageRecord({
    requestId: "failed",
    time: new Date("2025-06-15T10:00:00Z"),
    ingressDialect: "openai-chat",
    gatewayKeyId: "gk_1",
    requestedModel: "gpt-4o",
    routeMode: "direct",
    attempts: routingAttempts,
    latencyMs: 20,
    status: 503,
    errorKind: "all_providers_down",
    streamed: true,
  });
  assert.deepEqual(record.attempts, [
    { provider: "openai", model: "gpt-4o", keyId: "openai#1", outcome: "failure", status: 429, kind: "rate-limit", durationMs: 11 },
    { provider: "azure", model: "gpt-4o", outcome: "failure", kind: "connection", durationMs: 3 },
  ]);
  const store = new MemoryUsageStore();
  await store.record(record);
  assert.deepEqual(await store.query(), [record]);
});

test("long attempt lists keep the first tries and the last, and the true count", () => {
  const attempts = Array.from({ length: 30 }, (_, index) => ({ provider: `p${index}`, model: "m", outcome: "failure" as const, durationMs: index }));
  const record = createUsageRecord({ requestId: "many", routeMode: "provider-fallback", attempts, latencyMs: 1, status: 200, streamed: false });
  assert.equal(record.attemptCount, 30);
  assert.equal(record.attempts.length, 20);
  assert.equal(record.attempts[18]?.provider, "p18");
  assert.equal(record.attempts[19]?.provider, "p29");
  assert.deepEqual(compactAttempts(attempts, 3).map((attempt) => attempt.provider), ["p0", "p1", "p29"]);
});
