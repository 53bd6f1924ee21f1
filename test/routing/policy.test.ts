import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { UpstreamError, type FailureKind } from "../../src/core/errors.ts";
import { judgeComplexity } from "../../src/routing/complexity.ts";
import { backoffDelay, decideAfterFailure, defaultRetryPolicy } from "../../src/routing/retry-policy.ts";
import { createStrategies, type RankedCandidate, type StrategyContext, type StrategyName } from "../../src/routing/strategies/index.ts";

function failure(kind: FailureKind, retryAfterMs?: number): UpstreamError {
  return new UpstreamError({ provider: "p", model: "m", kind, message: kind, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });
}

const context = { retry: 0, policy: defaultRetryPolicy, remainingMs: 60_000, otherKeyAvailable: false, random: () => 0.5 };

describe("what happens after each failure kind", () => {
  const expected: Array<[FailureKind, string]> = [
    ["invalid-request", "stop"],
    ["content-policy", "stop"],
    ["context-window", "next-candidate"],
    ["not-found", "next-candidate"],
    ["timeout", "next-candidate"],
    ["auth", "next-key"],
    ["quota", "next-key"],
    ["rate-limit", "retry"],
    ["overloaded", "retry"],
    ["server", "retry"],
    ["connection", "retry"],
  ];
  for (const [kind, action] of expected) {
    test(`${kind} → ${action}`, () => {
      assert.equal(decideAfterFailure(failure(kind), context).action, action);
    });
  }

  test("transient failures are retried a bounded number of times, then move on", () => {
    assert.equal(decideAfterFailure(failure("server"), { ...context, retry: defaultRetryPolicy.maxRetries }).action, "next-candidate");
  });

  test("a rate limit with another free key switches key instead of waiting", () => {
    assert.equal(decideAfterFailure(failure("rate-limit", 1000), { ...context, otherKeyAvailable: true }).action, "next-key");
  });

  test("Retry-After is the wait when it is short and fits the deadline; otherwise move on", () => {
    assert.deepEqual(decideAfterFailure(failure("rate-limit", 1200), context), { action: "retry", delayMs: 1200 });
    assert.equal(decideAfterFailure(failure("rate-limit", 60_000), context).action, "next-candidate");
    assert.equal(decideAfterFailure(failure("rate-limit", 1200), { ...context, remainingMs: 1000 }).action, "next-candidate");
  });

  test("backoff doubles per retry, capped, with jitter between half and all of the step", () => {
    const policy = { ...defaultRetryPolicy, baseDelayMs: 100, maxDelayMs: 1000 };
    assert.equal(backoffDelay(0, policy, () => 0), 50);
    assert.equal(backoffDelay(0, policy, () => 1), 100);
    assert.equal(backoffDelay(2, policy, () => 1), 400);
    assert.equal(backoffDelay(10, policy, () => 1), 1000);
  });
});

describe("strategies order candidates, never drop them", () => {
  const candidates: RankedCandidate[] = [
    { provider: { id: "a" }, model: "m1", estimatedCostUsd: 0.03 },
    { provider: { id: "b" }, model: "m2", estimatedCostUsd: 0.01 },
    { provider: { id: "c" }, model: "m3", estimatedCostUsd: undefined },
  ];
  const latency: Record<string, number> = { a: 900, b: 300 };
  const inFlight: Record<string, number> = { a: 0, b: 5, c: 1 };
  const strategyContext: StrategyContext = {
    signals: { latencyP50: (provider) => latency[provider], inFlight: (provider) => inFlight[provider] ?? 0 },
    weights: { a: 3, b: 1, c: 0 },
  };
  const order = (name: StrategyName, strategies = createStrategies()) =>
    strategies[name].order(candidates, strategyContext).map((candidate) => candidate.provider.id).join("");

  test("priority keeps the given order", () => assert.equal(order("priority"), "abc"));
  test("cost puts the cheapest first and unknown prices last", () => assert.equal(order("cost"), "bac"));
  test("latency puts the fastest observed first, unmeasured last", () => assert.equal(order("latency"), "bac"));
  test("least-in-flight puts the idlest first", () => assert.equal(order("least-in-flight"), "acb"));
  test("weighted round-robin leads in proportion to the weights", () => {
    const strategies = createStrategies();
    const leaders = Array.from({ length: 8 }, () => order("weighted", strategies)[0]).join("");
    assert.equal([...leaders].filter((leader) => leader === "a").length, 6);
    assert.equal([...leaders].filter((leader) => leader === "b").length, 2);
    assert.ok(!leaders.includes("c"), "weight 0 never leads");
  });
});

describe("tier auto: a fast, explainable complexity heuristic", () => {
  const ask = (text: string, extra: object = {}) =>
    judgeComplexity({ model: "", messages: [{ role: "user", content: [{ type: "text", text }] }], stream: false, ...extra });

  test("a short question is simple", () => {
    const verdict = ask("What is the capital of France?");
    assert.equal(verdict.level, "simple");
    assert.deepEqual(verdict.reasons, ["short plain request"]);
  });

  test("tools make a request complex, and say so", () => {
    const verdict = ask("What's the weather?", { tools: [{ name: "weather", parameters: { type: "object" } }] });
    assert.equal(verdict.level, "complex");
    assert.ok(verdict.reasons.includes("uses tools (+3)"));
  });

  test("code plus a reasoning cue is complex", () => {
    assert.equal(ask("Debug this:\n```py\ndef f(x): return x/0\n```").level, "complex");
  });

  test("a long context is complex on its own", () => {
    assert.equal(ask("word ".repeat(20_000)).level, "complex");
  });
});
