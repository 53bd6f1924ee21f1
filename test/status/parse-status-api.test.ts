import assert from "node:assert/strict";
import { test } from "node:test";
import { parseModelCheck, parseModelList, parseProviderList, parseStatusLevel } from "../../src/status/parse-status-api.ts";
import { loadFixture } from "./helpers.ts";

test("status strings: the three known levels, anything else unknown", () => {
  assert.equal(parseStatusLevel("operational"), "operational");
  assert.equal(parseStatusLevel("Degraded"), "degraded");
  assert.equal(parseStatusLevel("down"), "down");
  assert.equal(parseStatusLevel("recovering"), "unknown");
  assert.equal(parseStatusLevel(3), "unknown");
  assert.equal(parseStatusLevel(null), "unknown");
});

test("provider list: rows normalised, malformed rows skipped", () => {
  assert.deepEqual(parseProviderList(loadFixture("aistatus-providers.json")), [
    { provider: "anthropic", status: "operational" },
    { provider: "openai", status: "degraded", detail: "Elevated error rates on Responses" },
    { provider: "xai", status: "down", detail: "API unreachable" },
    { provider: "mistral", status: "unknown" },
  ]);
  assert.equal(parseProviderList({ error: "rate limited" }), undefined);
  assert.equal(parseProviderList("<html>"), undefined);
});

test("model check: available=false means down, alternatives kept", () => {
  assert.deepEqual(parseModelCheck(loadFixture("aistatus-check-model.json")), {
    status: "down",
    provider: "anthropic",
    detail: "Claude API (api.anthropic.com): major outage",
    alternatives: [
      { provider: "openai", model: "openai/gpt-5.1", status: "operational" },
      { provider: "google", model: "google/gemini-2.5-pro", status: "degraded" },
    ],
  });
  assert.equal(parseModelCheck({ model: "gpt-4o", available: true })?.status, "operational");
  assert.equal(parseModelCheck({ model: "gpt-4o", status: "degraded", available: true })?.status, "degraded");
  assert.equal(parseModelCheck({ model: "gpt-4o", status: "wobbly" })?.status, "unknown");
  assert.equal(parseModelCheck([1, 2]), undefined);
});

test("model list: per-token prices become per-million, negative prices are dropped", () => {
  assert.deepEqual(parseModelList(loadFixture("aistatus-models.json")), [
    { id: "openai/gpt-4o", provider: "openai", status: "operational", pricing: { input: 2.5, output: 10 } },
    { id: "openai/gpt-4o-mini", provider: "openai", status: "degraded", pricing: { input: 0.15, output: 0.6 } },
    { id: "openrouter/auto", provider: "openrouter" },
  ]);
  assert.deepEqual(parseModelList({ models: [{ id: "m1", provider: "groq", pricing: { input: 0.59, output: 0.79 } }] }), [
    { id: "m1", provider: "groq", pricing: { input: 0.59, output: 0.79 } },
  ]);
  assert.equal(parseModelList({ data: [] }), undefined);
});
