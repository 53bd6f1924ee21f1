/**
 * Behaviour every UsageStore must show (SQLite and memory now, PostgreSQL later): run it with a
 * factory that opens a fresh, empty store reading time from the given clock.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { InvalidRequestError, LlmuxError } from "../../src/core/errors.ts";
import type { UsageRecord } from "../../src/usage/usage-record.ts";
import type { UsageGroupBy, UsageStore, UsageSummaryRow } from "../../src/usage/usage-store.ts";
import { dayMs, hourMs, isoAt, makeFullRecord, makeRecord, minuteMs, testNow } from "./usage-fixtures.ts";

export interface UsageStoreFactoryOptions {
  now: () => number;
}

export type CreateUsageStore = (options: UsageStoreFactoryOptions) => UsageStore | Promise<UsageStore>;

async function withStore(createStore: CreateUsageStore, body: (store: UsageStore, clock: { set(ms: number): void }) => Promise<void>): Promise<void> {
  let now = testNow;
  const store = await createStore({ now: () => now });
  try {
    await body(store, { set: (ms) => (now = ms) });
  } finally {
    await store.close();
  }
}

async function recordAll(store: UsageStore, rows: UsageRecord[]): Promise<void> {
  for (const row of rows) await store.record(row);
}

/** Five requests across models, providers, keys and route modes; r5 is on the previous day. */
const groupData: UsageRecord[] = [
  makeRecord({ requestId: "r1", time: isoAt(-10 * minuteMs), requestedModel: "gpt-4o", servedModel: "gpt-4o", provider: "openai", keyId: "k1", gatewayKeyId: "g1", inputTokens: 100, outputTokens: 10, cacheReadTokens: 20, costUsd: 0.5, latencyMs: 100 }),
  makeRecord({ requestId: "r2", time: isoAt(-20 * minuteMs), requestedModel: "gpt-4o", servedModel: "gpt-4o", provider: "azure", keyId: "k2", gatewayKeyId: "g1", routeMode: "provider-fallback", inputTokens: 200, outputTokens: 20, cacheWriteTokens: 5, reasoningTokens: 3, usageEstimated: true, costUsd: 0.25, latencyMs: 300 }),
  makeRecord({ requestId: "r3", time: isoAt(-30 * minuteMs), requestedModel: "gpt-4o", servedModel: "claude", provider: "anthropic", keyId: "k3", gatewayKeyId: "g2", routeMode: "model-fallback", inputTokens: 50, outputTokens: 5, latencyMs: 200 }),
  makeRecord({ requestId: "r4", time: isoAt(-40 * minuteMs), requestedModel: "gpt-4o", latencyMs: 50, status: 503, errorKind: "overloaded" }),
  makeRecord({ requestId: "r5", time: isoAt(-26 * hourMs), requestedModel: "claude", servedModel: "claude", provider: "anthropic", keyId: "k3", gatewayKeyId: "g2", routeMode: "key-rotation", inputTokens: 10, outputTokens: 1, costUsd: 0.125, latencyMs: 80 }),
];

/** group, requests, failures, fallbacks, cost: the columns every group-by must get right. */
function brief(rows: UsageSummaryRow[]): Array<[string | null, number, number, number, number | null]> {
  return rows.map((row) => [row.group, row.requests, row.failures, row.fallbacks, row.costUsd]);
}

export function runUsageStoreConformance(name: string, createStore: CreateUsageStore): void {
  test(`${name}: reads back every field, set or null`, () =>
    withStore(createStore, async (store) => {
      const full = makeFullRecord();
      const empty = makeRecord({ requestId: "req-empty", time: "2025-06-15T11:59:00.000Z", latencyMs: 0, status: 502, errorKind: "all_providers_down" });
      await recordAll(store, [full, empty]);
      assert.deepEqual(await store.query(), [empty, full]);
    }));

  test(`${name}: unknown figures stay null and zero stays zero`, () =>
    withStore(createStore, async (store) => {
      await store.record(makeRecord({ requestId: "zero", inputTokens: 0, outputTokens: 0, costUsd: 0, ttftMs: 0 }));
      const [row] = await store.query();
      assert.equal(row?.inputTokens, 0);
      assert.equal(row?.costUsd, 0);
      assert.equal(row?.ttftMs, 0);
      assert.equal(row?.cacheReadTokens, null);
      assert.equal(row?.reasoningTokens, null);
    }));

  test(`${name}: times are kept as canonical UTC ISO text`, () =>
    withStore(createStore, async (store) => {
      await store.record(makeRecord({ time: "2025-06-15T13:30:00+02:00" }));
      assert.equal((await store.query())[0]?.time, "2025-06-15T11:30:00.000Z");
    }));

  test(`${name}: a stored record does not change when the caller's object does`, () =>
    withStore(createStore, async (store) => {
      const row = makeFullRecord();
      await store.record(row);
      row.servedModel = "changed";
      row.attempts[0]!.provider = "changed";
      const [stored] = await store.query();
      assert.equal(stored?.servedModel, "gpt-4o");
      assert.equal(stored?.attempts[0]?.provider, "anthropic");
    }));

  test(`${name}: query filters, newest first, with a limit`, () =>
    withStore(createStore, async (store) => {
      await recordAll(store, groupData);
      const ids = async (filter: Parameters<UsageStore["query"]>[0]): Promise<string[]> => (await store.query(filter)).map((row) => row.requestId);
      assert.deepEqual(await ids({}), ["r1", "r2", "r3", "r4", "r5"]);
      assert.deepEqual(await ids({ limit: 2 }), ["r1", "r2"]);
      assert.deepEqual(await ids({ limit: 0 }), []);
      assert.deepEqual(await ids({ model: "claude" }), ["r3", "r5"], "served or requested model");
      assert.deepEqual(await ids({ model: "gpt-4o" }), ["r1", "r2", "r3", "r4"]);
      assert.deepEqual(await ids({ provider: "anthropic" }), ["r3", "r5"]);
      assert.deepEqual(await ids({ status: 503 }), ["r4"]);
      // since inclusive, until exclusive
      assert.deepEqual(await ids({ since: new Date(isoAt(-30 * minuteMs)), until: new Date(isoAt(-10 * minuteMs)) }), ["r2", "r3"]);
      assert.deepEqual(await ids({ since: new Date(isoAt(-hourMs)), provider: "anthropic", limit: 5 }), ["r3"]);
    }));

  test(`${name}: records with the same time come back last written first`, () =>
    withStore(createStore, async (store) => {
      const time = isoAt(-minuteMs);
      await recordAll(store, ["a", "b", "c"].map((requestId) => makeRecord({ requestId, time })));
      assert.deepEqual((await store.query()).map((row) => row.requestId), ["c", "b", "a"]);
    }));

  test(`${name}: rejects a bad query`, () =>
    withStore(createStore, async (store) => {
      await assert.rejects(store.query({ limit: -1 }), InvalidRequestError);
      await assert.rejects(store.query({ since: new Date("nope") }), InvalidRequestError);
    }));

  test(`${name}: summarize by model, every column`, () =>
    withStore(createStore, async (store) => {
      await recordAll(store, groupData);
      assert.deepEqual(await store.summarize({ period: "all", groupBy: "model" }), [
        {
          group: "gpt-4o", // r4 served nothing and counts against the requested model
          requests: 3,
          failures: 1,
          fallbacks: 1,
          estimatedRequests: 1,
          inputTokens: 300,
          outputTokens: 30,
          cacheReadTokens: 20,
          cacheWriteTokens: 5,
          reasoningTokens: 3,
          costUsd: 0.75,
          unpricedRequests: 1,
          latencyP50Ms: 100,
          latencyP95Ms: 300,
        },
        {
          group: "claude",
          requests: 2,
          failures: 0,
          fallbacks: 1,
          estimatedRequests: 0,
          inputTokens: 60,
          outputTokens: 6,
          cacheReadTokens: null,
          cacheWriteTokens: null,
          reasoningTokens: null,
          costUsd: 0.125,
          unpricedRequests: 1,
          latencyP50Ms: 80,
          latencyP95Ms: 200,
        },
      ]);
    }));

  const groupExpectations: Record<Exclude<UsageGroupBy, "model">, ReturnType<typeof brief>> = {
    provider: [
      ["anthropic", 2, 0, 1, 0.125],
      ["azure", 1, 0, 1, 0.25],
      ["openai", 1, 0, 0, 0.5],
      [null, 1, 1, 0, null],
    ],
    key: [
      ["k3", 2, 0, 1, 0.125],
      ["k1", 1, 0, 0, 0.5],
      ["k2", 1, 0, 1, 0.25],
      [null, 1, 1, 0, null],
    ],
    "gateway-key": [
      ["g1", 2, 0, 1, 0.75],
      ["g2", 2, 0, 1, 0.125],
      [null, 1, 1, 0, null],
    ],
    "route-mode": [
      ["direct", 2, 1, 0, 0.5],
      ["key-rotation", 1, 0, 0, 0.125],
      ["model-fallback", 1, 0, 1, null],
      ["provider-fallback", 1, 0, 1, 0.25],
    ],
    day: [
      ["2025-06-14", 1, 0, 0, 0.125],
      ["2025-06-15", 4, 1, 2, 0.75],
    ],
  };
  for (const [groupBy, expected] of Object.entries(groupExpectations)) {
    test(`${name}: summarize by ${groupBy}`, () =>
      withStore(createStore, async (store) => {
        await recordAll(store, groupData);
        assert.deepEqual(brief(await store.summarize({ period: "all", groupBy: groupBy as UsageGroupBy })), expected);
      }));
  }

  test(`${name}: summarize each period from the injected clock`, () =>
    withStore(createStore, async (store, clock) => {
      const ages = [30 * minuteMs, 2 * hourMs, 2 * dayMs, 10 * dayMs, 40 * dayMs];
      await recordAll(store, ages.map((age, index) => makeRecord({ requestId: `p${index}`, time: isoAt(-age) })));
      const count = async (period: Parameters<UsageStore["summarize"]>[0]["period"]): Promise<number> =>
        (await store.summarize({ period, groupBy: "route-mode" })).reduce((sum, row) => sum + row.requests, 0);
      assert.equal(await count("1h"), 1);
      assert.equal(await count("24h"), 2);
      assert.equal(await count("7d"), 3);
      assert.equal(await count("30d"), 4);
      assert.equal(await count("all"), 5);
      // since inclusive, until exclusive
      assert.equal(await count({ since: new Date(isoAt(-2 * dayMs)), until: new Date(isoAt(-2 * hourMs)) }), 1);
      assert.equal(await count({ since: new Date(isoAt(-3 * dayMs)) }), 3);
      clock.set(testNow + hourMs);
      assert.equal(await count("1h"), 0, "the period moves with the clock");
      assert.equal(await count("24h"), 2);
    }));

  test(`${name}: summarize rejects an unknown period`, () =>
    withStore(createStore, async (store) => {
      await assert.rejects(store.summarize({ period: "2w" as "7d", groupBy: "model" }), InvalidRequestError);
      await assert.rejects(store.summarize({ period: { since: new Date("nope") }, groupBy: "model" }), InvalidRequestError);
    }));

  test(`${name}: cost sums are null-aware`, () =>
    withStore(createStore, async (store) => {
      await recordAll(store, [
        makeRecord({ provider: "unpriced", costUsd: null }),
        makeRecord({ provider: "unpriced", costUsd: null }),
        makeRecord({ provider: "partly", costUsd: 0.5 }),
        makeRecord({ provider: "partly", costUsd: null }),
        makeRecord({ provider: "free", costUsd: 0 }),
      ]);
      const rows = await store.summarize({ period: "all", groupBy: "provider" });
      const costs = Object.fromEntries(rows.map((row) => [row.group, [row.costUsd, row.unpricedRequests]]));
      assert.deepEqual(costs, { unpriced: [null, 2], partly: [0.5, 1], free: [0, 0] });
    }));

  test(`${name}: failures and fallbacks are counted`, () =>
    withStore(createStore, async (store) => {
      await recordAll(store, [
        makeRecord({ status: 500, errorKind: "server" }),
        makeRecord({ status: 200, errorKind: "connection", streamed: true }), // cut after the first byte
        makeRecord({ status: 429 }),
        makeRecord({ status: 401, errorKind: "unauthorized" }),
        makeRecord({ status: 200, routeMode: "key-rotation" }),
        makeRecord({ status: 200, routeMode: "passthrough" }),
        makeRecord({ status: 200, routeMode: "provider-fallback" }),
        makeRecord({ status: 200, routeMode: "model-fallback" }),
      ]);
      const [row] = await store.summarize({ period: "all", groupBy: "day" });
      assert.equal(row?.requests, 8);
      assert.equal(row?.failures, 4);
      assert.equal(row?.fallbacks, 2);
    }));

  test(`${name}: latency percentiles are nearest-rank`, () =>
    withStore(createStore, async (store) => {
      const latencies = Array.from({ length: 20 }, (_, index) => (index + 1) * 10);
      // write out of order so the store has to rank them
      for (const latencyMs of latencies.toReversed()) await store.record(makeRecord({ provider: "many", latencyMs }));
      await store.record(makeRecord({ provider: "one", latencyMs: 42.5 }));
      const rows = await store.summarize({ period: "all", groupBy: "provider" });
      assert.deepEqual(
        rows.map((row) => [row.group, row.latencyP50Ms, row.latencyP95Ms]),
        [
          ["many", 100, 190],
          ["one", 42.5, 42.5],
        ],
      );
    }));

  test(`${name}: an empty store summarizes to no rows`, () =>
    withStore(createStore, async (store) => {
      assert.deepEqual(await store.summarize({ period: "all", groupBy: "model" }), []);
      assert.deepEqual(await store.query(), []);
    }));

  test(`${name}: many records written in parallel all land`, () =>
    withStore(createStore, async (store) => {
      const ids = Array.from({ length: 200 }, (_, index) => `parallel-${index}`);
      await Promise.all(ids.map((requestId, index) => store.record(makeRecord({ requestId, time: isoAt(-index), latencyMs: index }))));
      const rows = await store.query();
      assert.equal(rows.length, 200);
      assert.deepEqual(new Set(rows.map((row) => row.requestId)), new Set(ids));
      assert.equal((await store.summarize({ period: "all", groupBy: "model" }))[0]?.requests, 200);
    }));

  test(`${name}: rejects a malformed record and stores nothing`, () =>
    withStore(createStore, async (store) => {
      await assert.rejects(store.record(makeRecord({ routeMode: "sideways" as "direct" })), LlmuxError);
      await assert.rejects(store.record(makeRecord({ inputTokens: -1 })), LlmuxError);
      await assert.rejects(store.record(makeRecord({ time: "yesterday" })), LlmuxError);
      assert.deepEqual(await store.query(), []);
    }));

  test(`${name}: a closed store refuses work`, async () => {
    const store = await createStore({ now: () => testNow });
    await store.close();
    await store.close(); // closing twice is harmless
    await assert.rejects(store.record(makeRecord()), /closed/);
    await assert.rejects(store.query(), /closed/);
  });
}
