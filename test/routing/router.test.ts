import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { AbortedError } from "../../src/core/errors.ts";
import { ProviderRegistry } from "../../src/providers/registry.ts";
import { AllProvidersDown, ProviderCallFailed, ProviderNotConfigured } from "../../src/routing/errors.ts";
import { Router, type RouterStreamEvent } from "../../src/routing/router.ts";
import { setup, type Fixture } from "./support.ts";

const fixtures: Fixture[] = [];
after(async () => {
  await Promise.all(fixtures.map((fixture) => fixture.close()));
});
async function make(...args: Parameters<typeof setup>): Promise<Fixture> {
  const fixture = await setup(...args);
  fixtures.push(fixture);
  return fixture;
}

describe("the issue's examples, as written", () => {
  test("route by model: the home provider answers, and the response says what happened", async () => {
    const { router, calls } = await make({ anthropic: { dialect: "anthropic-messages", script: { reply: { text: "Deployed v2 at 14:05; all checks green." } } } });
    const resp = await router.route("Summarize the latest deployment status.", { model: "claude-sonnet-4-6" });
    assert.equal(resp.content, "Deployed v2 at 14:05; all checks green.");
    assert.equal(resp.modelUsed, "claude-sonnet-4-6");
    assert.equal(resp.providerUsed, "anthropic");
    assert.equal(resp.wasFallback, false);
    assert.equal(resp.fallbackReason, undefined);
    assert.ok(resp.inputTokens !== undefined && resp.inputTokens > 0);
    assert.ok(resp.outputTokens !== undefined && resp.outputTokens > 0);
    assert.ok(resp.costUsd !== undefined && resp.costUsd > 0);
    assert.ok(resp.latencyMs >= 0);
    assert.equal(resp.attempts.length, 1);
    assert.equal(resp.attempts[0]?.outcome, "success");
    assert.ok(resp.raw !== undefined);
    assert.equal(calls("anthropic"), 1);
  });

  test("tier routing: the first healthy model of the tier answers", async () => {
    const { router, calls } = await make({
      anthropic: { dialect: "anthropic-messages", script: { fail: { kind: "overloaded" } } },
      openai: { dialect: "openai-chat", script: { reply: { text: "A qubit computes with superposition." } } },
      google: { dialect: "gemini" },
    });
    router.addTier("fast", ["claude-haiku-4-5", "gpt-4o-mini", "gemini-2.0-flash"]);
    const resp = await router.route("Explain quantum computing in one sentence.", { tier: "fast" });
    assert.equal(resp.modelUsed, "gpt-4o-mini");
    assert.equal(resp.providerUsed, "openai");
    assert.equal(resp.wasFallback, true);
    assert.match(resp.fallbackReason ?? "", /anthropic: 529 overloaded; fell back to openai/);
    assert.equal(calls("google"), 0);
  });

  test("a two-step agent pipeline: plan with a fast model, answer with a stronger one", async () => {
    const { router, sims } = await make({
      anthropic: { dialect: "anthropic-messages", script: { fail: { kind: "server" } } },
      google: { dialect: "gemini", script: (request) => ({ reply: { text: request.bodyText.includes("Plan how") ? "1. list services 2. check each" : "All services healthy." } }) },
      openai: { dialect: "openai-chat" },
    });
    router.addTier("fast", ["gemini-2.0-flash", "gpt-4o-mini"]);
    const plan = await router.route("Plan how to check every service.", { tier: "fast" });
    assert.equal(plan.content, "1. list services 2. check each");
    const answer = await router.route(plan.content, { model: "claude-sonnet-4-6", prefer: ["anthropic", "google"] });
    // Anthropic fails; the catalog's alternatives for Sonnet include Gemini, which `prefer` puts next.
    assert.equal(answer.providerUsed, "google");
    assert.equal(answer.content, "All services healthy.");
    assert.equal(answer.wasFallback, true);
    const lastPrompt = JSON.stringify(sims["google"]?.requests.at(-1)?.body);
    assert.match(lastPrompt, /1\. list services 2\. check each/);
  });
});

describe("failure kinds and what the executor does", () => {
  test("429 with Retry-After: the retry waits that long, on the same provider", async () => {
    const arrivals: number[] = [];
    const { router, calls } = await make({
      openai: {
        dialect: "openai-chat",
        script: (_request, index) => {
          arrivals.push(Date.now());
          return index === 0 ? { fail: { kind: "rate-limit", retryAfterMs: 400 } } : { reply: { text: "ok" } };
        },
      },
    });
    const resp = await router.route("hi", { model: "gpt-4o" });
    assert.equal(resp.content, "ok");
    assert.equal(calls("openai"), 2);
    const gap = (arrivals[1] ?? 0) - (arrivals[0] ?? 0);
    assert.ok(gap >= 380, `waited ${gap} ms for a 400 ms Retry-After`);
    assert.equal(resp.attempts[0]?.kind, "rate-limit");
    assert.equal(resp.wasFallback, false);
  });

  test("a Retry-After longer than the in-request budget moves on instead of waiting", async () => {
    const { router, calls } = await make({
      anthropic: { dialect: "anthropic-messages", script: { fail: { kind: "rate-limit", retryAfterMs: 60_000 } } },
      openrouter: { dialect: "openai-chat" },
    });
    const resp = await router.route("hi", { model: "claude-haiku-4-5" });
    assert.equal(resp.providerUsed, "openrouter");
    assert.equal(calls("anthropic"), 1);
  });

  test("500 once then healthy: retried on the same provider, not a fallback", async () => {
    const { router, calls } = await make({
      openai: { dialect: "openai-chat", script: [{ fail: { kind: "server" } }, { reply: { text: "second time lucky" } }] },
      openrouter: { dialect: "openai-chat" },
    });
    const resp = await router.route("hi", { model: "gpt-4o" });
    assert.equal(resp.content, "second time lucky");
    assert.equal(resp.providerUsed, "openai");
    assert.equal(resp.wasFallback, false);
    assert.equal(calls("openai"), 2);
    assert.equal(calls("openrouter"), 0);
  });

  test("503 persistent: bounded retries, then the next provider", async () => {
    const { router, calls } = await make({
      openai: { dialect: "openai-chat", script: { fail: { kind: "overloaded", status: 503 } } },
      openrouter: { dialect: "openai-chat" },
    });
    const resp = await router.route("hi", { model: "gpt-4o" });
    assert.equal(resp.providerUsed, "openrouter");
    assert.equal(calls("openai"), 2);
    assert.match(resp.fallbackReason ?? "", /openai: 503 overloaded/);
  });

  test("a connection reset before headers is retried, then falls back", async () => {
    const { router, calls } = await make({
      openai: { dialect: "openai-chat", script: { reset: "before-headers" } },
      openrouter: { dialect: "openai-chat" },
    });
    const resp = await router.route("hi", { model: "gpt-4o" });
    assert.equal(resp.providerUsed, "openrouter");
    assert.equal(resp.attempts[0]?.kind, "connection");
    assert.equal(calls("openai"), 2);
  });

  test("a hung upstream is abandoned at the first-byte timeout and not asked again", async () => {
    const { router, calls } = await make(
      { openai: { dialect: "openai-chat", script: { hang: true } }, openrouter: { dialect: "openai-chat" } },
      { timeouts: { attemptMs: 300 } },
    );
    const resp = await router.route("hi", { model: "gpt-4o" });
    assert.equal(resp.providerUsed, "openrouter");
    assert.equal(resp.attempts[0]?.kind, "timeout");
    assert.equal(calls("openai"), 1);
  });

  test("an auth error disables that key; the provider's next key serves, and later requests skip the bad key", async () => {
    const { router, sims, calls } = await make({
      openai: { dialect: "openai-chat", keys: ["sk-bad", "sk-good"], acceptKeys: ["sk-good"] },
    });
    const first = await router.route("hi", { model: "gpt-4o" });
    assert.equal(first.providerUsed, "openai");
    assert.equal(first.attempts[0]?.kind, "auth");
    await router.route("again", { model: "gpt-4o" });
    await router.route("and again", { model: "gpt-4o" });
    const authorizations = sims["openai"]?.requests.map((request) => request.headers["authorization"]);
    assert.deepEqual(authorizations, ["Bearer sk-bad", "Bearer sk-good", "Bearer sk-good", "Bearer sk-good"]);
    assert.equal(calls("openai"), 4);
  });

  test("context window exceeded: straight to a larger-context model, never the same model again", async () => {
    const { router, calls } = await make(
      {
        openai: { dialect: "openai-chat", script: { contextWindow: 5 } },
        openrouter: { dialect: "openai-chat" },
        google: { dialect: "gemini", script: { reply: { text: "long answer" } } },
      },
      { fallbacks: { "gpt-4o-mini": ["gemini-2.5-flash"] } },
    );
    const resp = await router.route("a prompt long enough to pass the simulated five-token window", { model: "gpt-4o-mini" });
    // The catalog's peers come before configured chains; either way a larger window serves.
    assert.equal(resp.providerUsed, "google");
    assert.ok((router.catalog.find(resp.modelUsed)?.contextWindow ?? 0) > (router.catalog.find("gpt-4o-mini")?.contextWindow ?? 0));
    assert.equal(calls("openai"), 1);
    assert.equal(calls("openrouter"), 0, "the same model through another provider has the same window");
    assert.equal(resp.attempts[0]?.kind, "context-window");
  });

  test("content-policy errors come back to the caller without blind retries", async () => {
    const { router, calls } = await make({
      openai: { dialect: "openai-chat", script: { contentFilter: true } },
      openrouter: { dialect: "openai-chat" },
    });
    await assert.rejects(router.route("something disallowed", { model: "gpt-4o" }), (error: unknown) => {
      assert.ok(error instanceof ProviderCallFailed);
      assert.equal(error.kind, "content-policy");
      return true;
    });
    assert.equal(calls("openai"), 1);
    assert.equal(calls("openrouter"), 0);
  });

  test("an invalid request is returned as such, not retried", async () => {
    const { router, calls } = await make({
      openai: { dialect: "openai-chat", script: { fail: { kind: "invalid-request", message: "temperature must be at most 2" } } },
      openrouter: { dialect: "openai-chat" },
    });
    await assert.rejects(router.route("hi", { model: "gpt-4o" }), /temperature must be at most 2/);
    assert.equal(calls("openai"), 1);
    assert.equal(calls("openrouter"), 0);
  });

  test("when everything fails, AllProvidersDown names every attempt", async () => {
    const { router } = await make({
      anthropic: { dialect: "anthropic-messages", script: { fail: { kind: "overloaded" } } },
      openrouter: { dialect: "openai-chat", script: { fail: { kind: "server" } } },
    });
    await assert.rejects(router.route("hi", { model: "claude-haiku-4-5", exclude: ["gpt-5-nano"] }), (error: unknown) => {
      assert.ok(error instanceof AllProvidersDown);
      const tried = error.attempts.map((attempt) => `${attempt.provider}:${attempt.kind}:${attempt.status}`);
      assert.deepEqual(tried.slice(0, 4), ["anthropic:overloaded:529", "anthropic:overloaded:529", "openrouter:server:500", "openrouter:server:500"]);
      assert.match(error.message, /anthropic\/claude-haiku-4-5: 529 overloaded/);
      return true;
    });
  });

  test("allowFallback: false stops after the first candidate with ProviderCallFailed", async () => {
    const { router, calls } = await make({
      openai: { dialect: "openai-chat", script: { fail: { kind: "overloaded", status: 503 } } },
      openrouter: { dialect: "openai-chat" },
    });
    await assert.rejects(router.route("hi", { model: "gpt-4o", allowFallback: false }), ProviderCallFailed);
    assert.equal(calls("openrouter"), 0);
  });

  test("a provider that is not configured says which variable to set", async () => {
    const router = new Router({ providers: new ProviderRegistry(), status: false });
    await assert.rejects(router.route("hi", { model: "gpt-4o" }), (error: unknown) => {
      assert.ok(error instanceof ProviderNotConfigured);
      assert.deepEqual(error.envVars, ["OPENAI_API_KEY"]);
      assert.match(error.message, /Set OPENAI_API_KEY/);
      return true;
    });
    await router.close();
  });

  test("an abort signal cancels the upstream call", async () => {
    const { router } = await make({ openai: { dialect: "openai-chat", script: { hang: true } } });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await assert.rejects(router.route("hi", { model: "gpt-4o", signal: controller.signal }), AbortedError);
  });
});

describe("planning", () => {
  test("prefer reorders and exclude removes", async () => {
    const { router } = await make({ anthropic: { dialect: "anthropic-messages" }, openrouter: { dialect: "openai-chat" } });
    const preferred = await router.route("hi", { model: "claude-sonnet-4-6", prefer: ["openrouter"] });
    assert.equal(preferred.providerUsed, "openrouter");
    const plan = await router.plan("hi", { model: "claude-sonnet-4-6", exclude: ["anthropic"] });
    assert.equal(plan.candidates[0]?.provider.id, "openrouter");
    assert.ok(plan.skipped.some((skip) => skip.provider === "anthropic" && skip.reason === "excluded by the caller"));
  });

  test("capabilities: a model without vision is skipped for an image request, with the reason", async () => {
    const { router } = await make({ deepseek: { dialect: "openai-chat" }, openai: { dialect: "openai-chat" } });
    const image = [
      {
        role: "user" as const,
        content: [
          { type: "text" as const, text: "What is this?" },
          { type: "image_url" as const, image_url: { url: "data:image/png;base64,iVBORw0KGgo=" } },
        ],
      },
    ];
    const plan = await router.plan(image, { models: ["deepseek-chat", "gpt-4o"] });
    assert.deepEqual(plan.candidates.map((candidate) => candidate.model), ["gpt-4o"]);
    assert.ok(plan.skipped.some((skip) => skip.model === "deepseek-chat" && /lacks vision/.test(skip.reason)));
  });

  test("plan names unconfigured providers with the variable to set, and cooling ones with until when and why", async () => {
    const { router } = await make({ anthropic: { dialect: "anthropic-messages", script: { fail: { kind: "overloaded" } } }, openrouter: { dialect: "openai-chat" } });
    await router.route("hi", { model: "claude-sonnet-4-6" });
    const plan = await router.plan("hi", { model: "claude-sonnet-4-6" });
    assert.equal(plan.candidates[0]?.provider.id, "openrouter");
    const cooling = plan.skipped.find((skip) => skip.provider === "anthropic");
    assert.match(cooling?.reason ?? "", /^cooling down until \d{4}-\d\d-\d\dT.+ \(overloaded 529\)$/);
    const geminiPlan = await router.plan("hi", { model: "gemini-2.5-flash" });
    const google = geminiPlan.skipped.find((skip) => skip.provider === "google");
    assert.match(google?.reason ?? "", /not configured \(set GEMINI_API_KEY or GOOGLE_API_KEY\)/);
  });

  test("tier auto explains why a request is simple or complex", async () => {
    const { router } = await make({ openai: { dialect: "openai-chat" }, anthropic: { dialect: "anthropic-messages" } });
    router.addTier("fast", ["gpt-4o-mini"]).addTier("strong", ["claude-opus-4-5"]);
    const simple = await router.plan("What is the capital of France?", { tier: "auto" });
    assert.equal(simple.complexity?.level, "simple");
    assert.equal(simple.candidates[0]?.model, "gpt-4o-mini");
    const complex = await router.plan("Refactor this step by step:\n```ts\nfunction add(a, b) { return a + b }\n```", { tier: "auto" });
    assert.equal(complex.complexity?.level, "complex");
    assert.equal(complex.candidates[0]?.model, "claude-opus-4-5");
    assert.ok(complex.complexity?.reasons.some((reason) => reason.startsWith("contains code")));
  });

  test("concurrent requests share health: once the primary cools, the rest skip it", async () => {
    const { router, calls } = await make({
      openai: { dialect: "openai-chat", script: { fail: { kind: "overloaded", status: 503 } } },
      openrouter: { dialect: "openai-chat" },
    });
    await router.route("warm-up", { model: "gpt-4o" });
    const before = calls("openai");
    const answers = await Promise.all(Array.from({ length: 10 }, (_, index) => router.route(`q${index}`, { model: "gpt-4o" })));
    assert.ok(answers.every((answer) => answer.providerUsed === "openrouter"));
    assert.equal(calls("openai"), before, "no request hammers a provider that is cooling down");
  });
});

describe("streaming", () => {
  async function drain(events: AsyncIterable<RouterStreamEvent>): Promise<RouterStreamEvent[]> {
    return Array.fromAsync(events);
  }

  test("a stream fails over before its first content, and ends with the route", async () => {
    const { router } = await make({
      anthropic: { dialect: "anthropic-messages", script: { fail: { kind: "overloaded" } } },
      openrouter: { dialect: "openai-chat", script: { reply: { text: "streamed answer here" } } },
    });
    const events = await drain(router.stream("hi", { model: "claude-haiku-4-5" }));
    const text = events.map((event) => (event.type === "text-delta" ? event.text : "")).join("");
    assert.equal(text, "streamed answer here");
    const last = events.at(-1);
    assert.ok(last?.type === "route");
    assert.equal(last.response.providerUsed, "openrouter");
    assert.equal(last.response.wasFallback, true);
    assert.ok(last.response.ttftMs !== undefined);
  });

  test("a stream cut after content ends with a terminal error event, never a clean finish", async () => {
    const { router, calls } = await make({
      openai: { dialect: "openai-chat", script: { reply: { text: "one two three four five six" }, cutAfterChunks: 2 } },
      openrouter: { dialect: "openai-chat" },
    });
    const events = await drain(router.stream("hi", { model: "gpt-4o" }));
    const types = events.map((event) => event.type);
    assert.ok(types.includes("text-delta"));
    assert.ok(!types.includes("finish"));
    assert.equal(types.at(-2), "error");
    assert.equal(calls("openrouter"), 0, "no failover after the first content");
  });

  test("a slow first token is abandoned at the first-token limit and the next provider streams", async () => {
    const { router } = await make(
      {
        anthropic: { dialect: "anthropic-messages", script: { slowFirstTokenMs: 2000, reply: { text: "late" } } },
        openrouter: { dialect: "openai-chat", script: { reply: { text: "on time" } } },
      },
      { timeouts: { firstTokenMs: 200 } },
    );
    const events = await drain(router.stream("hi", { model: "claude-haiku-4-5" }));
    const last = events.at(-1);
    assert.ok(last?.type === "route");
    assert.equal(last.response.content, "on time");
    assert.equal(last.response.attempts[0]?.kind, "timeout");
  });
});

describe("middleware", () => {
  test("beforeAttempt can veto a candidate and rewrite the request; afterResponse sees the answer", async () => {
    const seen: string[] = [];
    const { router, sims } = await make({ anthropic: { dialect: "anthropic-messages" }, openrouter: { dialect: "openai-chat" } });
    router.use({
      beforeAttempt: (context) => {
        assert.deepEqual(context.metadata, { user: "u-42" });
        return context.provider === "anthropic" ? false : { ...context.request, temperature: 0.1 };
      },
      afterResponse: (response) => {
        seen.push(response.providerUsed);
      },
    });
    const resp = await router.route("hi", { model: "claude-sonnet-4-6", metadata: { user: "u-42" } });
    assert.equal(resp.providerUsed, "openrouter");
    assert.deepEqual(seen, ["openrouter"]);
    assert.equal((sims["openrouter"]?.requests.at(-1)?.body as { temperature?: number }).temperature, 0.1);
  });
});
