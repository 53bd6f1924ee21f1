import assert from "node:assert/strict";
import { test } from "node:test";
import { UpstreamError, type FailureKind } from "../../src/core/errors.ts";
import { computeCooldownMs, createCooldownPolicy, defaultCooldownPolicy } from "../../src/health/cooldown-policy.ts";
import { HealthTracker } from "../../src/health/health-tracker.ts";
import type { HealthTarget, ScopeLevel } from "../../src/health/types.ts";
import { createFakeClock } from "./fake-clock.ts";

const target: HealthTarget = { provider: "openai", model: "gpt-4o", keyId: "key-a" };
const sameKeyOtherModel: HealthTarget = { provider: "openai", model: "gpt-4o-mini", keyId: "key-a" };
const sameModelOtherKey: HealthTarget = { provider: "openai", model: "gpt-4o", keyId: "key-b" };

function setup() {
  const clock = createFakeClock();
  return { clock, tracker: new HealthTracker({ now: clock.now }) };
}

const expectations: { kind: FailureKind; scope: ScopeLevel | undefined; ms: number; state?: string }[] = [
  { kind: "rate-limit", scope: "key", ms: 10_000 },
  { kind: "quota", scope: "key", ms: 3_600_000, state: "disabled" },
  { kind: "auth", scope: "key", ms: 3_600_000, state: "disabled" },
  { kind: "overloaded", scope: "route", ms: 5_000 },
  { kind: "server", scope: "route", ms: 5_000 },
  { kind: "timeout", scope: "route", ms: 5_000 },
  { kind: "connection", scope: "provider", ms: 5_000 },
  { kind: "context-window", scope: undefined, ms: 0 },
  { kind: "invalid-request", scope: undefined, ms: 0 },
  { kind: "content-policy", scope: undefined, ms: 0 },
  { kind: "not-found", scope: undefined, ms: 0 },
];

for (const { kind, scope, ms, state } of expectations) {
  test(`${kind} cools ${scope ?? "nothing"}${ms ? ` for ${ms} ms` : ""}`, () => {
    const { clock, tracker } = setup();
    tracker.recordFailure(target, { kind, status: 500, message: kind });
    const availability = tracker.availability(target);
    if (scope === undefined) {
      assert.equal(tracker.acquire(target), "allow");
      assert.equal(availability.state, "healthy");
      assert.equal(tracker.cooldownRemaining(target), 0);
      return;
    }
    assert.equal(tracker.acquire(target), "deny");
    assert.equal(availability.scope, scope);
    assert.equal(availability.remainingMs, ms);
    assert.equal(availability.availableAt, clock.now() + ms);
    assert.equal(availability.state, state ?? "cooling");
    assert.equal(availability.reason?.kind, kind);
    // Which neighbours share the penalty follows from the scope.
    assert.equal(tracker.acquire(sameKeyOtherModel), scope === "route" ? "allow" : "deny");
    assert.equal(tracker.acquire(sameModelOtherKey), scope === "key" ? "allow" : "deny");
    assert.equal(tracker.acquire({ provider: "anthropic", model: "claude", keyId: "key-a" }), "allow");
    clock.advance(ms - 1);
    assert.equal(tracker.acquire(target), "deny");
    clock.advance(1);
    assert.equal(tracker.acquire(target), "probe", "half-open once the cooldown ends");
  });
}

test("Retry-After is honoured for rate limits, beyond the computed cap", () => {
  const { clock, tracker } = setup();
  const error = new UpstreamError({
    provider: "openai",
    model: "gpt-4o",
    kind: "rate-limit",
    status: 429,
    message: "Rate limit reached",
    retryAfterMs: 90_000,
  });
  tracker.recordFailure(target, error);
  assert.equal(tracker.cooldownRemaining(target), 90_000);
  clock.advance(89_999);
  assert.equal(tracker.acquire(target), "deny");
  clock.advance(1);
  assert.equal(tracker.acquire(target), "probe");
});

test("Retry-After on an overload sets the route cooldown; a bogus one is capped", () => {
  const { tracker } = setup();
  tracker.recordFailure(target, { kind: "overloaded", status: 529, retryAfterMs: 2_000 });
  assert.equal(tracker.cooldownRemaining(target), 2_000);
  const capped = new HealthTracker({ now: createFakeClock().now, retryAfterCapMs: 120_000 });
  capped.recordFailure(target, { kind: "rate-limit", status: 429, retryAfterMs: 86_400_000 });
  assert.equal(capped.cooldownRemaining(target), 120_000);
});

test("timeouts ignore Retry-After by default", () => {
  const { tracker } = setup();
  tracker.recordFailure(target, { kind: "timeout", retryAfterMs: 50_000 });
  assert.equal(tracker.cooldownRemaining(target), 5_000);
});

test("a shorter cooldown never shortens a longer one", () => {
  const { clock, tracker } = setup();
  tracker.recordFailure(target, { kind: "rate-limit", status: 429, message: "slow down", retryAfterMs: 30_000 });
  clock.advance(1_000);
  tracker.recordFailure(target, { kind: "rate-limit", status: 429, message: "again", retryAfterMs: 1_000 });
  const availability = tracker.availability(target);
  assert.equal(availability.remainingMs, 29_000);
  assert.equal(availability.reason?.message, "slow down", "the governing reason is kept");
  // A longer one extends it.
  tracker.recordFailure(target, { kind: "rate-limit", status: 429, message: "longer", retryAfterMs: 45_000 });
  assert.equal(tracker.cooldownRemaining(target), 45_000);
  assert.equal(tracker.availability(target).reason?.message, "longer");
  // A disabled key stays disabled when a rate limit arrives late.
  tracker.recordFailure(sameModelOtherKey, { kind: "auth", status: 401 });
  tracker.recordFailure(sameModelOtherKey, { kind: "rate-limit", status: 429, retryAfterMs: 1_000 });
  assert.equal(tracker.availability(sameModelOtherKey).state, "disabled");
  assert.equal(tracker.cooldownRemaining(sameModelOtherKey), 3_600_000);
});

test("consecutive server failures grow the cooldown up to the cap", () => {
  const { clock, tracker } = setup();
  const seen: number[] = [];
  for (let strike = 0; strike < 7; strike++) {
    tracker.recordFailure(target, { kind: "server", status: 500 });
    const remaining = tracker.cooldownRemaining(target);
    seen.push(remaining);
    clock.advance(remaining);
    assert.equal(tracker.acquire(target), "probe");
  }
  assert.deepEqual(seen, [5_000, 10_000, 20_000, 40_000, 60_000, 60_000, 60_000]);
  // A success closes the circuit and the next failure starts from the base again.
  tracker.recordSuccess(target, { latencyMs: 100 });
  tracker.recordFailure(target, { kind: "server", status: 500 });
  assert.equal(tracker.cooldownRemaining(target), 5_000);
});

test("a burst of parallel failures does not escalate the cooldown", () => {
  const { tracker } = setup();
  for (let index = 0; index < 20; index++) tracker.recordFailure(target, { kind: "server", status: 502 });
  assert.equal(tracker.cooldownRemaining(target), 5_000);
});

test("rules can be overridden per kind", () => {
  const policy = createCooldownPolicy({ server: { baseMs: 1_000, maxMs: 3_000 }, "not-found": { scopes: ["route"] } });
  assert.equal(policy.server.baseMs, 1_000);
  assert.equal(policy.server.factor, defaultCooldownPolicy.server.factor);
  assert.deepEqual(policy["not-found"].scopes, ["route"]);
  assert.equal(defaultCooldownPolicy.server.baseMs, 5_000, "defaults are not mutated");
  assert.equal(computeCooldownMs(policy.server, { strikes: 3, retryAfterMs: undefined, retryAfterCapMs: 1e9 }), 3_000);

  const clock = createFakeClock();
  const tracker = new HealthTracker({ now: clock.now, cooldowns: { "not-found": { scopes: ["route"], baseMs: 7_000, maxMs: 7_000 } } });
  tracker.recordFailure(target, { kind: "not-found", status: 404 });
  assert.equal(tracker.availability(target).scope, "route");
  assert.equal(tracker.cooldownRemaining(target), 7_000);
});
