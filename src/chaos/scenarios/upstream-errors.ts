/**
 * @module
 * Scenarios where the primary fails before its first byte: error statuses, a reset socket,
 * no answer at all, a late first token, a prompt over its context window, a content filter.
 * Every one has a way out (retry or fallback) except the content filter, which is the
 * caller's problem and must come back without a blind retry.
 */
import { expectCalls, expectCallsPerModel, healthy, type RequestOutcome, type Scenario } from "../scenario.ts";

/** The gateway already retried and fell back: client SDKs must not multiply that (protocols.md 6.8). */
function expectNoClientRetry(outcomes: readonly RequestOutcome[]): string[] {
  const value = outcomes[0]?.observation.headers["x-should-retry"];
  return value === "false" ? [] : [`x-should-retry is ${value ?? "missing"}, not false`];
}

const retryAfter: Scenario = {
  id: "429-retry-after",
  title: "429 with Retry-After: the retry waits that long, on the same provider",
  upstreams: ({ profile }) => ({ primary: [{ fail: { kind: "rate-limit", retryAfterMs: profile.retryAfterMs } }, healthy] }),
  expect: () => ({ grade: "pass", servedBy: "primary" }),
  check({ topology, context }) {
    const [first, second] = topology.primaryArrivals;
    const waited = first !== undefined && second !== undefined ? second - first : undefined;
    const problems = [...expectCalls("the primary", topology.primary.count(), { exactly: 2 }), ...expectCalls("the fallback", topology.fallback.count(), { exactly: 0 })];
    // Timers may fire a millisecond early against Date.now(); more is not honouring the hint.
    if (waited !== undefined && waited < context.profile.retryAfterMs - 5) problems.push(`retried after ${waited} ms, Retry-After said ${context.profile.retryAfterMs} ms`);
    return problems;
  },
};

const rateLimitPersistent: Scenario = {
  id: "429-persistent",
  title: "429 without Retry-After, every time: bounded attempts, then the fallback",
  upstreams: () => ({ primary: { fail: { kind: "rate-limit" } } }),
  expect: () => ({ grade: "pass", servedBy: "fallback" }),
  check: ({ topology }) => expectCalls("the primary", topology.primary.count(), { atMost: 2 }),
};

const retryAfterTooLong: Scenario = {
  id: "429-long-retry-after",
  title: "429 with a Retry-After past the in-request budget: no waiting, straight to the fallback",
  upstreams: () => ({ primary: { fail: { kind: "rate-limit", retryAfterMs: 120_000 } } }),
  expect: () => ({ grade: "pass", servedBy: "fallback" }),
  check({ topology, outcomes, context }) {
    const problems = expectCalls("the primary", topology.primary.count(), { exactly: 1 });
    const elapsed = outcomes[0]?.observation.elapsedMs ?? 0;
    if (elapsed > context.profile.clientTimeoutMs / 2) problems.push(`answered after ${elapsed} ms: it waited for the Retry-After`);
    return problems;
  },
};

const serverErrorOnce: Scenario = {
  id: "500-once",
  title: "500 once, then healthy: retried on the same provider",
  upstreams: () => ({ primary: [{ fail: { kind: "server" } }, healthy] }),
  expect: () => ({ grade: "pass", servedBy: "primary" }),
  check: ({ topology }) => [...expectCalls("the primary", topology.primary.count(), { exactly: 2 }), ...expectCalls("the fallback", topology.fallback.count(), { exactly: 0 })],
};

const unavailablePersistent: Scenario = {
  id: "503-persistent",
  title: "503 every time: bounded retries, then the fallback",
  upstreams: () => ({ primary: { fail: { kind: "overloaded", status: 503 } } }),
  expect: () => ({ grade: "pass", servedBy: "fallback" }),
  check: ({ topology }) => expectCalls("the primary", topology.primary.count(), { atMost: 2 }),
};

const resetBeforeHeaders: Scenario = {
  id: "reset-before-headers",
  title: "TCP reset before the headers: retried, then the fallback",
  upstreams: () => ({ primary: { reset: "before-headers" } }),
  expect: () => ({ grade: "pass", servedBy: "fallback" }),
  check: ({ topology }) => expectCalls("the primary", topology.primary.count(), { atMost: 2 }),
};

const noResponse: Scenario = {
  id: "no-response",
  title: "No response at all: first-byte timeout, then the fallback, well within the client's timeout",
  upstreams: () => ({ primary: { hang: true } }),
  expect: () => ({ grade: "pass", servedBy: "fallback" }),
  check({ topology, outcomes, context }) {
    const problems = expectCalls("the hung primary", topology.primary.count(), { exactly: 1 });
    const elapsed = outcomes[0]?.observation.elapsedMs ?? 0;
    if (elapsed > context.profile.clientTimeoutMs / 2) problems.push(`answered after ${elapsed} ms, not well within the client's ${context.profile.clientTimeoutMs} ms`);
    return problems;
  },
};

const slowFirstToken: Scenario = {
  id: "slow-first-token",
  title: "First token (or whole answer) later than the limit: abandoned, then the fallback",
  upstreams: ({ profile }) => ({ primary: { ...healthy, slowFirstTokenMs: profile.slowMs } }),
  expect: () => ({ grade: "pass", servedBy: "fallback" }),
  check: ({ topology }) => expectCalls("the slow primary", topology.primary.count(), { exactly: 1 }),
};

const contextLength: Scenario = {
  id: "context-length",
  title: "Context length exceeded: straight to a larger-context fallback, no blind retry",
  upstreams: () => ({ primary: { ...healthy, contextWindow: 5 } }),
  expect: () => ({ grade: "pass", servedBy: "fallback" }),
  check({ topology, usage }) {
    const problems = expectCalls("the primary", topology.primary.count(), { exactly: 1 });
    const kinds = usage[0]?.attempts.map((attempt) => attempt.kind ?? "ok") ?? [];
    if (kinds[0] !== "context-window") problems.push(`the first attempt was recorded as ${kinds[0] ?? "nothing"}, not context-window`);
    return problems;
  },
};

const contentFilter: Scenario = {
  id: "content-filter",
  title: "Content-filter rejection: back to the caller, no blind retry, no fallback",
  upstreams: () => ({ primary: { contentFilter: true } }),
  // OpenAI rejects with a 400; Anthropic and Gemini answer with a refusal (an empty answer).
  expect: ({ route }) => (route.primary.dialect === "openai-chat" ? { grade: "safe" } : { grade: "pass", text: "", finish: "content-filter", servedBy: "primary" }),
  check: ({ topology }) => [...expectCalls("the primary", topology.primary.count(), { exactly: 1 }), ...expectCalls("the fallback", topology.fallback.count(), { exactly: 0 })],
};

const everythingDown: Scenario = {
  id: "everything-down",
  title: "Primary and fallback both answer 503: a clean error naming the attempts, promptly",
  upstreams: () => ({ primary: { fail: { kind: "overloaded", status: 503 } }, fallback: { fail: { kind: "overloaded", status: 503 } } }),
  expect: () => ({ grade: "safe" }),
  check({ topology, outcomes }) {
    const headers = outcomes[0]?.observation.headers ?? {};
    // Each model is its own candidate: a try and one retry each, no more.
    const problems = [...expectCallsPerModel("the primary", topology.primary, { atMost: 2 }), ...expectCallsPerModel("the fallback", topology.fallback, { atMost: 2 })];
    // The gateway already retried and fell back: client SDKs must not multiply that.
    if (headers["x-should-retry"] !== "false") problems.push(`x-should-retry is ${headers["x-should-retry"] ?? "missing"}, not false`);
    return problems;
  },
};

const everythingHangs: Scenario = {
  id: "everything-hangs",
  title: "Primary and fallback both never answer: a timeout error within the gateway's own deadline",
  upstreams: () => ({ primary: { hang: true }, fallback: { hang: true } }),
  expect: () => ({ grade: "safe" }),
  // A hung candidate is not asked again; each model is its own candidate.
  check: ({ topology, outcomes }) => [
    ...expectCallsPerModel("the primary", topology.primary, { exactly: 1 }),
    ...expectCallsPerModel("the fallback", topology.fallback, { exactly: 1 }),
    ...expectNoClientRetry(outcomes),
  ],
};

export const upstreamErrorScenarios: Scenario[] = [
  retryAfter,
  retryAfterTooLong,
  rateLimitPersistent,
  serverErrorOnce,
  unavailablePersistent,
  resetBeforeHeaders,
  noResponse,
  slowFirstToken,
  contextLength,
  contentFilter,
  everythingDown,
  everythingHangs,
];
