import assert from "node:assert/strict";
import { test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { ProviderRegistry } from "../../src/providers/registry.ts";
import { Router } from "../../src/routing/router.ts";
import { startSimulatedProvider } from "../../src/simulator/index.ts";

test("active probes list models (no completion) and mark a dead provider before a user request finds it", async () => {
  const live = await startSimulatedProvider({ dialect: "openai-chat" });
  const registry = new ProviderRegistry();
  registry.register({ id: "openai", dialect: "openai-chat", baseUrl: "http://127.0.0.1:9/v1", keys: ["sk-dead"] });
  registry.register({ id: "openrouter", dialect: "openai-chat", baseUrl: live.url, keys: ["sk-live"] });
  const router = new Router({ providers: registry, status: false, probes: { intervalMs: 50, timeoutMs: 500 } });
  try {
    const probed = (): boolean => live.requests.some((request) => request.endpoint === "models");
    for (let waited = 0; waited < 3000 && (router.health.availability({ provider: "openai", model: "gpt-4o" }).admit || !probed()); waited += 25) await sleep(25);
    const plan = await router.plan("hi", { model: "gpt-4o" });
    assert.equal(plan.candidates[0]?.provider.id, "openrouter");
    assert.match(plan.skipped.find((skip) => skip.provider === "openai")?.reason ?? "", /cooling down until .* \(connection\)/);
    const probes = live.requests.filter((request) => request.endpoint === "models");
    assert.ok(probes.length >= 1, "the live provider was probed with GET /models");
    assert.ok(probes.every((request) => request.method === "GET"));
    assert.equal(live.requests.filter((request) => request.endpoint === "chat-completions").length, 0, "a probe is never a paid completion");
  } finally {
    await router.close();
    await live.close();
  }
});
