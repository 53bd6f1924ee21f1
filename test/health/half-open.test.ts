import assert from "node:assert/strict";
import { test } from "node:test";
import { HealthTracker } from "../../src/health/health-tracker.ts";
import type { HealthTarget } from "../../src/health/types.ts";
import { createFakeClock } from "./fake-clock.ts";

const target: HealthTarget = { provider: "anthropic", model: "claude-sonnet-4-5", keyId: "main" };

function coolThenExpire() {
  const clock = createFakeClock();
  const tracker = new HealthTracker({ now: clock.now });
  tracker.recordFailure(target, { kind: "overloaded", status: 529, message: "Overloaded" });
  clock.advance(5_000);
  return { clock, tracker };
}

test("after the cooldown exactly one caller gets the probe", () => {
  const { tracker } = coolThenExpire();
  assert.equal(tracker.availability(target).state, "half-open");
  assert.equal(tracker.availability(target).admit, true);
  const admissions = Array.from({ length: 50 }, () => tracker.acquire(target));
  assert.equal(admissions.filter((admission) => admission === "probe").length, 1);
  assert.equal(admissions[0], "probe");
  assert.equal(admissions.filter((admission) => admission === "deny").length, 49);
  const availability = tracker.availability(target);
  assert.equal(availability.admit, false);
  assert.equal(availability.probeInFlight, true);
  assert.equal(availability.state, "half-open");
});

test("a probe success closes the circuit: full traffic again", () => {
  const { tracker } = coolThenExpire();
  assert.equal(tracker.acquire(target), "probe");
  tracker.recordSuccess(target, { latencyMs: 800, ttftMs: 300 });
  for (let index = 0; index < 10; index++) assert.equal(tracker.acquire(target), "allow");
  assert.equal(tracker.availability(target).state, "healthy");
  assert.equal(tracker.snapshot().routes[0]?.cooldown, undefined);
});

test("a probe failure re-opens the circuit for longer", () => {
  const { clock, tracker } = coolThenExpire();
  assert.equal(tracker.acquire(target), "probe");
  tracker.recordFailure(target, { kind: "overloaded", status: 529 });
  assert.equal(tracker.acquire(target), "deny");
  assert.equal(tracker.cooldownRemaining(target), 10_000);
  clock.advance(10_000);
  assert.equal(tracker.acquire(target), "probe");
});

test("a probe failure re-opens longer even when Retry-After is short", () => {
  const clock = createFakeClock();
  const tracker = new HealthTracker({ now: clock.now });
  tracker.recordFailure(target, { kind: "rate-limit", status: 429, retryAfterMs: 3_000 });
  clock.advance(3_000);
  assert.equal(tracker.acquire(target), "probe");
  tracker.recordFailure(target, { kind: "rate-limit", status: 429, retryAfterMs: 3_000 });
  assert.equal(tracker.cooldownRemaining(target), 6_000);
});

test("a lost probe frees its slot after the lease; release frees it at once", () => {
  const clock = createFakeClock();
  const tracker = new HealthTracker({ now: clock.now, probeLeaseMs: 20_000 });
  tracker.recordFailure(target, { kind: "server", status: 500 });
  clock.advance(5_000);
  assert.equal(tracker.acquire(target), "probe");
  assert.equal(tracker.availability(target).remainingMs, 20_000, "upper bound: the probe's lease");
  clock.advance(19_999);
  assert.equal(tracker.acquire(target), "deny");
  clock.advance(1);
  assert.equal(tracker.acquire(target), "probe", "the lease lapsed");
  tracker.release(target);
  assert.equal(tracker.acquire(target), "probe", "released: the next caller probes");
});

test("a caller error on the probe frees the slot without closing", () => {
  const { tracker } = coolThenExpire();
  assert.equal(tracker.acquire(target), "probe");
  tracker.recordFailure(target, { kind: "context-window", status: 400, message: "prompt is too long" });
  assert.equal(tracker.availability(target).state, "half-open");
  assert.equal(tracker.acquire(target), "probe");
});

test("a rate limit on the probe frees the route's slot and cools the key", () => {
  const { tracker } = coolThenExpire();
  assert.equal(tracker.acquire(target), "probe");
  tracker.recordFailure(target, { kind: "rate-limit", status: 429, retryAfterMs: 1_000 });
  assert.equal(tracker.availability(target).scope, "key");
  const otherKey = { ...target, keyId: "backup" };
  assert.equal(tracker.acquire(otherKey), "probe", "the route is still half-open and its slot is free");
});

test("half-open scopes of one target are probed together", () => {
  const clock = createFakeClock();
  const tracker = new HealthTracker({ now: clock.now });
  tracker.recordFailure(target, { kind: "rate-limit", status: 429, retryAfterMs: 1_000 });
  tracker.recordFailure(target, { kind: "server", status: 500 });
  clock.advance(1_000);
  assert.equal(tracker.acquire(target), "deny", "the route still cools");
  assert.equal(tracker.acquire({ ...target, model: "claude-haiku-4-5" }), "probe", "the key alone is half-open");
  clock.advance(4_000);
  tracker.recordSuccess({ ...target, model: "claude-haiku-4-5" });
  assert.equal(tracker.acquire(target), "probe");
  assert.equal(tracker.acquire(target), "deny");
  tracker.recordSuccess(target);
  assert.equal(tracker.acquire(target), "allow");
});

test("a success during a running cooldown does not cut it short", () => {
  const clock = createFakeClock();
  const tracker = new HealthTracker({ now: clock.now });
  tracker.recordFailure(target, { kind: "server", status: 500 });
  clock.advance(1_000);
  tracker.recordSuccess(target, { latencyMs: 100 }); // a call that started before the failure
  assert.equal(tracker.cooldownRemaining(target), 4_000);
});

test("many concurrent callers see one consistent state", async () => {
  const { tracker } = coolThenExpire();
  let probes = 0;
  let denied = 0;
  const callers = Array.from({ length: 200 }, async (_, index) => {
    await new Promise((resolve) => setImmediate(resolve));
    const admission = tracker.acquire(target);
    if (admission === "deny") {
      denied += 1;
      return;
    }
    probes += 1;
    tracker.begin(target);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(tracker.inFlight(target), 1, `caller ${index} is alone on the route`);
    tracker.recordSuccess(target, { latencyMs: 10 });
    tracker.end(target);
  });
  await Promise.all(callers);
  assert.equal(probes, 1);
  assert.equal(denied, 199);
  assert.equal(tracker.inFlight(target), 0);
  // Closed now: a second wave all goes through, and in-flight adds up.
  const wave = Array.from({ length: 100 }, () => tracker.acquire(target));
  assert.ok(wave.every((admission) => admission === "allow"));
  for (let index = 0; index < 100; index++) tracker.begin(target);
  assert.equal(tracker.inFlight(target), 100);
  for (let index = 0; index < 100; index++) tracker.end(target);
  assert.equal(tracker.inFlight(target), 0);
});
