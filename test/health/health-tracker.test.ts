import assert from "node:assert/strict";
import { test } from "node:test";
import { UpstreamError } from "../../src/core/errors.ts";
import { HealthTracker } from "../../src/health/health-tracker.ts";
import { anonymousKeyId } from "../../src/health/scope-key.ts";
import type { HealthTarget } from "../../src/health/types.ts";
import { createFakeClock } from "./fake-clock.ts";

const gpt: HealthTarget = { provider: "openai", model: "gpt-4o", keyId: "prod-1" };

function setup(windowMs = 60_000) {
  const clock = createFakeClock();
  return { clock, tracker: new HealthTracker({ now: clock.now, windowMs }) };
}

test("auth and quota failures disable only that key", () => {
  for (const kind of ["auth", "quota"] as const) {
    const { clock, tracker } = setup();
    tracker.recordFailure(gpt, { kind, status: kind === "auth" ? 401 : 429, message: "no" });
    assert.equal(tracker.acquire(gpt), "deny");
    assert.equal(tracker.availability(gpt).state, "disabled");
    assert.equal(tracker.acquire({ ...gpt, model: "gpt-4o-mini" }), "deny", "the key is disabled for every model");
    assert.equal(tracker.acquire({ ...gpt, keyId: "prod-2" }), "allow", "other keys of the provider still serve");
    const snapshot = tracker.snapshot();
    assert.deepEqual(
      snapshot.keys.map((key) => [key.keyId, key.state]),
      [["prod-1", "disabled"]],
    );
    assert.ok(snapshot.routes.every((route) => route.state === "healthy"), "the model route is untouched");
    assert.ok(snapshot.providers.every((provider) => provider.state === "healthy"), "the provider is untouched");
    // Still disabled long after a short cooldown would have ended.
    clock.advance(10 * 60_000);
    assert.equal(tracker.acquire(gpt), "deny");
    tracker.resetKey("openai", "prod-1");
    assert.equal(tracker.acquire(gpt), "allow", "an explicit reset re-enables the key");
  }
});

test("a disabled key comes back half-open after the long cooldown", () => {
  const { clock, tracker } = setup();
  tracker.recordFailure(gpt, { kind: "auth", status: 401 });
  clock.advance(3_600_000);
  assert.equal(tracker.acquire(gpt), "probe");
  tracker.recordFailure(gpt, { kind: "auth", status: 401 });
  assert.equal(tracker.availability(gpt).state, "disabled");
  assert.ok(tracker.cooldownRemaining(gpt) >= 3_600_000);
});

test("context-window and invalid-request neither cool nor count as failures", () => {
  const { tracker } = setup();
  tracker.recordSuccess(gpt, { latencyMs: 100 });
  tracker.recordFailure(gpt, { kind: "server", status: 500 });
  tracker.recordFailure(gpt, { kind: "context-window", status: 400, message: "maximum context length is 128000 tokens" });
  tracker.recordFailure(gpt, { kind: "invalid-request", status: 400, message: "bad tool schema" });
  const route = tracker.snapshot().routes[0];
  assert.ok(route);
  assert.equal(route.requests, 4);
  assert.equal(route.failures, 1);
  assert.equal(route.errorRate, 0.5);
  assert.equal(route.consecutiveFailures, 1, "caller errors do not reset or add to the streak");
  assert.deepEqual(
    route.recentErrors.map((error) => error.kind),
    ["server", "context-window", "invalid-request"],
  );
  const fresh = setup().tracker;
  fresh.recordFailure(gpt, { kind: "context-window", status: 400 });
  fresh.recordFailure(gpt, { kind: "invalid-request", status: 400 });
  assert.equal(fresh.acquire(gpt), "allow");
});

test("error rate over the window, and expiry of old outcomes", () => {
  const { clock, tracker } = setup(60_000);
  for (let index = 0; index < 3; index++) tracker.recordSuccess(gpt, { latencyMs: 100 });
  tracker.recordFailure(gpt, { kind: "server", status: 500 });
  assert.equal(tracker.snapshot().routes[0]?.errorRate, 0.25);
  clock.advance(30_000);
  tracker.recordSuccess({ ...gpt, keyId: "prod-2" }, { latencyMs: 100 });
  const atThirty = tracker.snapshot();
  assert.equal(atThirty.routes[0]?.errorRate, 0.2, "the route counts both keys");
  assert.equal(atThirty.keys.find((key) => key.keyId === "prod-1")?.errorRate, 0.25);
  clock.advance(30_000);
  const later = tracker.snapshot();
  assert.equal(later.routes[0]?.errorRate, 0, "the first four outcomes left the window");
  assert.equal(later.routes[0]?.requests, 1);
  assert.equal(later.keys.find((key) => key.keyId === "prod-1")?.errorRate, undefined);
});

test("latency and TTFT: EWMA and p50/p95 over the window", () => {
  const { clock, tracker } = setup();
  for (let index = 1; index <= 20; index++) {
    tracker.recordSuccess(gpt, { latencyMs: index * 100, ttftMs: index * 10 });
  }
  tracker.recordSuccess(gpt, {}); // a call without timings does not skew the figures
  const route = tracker.snapshot().routes[0];
  assert.ok(route);
  assert.equal(route.latency.p50Ms, 1000);
  assert.equal(route.latency.p95Ms, 1900);
  assert.equal(route.ttft.p50Ms, 100);
  assert.equal(route.ttft.p95Ms, 190);
  // EWMA (alpha 0.3) leans to recent samples: above the mean (1050), below the last (2000).
  assert.ok(route.latency.ewmaMs !== undefined && route.latency.ewmaMs > 1050 && route.latency.ewmaMs < 2000);
  assert.ok(route.ttft.ewmaMs !== undefined && route.ttft.ewmaMs > 105 && route.ttft.ewmaMs < 200);
  clock.advance(60_000);
  const later = tracker.snapshot().routes[0];
  assert.equal(later?.latency.p50Ms, undefined, "percentiles follow the window");
  assert.equal(later?.latency.ewmaMs, route.latency.ewmaMs, "the EWMA keeps the last estimate");
});

test("EWMA reacts to a slowdown", () => {
  const { tracker } = setup();
  const alpha = new HealthTracker({ now: createFakeClock().now, ewmaAlpha: 0.5 });
  alpha.recordSuccess(gpt, { latencyMs: 100 });
  alpha.recordSuccess(gpt, { latencyMs: 300 });
  assert.equal(alpha.snapshot().routes[0]?.latency.ewmaMs, 200);
  tracker.recordSuccess(gpt, { ttftMs: 50 });
  assert.equal(tracker.snapshot().routes[0]?.ttft.ewmaMs, 50);
});

test("snapshot content per provider, key and route", () => {
  const { clock, tracker } = setup();
  const claude: HealthTarget = { provider: "anthropic", model: "claude-sonnet-4-5", keyId: "team" };
  tracker.begin(gpt);
  tracker.begin(gpt);
  tracker.recordSuccess(gpt, { latencyMs: 400, ttftMs: 120 });
  tracker.end(gpt);
  tracker.recordFailure(
    claude,
    new UpstreamError({ provider: "anthropic", model: "claude-sonnet-4-5", kind: "overloaded", status: 529, message: "Overloaded" }),
  );
  clock.advance(2_000);
  const snapshot = tracker.snapshot();
  assert.equal(snapshot.at, clock.now());
  assert.equal(snapshot.windowMs, 60_000);
  assert.deepEqual(
    snapshot.providers.map((provider) => [provider.provider, provider.state]),
    [
      ["anthropic", "healthy"],
      ["openai", "healthy"],
    ],
  );
  assert.deepEqual(
    snapshot.keys.map((key) => [key.provider, key.keyId, key.state]),
    [
      ["anthropic", "team", "healthy"],
      ["openai", "prod-1", "healthy"],
    ],
  );
  const claudeRoute = snapshot.routes.find((route) => route.provider === "anthropic");
  assert.ok(claudeRoute);
  assert.equal(claudeRoute.level, "route");
  assert.equal(claudeRoute.model, "claude-sonnet-4-5");
  assert.equal(claudeRoute.state, "cooling");
  assert.equal(claudeRoute.errorRate, 1);
  assert.equal(claudeRoute.consecutiveFailures, 1);
  assert.deepEqual(claudeRoute.cooldown, {
    remainingMs: 3_000,
    until: clock.now() + 3_000,
    reason: { kind: "overloaded", status: 529, message: "Overloaded", at: clock.now() - 2_000 },
    probeInFlight: false,
  });
  assert.deepEqual(claudeRoute.recentErrors, [{ kind: "overloaded", status: 529, message: "Overloaded", at: clock.now() - 2_000 }]);
  const gptRoute = snapshot.routes.find((route) => route.provider === "openai");
  assert.ok(gptRoute);
  assert.equal(gptRoute.state, "healthy");
  assert.equal(gptRoute.inFlight, 1);
  assert.equal(gptRoute.errorRate, 0);
  assert.deepEqual(gptRoute.latency, { ewmaMs: 400, p50Ms: 400, p95Ms: 400 });
  assert.deepEqual(gptRoute.ttft, { ewmaMs: 120, p50Ms: 120, p95Ms: 120 });
  assert.equal(gptRoute.lastSuccessAt, clock.now() - 2_000);
  assert.equal(gptRoute.cooldown, undefined);
});

test("recent errors are bounded and never show a key", () => {
  const clock = createFakeClock();
  const tracker = new HealthTracker({ now: clock.now, recentErrorLimit: 3 });
  tracker.recordFailure(gpt, {
    kind: "auth",
    status: 401,
    message: "Incorrect API key provided: sk-proj-abcdEFGH1234****wxyz. You can find your API key at https://platform.openai.com",
  });
  tracker.recordFailure(gpt, { kind: "auth", status: 403, message: "denied for https://x.test/v1?key=AIzaSyA-very-secret-value&alt=sse" });
  tracker.recordFailure(gpt, { kind: "server", status: 500, message: "x".repeat(5_000) });
  tracker.recordFailure(gpt, { kind: "server", status: 500, message: "boom" });
  const text = JSON.stringify(tracker.snapshot());
  assert.doesNotMatch(text, /sk-proj-abcd|AIzaSy|very-secret/);
  const key = tracker.snapshot().keys[0];
  assert.ok(key);
  assert.equal(key.recentErrors.length, 3);
  assert.equal(key.recentErrors[0]?.message, "denied for https://x.test/v1?key=[redacted]&alt=sse");
  assert.ok((key.recentErrors[1]?.message.length ?? 0) <= 200);
  assert.match(key.cooldown?.reason.message ?? "", /\[redacted\]/);
});

test("availability names the scope that lifts last", () => {
  const { tracker } = setup();
  tracker.recordFailure(gpt, { kind: "server", status: 500 });
  tracker.recordFailure(gpt, { kind: "rate-limit", status: 429, retryAfterMs: 20_000 });
  tracker.recordFailure(gpt, { kind: "connection", message: "ECONNREFUSED" });
  const availability = tracker.availability(gpt);
  assert.equal(availability.admit, false);
  assert.equal(availability.scope, "key");
  assert.equal(availability.remainingMs, 20_000);
  assert.equal(tracker.availableAt(gpt), availability.availableAt);
  assert.equal(availability.reason?.kind, "rate-limit");
  assert.equal(availability.state, "cooling");
});

test("connection failures cool every model and key of the provider", () => {
  const { tracker } = setup();
  tracker.recordFailure(gpt, { kind: "connection", message: "fetch failed (ECONNREFUSED)" });
  assert.equal(tracker.acquire({ provider: "openai", model: "o3", keyId: "prod-9" }), "deny");
  assert.equal(tracker.availability({ provider: "openai", model: "o3" }).scope, "provider");
  assert.equal(tracker.acquire({ provider: "groq", model: "llama", keyId: "prod-1" }), "allow");
});

test("keyless targets share the provider's anonymous key", () => {
  const { tracker } = setup();
  const local: HealthTarget = { provider: "ollama", model: "llama3.2" };
  tracker.recordFailure(local, { kind: "rate-limit", status: 429 });
  assert.equal(tracker.acquire({ provider: "ollama", model: "qwen3" }), "deny");
  assert.equal(tracker.snapshot().keys[0]?.keyId, anonymousKeyId);
});

test("resetRoute, resetProvider and clear", () => {
  const { tracker } = setup();
  tracker.recordFailure(gpt, { kind: "server", status: 500 });
  tracker.resetRoute("openai", "gpt-4o");
  assert.equal(tracker.acquire(gpt), "allow");
  tracker.recordFailure(gpt, { kind: "connection" });
  tracker.resetProvider("openai");
  assert.equal(tracker.acquire(gpt), "allow");
  tracker.recordFailure(gpt, { kind: "auth", status: 401 });
  tracker.recordFailure(gpt, { kind: "overloaded", status: 503 });
  tracker.clear();
  assert.equal(tracker.acquire(gpt), "allow");
  assert.deepEqual(tracker.snapshot().routes, []);
  tracker.end(gpt); // an end after clear never drives in-flight below zero
  assert.equal(tracker.inFlight(gpt), 0);
});
