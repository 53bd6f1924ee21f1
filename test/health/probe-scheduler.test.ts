import assert from "node:assert/strict";
import { test } from "node:test";
import { classifyFailure } from "../../src/core/classify-failure.ts";
import { UpstreamError } from "../../src/core/errors.ts";
import { HealthTracker } from "../../src/health/health-tracker.ts";
import { defaultProbeTimers, ProbeScheduler, type ProbeFunction } from "../../src/health/probe-scheduler.ts";
import type { ProbeTarget } from "../../src/health/types.ts";
import { startTestServer } from "../support/http-server.ts";
import { createFakeClock, createFakeTimers } from "./fake-clock.ts";

const openai: ProbeTarget = { provider: "openai", keyId: "prod-1" };
const groq: ProbeTarget = { provider: "groq" };

function setup(probe: ProbeFunction, targets: readonly ProbeTarget[] = [openai, groq]) {
  const clock = createFakeClock();
  const timers = createFakeTimers(clock);
  const tracker = new HealthTracker({ now: clock.now });
  const scheduler = new ProbeScheduler({ tracker, targets, probe, intervalMs: 30_000, timeoutMs: 5_000, timers });
  return { clock, timers, tracker, scheduler };
}

async function flush(): Promise<void> {
  for (let index = 0; index < 5; index++) await new Promise((resolve) => setImmediate(resolve));
}

function upstreamFailure(provider: string, status: number, kind: UpstreamError["kind"]): UpstreamError {
  return new UpstreamError({ provider, model: "", kind, status, message: `HTTP ${status}` });
}

test("probe outcomes feed the same health state", async () => {
  const { tracker, scheduler } = setup(async (target) => {
    if (target.provider === "openai") throw upstreamFailure("openai", 401, "auth");
    throw upstreamFailure("groq", 503, "overloaded");
  });
  const round = await scheduler.runOnce();
  assert.deepEqual(
    round.map((entry) => [entry.target.provider, entry.status, entry.status === "failed" ? entry.failure.kind : undefined]),
    [
      ["openai", "failed", "auth"],
      ["groq", "failed", "overloaded"],
    ],
  );
  // 401 on the models list disables that key only.
  assert.equal(tracker.availability({ provider: "openai", model: "gpt-4o", keyId: "prod-1" }).state, "disabled");
  assert.equal(tracker.acquire({ provider: "openai", model: "gpt-4o", keyId: "prod-2" }), "allow");
  // An overloaded provider (no model named) cools the provider.
  const groqAvailability = tracker.availability({ provider: "groq", model: "llama-3.3-70b" });
  assert.equal(groqAvailability.scope, "provider");
  assert.equal(groqAvailability.remainingMs, 5_000);
  const snapshot = tracker.snapshot();
  const groqView = snapshot.providers.find((provider) => provider.provider === "groq");
  assert.equal(groqView?.lastProbe?.ok, false);
  assert.equal(groqView?.lastProbe?.error?.status, 503);
  assert.equal(groqView?.requests, 0, "probes are not live traffic");
});

test("a probe success closes a half-open provider, without shortening a running cooldown", async () => {
  let healthy = false;
  const { clock, tracker, scheduler } = setup(async () => {
    if (!healthy) throw new TypeError("fetch failed", { cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }) });
  }, [groq]);
  const first = await scheduler.runOnce();
  assert.equal(first[0]?.status === "failed" ? first[0].failure.kind : undefined, "connection");
  const target = { provider: "groq", model: "llama" };
  assert.equal(tracker.acquire(target), "deny");
  healthy = true;
  clock.advance(1_000);
  assert.equal((await scheduler.runOnce())[0]?.status, "ok");
  assert.equal(tracker.cooldownRemaining(target), 4_000, "still cooling: success does not cut a cooldown short");
  clock.advance(4_000);
  await scheduler.runOnce();
  assert.equal(tracker.acquire(target), "allow", "the probe closed the half-open circuit");
  assert.equal(tracker.snapshot().providers[0]?.lastProbe?.ok, true);
});

test("targets with a fresh live success are skipped", async () => {
  const probed: string[] = [];
  const { clock, tracker, scheduler } = setup(async (target) => {
    probed.push(`${target.provider}/${target.keyId ?? "-"}`);
  });
  tracker.recordSuccess({ provider: "openai", model: "gpt-4o", keyId: "prod-1" }, { latencyMs: 200 });
  tracker.recordSuccess({ provider: "groq", model: "llama" }, { latencyMs: 90 });
  const round = await scheduler.runOnce();
  assert.deepEqual(
    round.map((entry) => entry.status),
    ["skipped", "skipped"],
  );
  assert.equal(probed.length, 0);
  clock.advance(30_001);
  await scheduler.runOnce();
  assert.deepEqual(probed, ["openai/prod-1", "groq/-"], "the live success is stale now");
  // Fresh success, but the provider is cooling: probe anyway.
  tracker.recordSuccess({ provider: "groq", model: "llama" });
  tracker.recordFailure({ provider: "groq", model: "llama" }, { kind: "connection" });
  probed.length = 0;
  await scheduler.runOnce();
  assert.ok(probed.includes("groq/-"));
  // A disabled key is not probed.
  tracker.recordFailure({ provider: "openai", model: "gpt-4o", keyId: "prod-1" }, { kind: "auth", status: 401 });
  probed.length = 0;
  await scheduler.runOnce();
  assert.ok(!probed.includes("openai/prod-1"));
});

test("a probe that hangs counts as a timeout and is aborted", async () => {
  let signalSeen: AbortSignal | undefined;
  const { timers, tracker, scheduler } = setup(
    (_target, signal) => {
      signalSeen = signal;
      return new Promise<void>(() => {}); // ignores its signal on purpose
    },
    [groq],
  );
  const round = scheduler.runOnce();
  timers.advance(5_000);
  const [entry] = await round;
  assert.equal(entry?.status, "failed");
  assert.equal(entry?.status === "failed" ? entry.failure.kind : undefined, "timeout");
  assert.equal(signalSeen?.aborted, true);
  assert.equal(tracker.availability({ provider: "groq", model: "llama" }).scope, "provider");
  assert.deepEqual(timers.pending(), []);
});

test("start runs rounds on the interval; stop clears the timers", async () => {
  let calls = 0;
  const { timers, scheduler } = setup(async () => {
    calls += 1;
  }, [groq]);
  scheduler.start();
  scheduler.start(); // idempotent
  assert.equal(timers.pending().length, 1);
  timers.advance(0);
  await flush();
  assert.equal(calls, 1, "first round right away");
  timers.advance(29_999);
  await flush();
  assert.equal(calls, 1);
  timers.advance(1);
  await flush();
  assert.equal(calls, 2);
  scheduler.stop();
  assert.equal(scheduler.running, false);
  assert.deepEqual(timers.pending(), []);
  timers.advance(120_000);
  await flush();
  assert.equal(calls, 2);
});

test("stop aborts probes in flight and records nothing for them", async () => {
  let signalSeen: AbortSignal | undefined;
  const { timers, tracker, scheduler } = setup(
    (_target, signal) =>
      new Promise<void>((_resolve, reject) => {
        signalSeen = signal;
        signal.addEventListener("abort", () => reject(signal.reason));
      }),
    [groq],
  );
  scheduler.start();
  timers.advance(0);
  await flush();
  scheduler.stop();
  await flush();
  assert.equal(signalSeen?.aborted, true);
  assert.equal(tracker.acquire({ provider: "groq", model: "llama" }), "allow");
  assert.equal(tracker.snapshot().providers[0]?.lastProbe, undefined);
  assert.deepEqual(timers.pending(), []);
});

test("default timers are unref()ed and clearable", () => {
  const handle = defaultProbeTimers.setTimeout(() => assert.fail("cleared timers never fire"), 60_000) as ReturnType<typeof setTimeout>;
  assert.equal(handle.hasRef(), false);
  defaultProbeTimers.clearTimeout(handle);
  const scheduler = new ProbeScheduler({ tracker: new HealthTracker(), targets: [], probe: async () => {}, intervalMs: 60_000 });
  scheduler.start();
  assert.equal(scheduler.running, true);
  scheduler.stop();
  assert.equal(scheduler.running, false);
});

test("probing a real models endpoint: 401 disables the key, 200 is healthy", async () => {
  const server = await startTestServer((request, response) => {
    const authorized = request.headers.authorization === "Bearer good";
    response.writeHead(authorized ? 200 : 401, { "content-type": "application/json" });
    response.end(
      JSON.stringify(
        authorized
          ? { object: "list", data: [{ id: "gpt-4o", object: "model", created: 0, owned_by: "openai" }] }
          : { error: { message: "Incorrect API key provided: sk-bad*****", type: "invalid_request_error", param: null, code: "invalid_api_key" } },
      ),
    );
  });
  try {
    const keys: Record<string, string> = { good: "good", bad: "bad" };
    const probe: ProbeFunction = async (target, signal) => {
      const response = await fetch(`${server.url}/v1/models`, { headers: { authorization: `Bearer ${keys[target.keyId ?? ""]}` }, signal });
      if (response.ok) return;
      const failure = classifyFailure({ status: response.status, body: await response.json() });
      throw new UpstreamError({ provider: target.provider, model: "", ...failure, status: response.status });
    };
    const tracker = new HealthTracker();
    const scheduler = new ProbeScheduler({
      tracker,
      probe,
      targets: [
        { provider: "openai", keyId: "good" },
        { provider: "openai", keyId: "bad" },
      ],
    });
    const round = await scheduler.runOnce();
    assert.deepEqual(
      round.map((entry) => entry.status),
      ["ok", "failed"],
    );
    assert.equal(server.requests[0]?.url, "/v1/models");
    assert.equal(server.requests[0]?.method, "GET");
    assert.equal(tracker.availability({ provider: "openai", model: "gpt-4o", keyId: "bad" }).state, "disabled");
    assert.equal(tracker.acquire({ provider: "openai", model: "gpt-4o", keyId: "good" }), "allow");
    assert.doesNotMatch(JSON.stringify(tracker.snapshot()), /sk-bad/);
  } finally {
    await server.close();
  }
});

test("a round whose target list throws does not end probing", async () => {
  const clock = createFakeClock();
  const timers = createFakeTimers(clock);
  let calls = 0;
  let rounds = 0;
  const scheduler = new ProbeScheduler({
    tracker: new HealthTracker({ now: clock.now }),
    targets: () => {
      rounds += 1;
      if (rounds === 1) throw new Error("config not loaded yet");
      return [groq];
    },
    probe: async () => {
      calls += 1;
    },
    intervalMs: 1_000,
    timers,
  });
  scheduler.start();
  timers.advance(0);
  await flush();
  assert.equal(calls, 0);
  timers.advance(1_000);
  await flush();
  assert.equal(calls, 1);
  scheduler.stop();
});
