import assert from "node:assert/strict";
import { test } from "node:test";
import { RefreshingCache, type CacheTiming } from "../../src/status/refreshing-cache.ts";
import { createManualClock } from "./helpers.ts";

interface Harness {
  cache: RefreshingCache<string>;
  clock: ReturnType<typeof createManualClock>;
  calls: string[];
  /** What the next load does. */
  next: { kind: "value"; value: string } | { kind: "fail"; message: string };
  stopped: boolean;
}

function createHarness(timing: Partial<CacheTiming> = {}): Harness {
  const clock = createManualClock();
  const calls: string[] = [];
  const state: Pick<Harness, "next" | "stopped"> = { next: { kind: "value", value: "v1" }, stopped: false };
  const cache = new RefreshingCache<string>({
    load: async (key) => {
      calls.push(key);
      if (state.next.kind === "fail") throw new Error(state.next.message);
      return state.next.value;
    },
    timing: { now: clock.now, ttlMs: 1000, maxAgeMs: 5000, checkTimeoutMs: 50, retryAfterFailureMs: 500, ...timing },
    isStopped: () => state.stopped,
  });
  // The harness object is the state: tests assign harness.next / harness.stopped.
  return Object.assign(state, { cache, clock, calls });
}

test("a fresh value is served without loading again", async () => {
  const harness = createHarness();
  assert.equal((await harness.cache.get("k")).value, "v1");
  harness.clock.advance(999);
  assert.equal((await harness.cache.get("k")).value, "v1");
  assert.deepEqual(harness.calls, ["k"]);
});

test("a stale value is served at once while it refreshes in the background", async () => {
  const harness = createHarness();
  await harness.cache.get("k");
  harness.clock.advance(1000);
  harness.next = { kind: "value", value: "v2" };
  const stale = await harness.cache.get("k");
  assert.equal(stale.value, "v1");
  await harness.cache.waitForIdle();
  assert.equal((await harness.cache.get("k")).value, "v2");
  assert.equal(harness.calls.length, 2);
});

test("a failed refresh keeps the last good value until max age, then it is gone", async () => {
  const harness = createHarness();
  await harness.cache.get("k");
  harness.next = { kind: "fail", message: "HTTP 503" };
  harness.clock.advance(1500);
  await harness.cache.get("k");
  await harness.cache.waitForIdle();
  const kept = await harness.cache.get("k");
  assert.equal(kept.value, "v1");
  assert.equal(kept.problem, "HTTP 503");
  harness.clock.advance(3500);
  const expired = await harness.cache.get("k");
  assert.equal(expired.value, undefined);
  assert.equal(expired.fetchedAt, undefined);
});

test("after a failure the next attempt waits for the retry interval", async () => {
  const harness = createHarness();
  harness.next = { kind: "fail", message: "boom" };
  assert.equal((await harness.cache.get("k")).problem, "boom");
  harness.next = { kind: "value", value: "v1" };
  assert.equal((await harness.cache.get("k")).value, undefined);
  assert.equal(harness.calls.length, 1);
  harness.clock.advance(500);
  assert.equal((await harness.cache.get("k")).value, "v1");
  assert.equal(harness.calls.length, 2);
});

test("a lookup with nothing cached gives up after the check timeout; the load then still fills the cache", async () => {
  const clock = createManualClock();
  let release: (value: string) => void = () => {};
  const cache = new RefreshingCache<string>({
    load: () => new Promise<string>((resolve) => (release = resolve)),
    timing: { now: clock.now, ttlMs: 1000, maxAgeMs: 5000, checkTimeoutMs: 20, retryAfterFailureMs: 500 },
    isStopped: () => false,
  });
  const first = await cache.get("k");
  assert.equal(first.value, undefined);
  assert.match(first.problem ?? "", /no answer within 20 ms/);
  release("late");
  await cache.waitForIdle();
  assert.equal((await cache.get("k")).value, "late");
});

test("once stopped, nothing new is loaded", async () => {
  const harness = createHarness();
  harness.stopped = true;
  const lookup = await harness.cache.get("k");
  assert.equal(lookup.value, undefined);
  assert.deepEqual(harness.calls, []);
});

test("the poller refreshes stale keys and forgets unused ones", async () => {
  const harness = createHarness();
  await harness.cache.get("used");
  await harness.cache.get("forgotten");
  harness.clock.advance(1000);
  await harness.cache.get("used");
  await harness.cache.waitForIdle();
  harness.clock.advance(4500);
  harness.cache.refreshStale();
  await harness.cache.waitForIdle();
  assert.deepEqual(harness.calls.sort(), ["forgotten", "used", "used", "used"]);
});
