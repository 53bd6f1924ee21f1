import assert from "node:assert/strict";
import { test } from "node:test";
import { ConfigError, LlmuxError } from "../../src/core/errors.ts";
import { ProviderRegistry } from "../../src/providers/registry.ts";

test("fromEnv holds what discovery found", () => {
  const registry = ProviderRegistry.fromEnv({ OPENAI_API_KEY: "sk-a", DEEPSEEK_API_KEY: "sk-b" });
  assert.deepEqual(registry.list().map((provider) => provider.id), ["openai", "deepseek"]);
  assert.equal(registry.has("openai"), true);
  assert.equal(registry.has("anthropic"), false);
  assert.equal(registry.get("deepseek")?.baseUrl, "https://api.deepseek.com/v1");
  assert.equal(registry.get("anthropic"), undefined);
});

test("a custom OpenAI-compatible endpoint registers with bearer auth and its keys", () => {
  const registry = new ProviderRegistry();
  const provider = registry.register({
    id: "corp-gateway",
    dialect: "openai-chat",
    baseUrl: "https://llm.corp.example/v1/",
    keys: ["key-1, key-2"],
    headers: { "x-team": "search" },
  });
  assert.equal(registry.get("corp-gateway"), provider);
  assert.equal(provider.baseUrl, "https://llm.corp.example/v1");
  assert.equal(provider.auth, "bearer");
  assert.equal(provider.modelsPath, "/models");
  assert.equal(provider.source, "registered");
  assert.deepEqual(provider.keys.map((key) => key.reveal()), ["key-1", "key-2"]);
  assert.match(provider.keys[0]?.id ?? "", /^corp-gateway#/);
  assert.deepEqual(provider.headers, { "x-team": "search" });
});

test("a keyless self-hosted endpoint gets no auth", () => {
  const provider = new ProviderRegistry().register({ id: "vllm", dialect: "openai-chat", baseUrl: "http://gpu:8000/v1" });
  assert.equal(provider.auth, "none");
  assert.deepEqual(provider.keys, []);
});

test("a custom Anthropic-dialect endpoint inherits anthropic-version and x-api-key", () => {
  const provider = new ProviderRegistry().register({
    id: "claude-proxy",
    dialect: "anthropic-messages",
    baseUrl: "https://proxy.example",
    keys: ["k-123456789"],
    headers: { "anthropic-beta": "prompt-caching-2024-07-31" },
  });
  assert.equal(provider.auth, "x-api-key");
  assert.deepEqual(provider.headers, { "anthropic-version": "2023-06-01", "anthropic-beta": "prompt-caching-2024-07-31" });
  assert.equal(provider.modelsPath, "/v1/models");
});

test("registering an existing id replaces it; a table id keeps the row's quirks", () => {
  const registry = ProviderRegistry.fromEnv({ OLLAMA_HOST: "localhost:11434", MISTRAL_API_KEY: "m" });
  registry.register({ id: "ollama", dialect: "ollama", baseUrl: "http://other-host:11434" });
  assert.equal(registry.get("ollama")?.baseUrl, "http://other-host:11434");
  assert.equal(registry.get("ollama")?.modelsPath, "/api/tags");
  assert.equal(registry.list().length, 2);

  const mistral = registry.register({ id: "mistral", dialect: "openai-chat", baseUrl: "https://eu.mistral.example/v1", keys: ["m2"] });
  assert.deepEqual(mistral.hooks, registry.get("mistral")?.row?.hooks);
  assert.ok(mistral.hooks.includes("drop-stream-options"));
});

test("explicit auth and hooks win over defaults", () => {
  const provider = new ProviderRegistry().register({
    id: "router-x",
    dialect: "openai-chat",
    baseUrl: "https://router.example/api/v1",
    keys: ["k-abcdefgh"],
    auth: "x-api-key",
    hooks: ["max-tokens-field", "drop-stream-options"],
  });
  assert.equal(provider.auth, "x-api-key");
  assert.deepEqual(provider.hooks, ["max-tokens-field", "drop-stream-options"]);
});

test("malformed registrations are ConfigErrors", () => {
  const registry = new ProviderRegistry();
  const bad = [
    { id: "Bad Id", dialect: "openai-chat", baseUrl: "https://x.example" },
    { id: "x", dialect: "openai-chat", baseUrl: "not a url" },
    { id: "x", dialect: "openai-chat", baseUrl: "ftp://x.example" },
    { id: "x", dialect: "openai-chat", baseUrl: "https://x.example", hooks: ["no-such-hook"] },
    { id: "x", dialect: "klingon", baseUrl: "https://x.example" },
  ] as const;
  for (const registration of bad) {
    // @ts-expect-error -- deliberately wrong dialect in one case
    assert.throws(() => registry.register(registration), ConfigError, JSON.stringify(registration));
  }
  assert.equal(registry.size, 0);
});

test("require names what is configured when a provider is missing", () => {
  const registry = ProviderRegistry.fromEnv({ GROQ_API_KEY: "g" });
  assert.equal(registry.require("groq").id, "groq");
  assert.throws(
    () => registry.require("openai"),
    (error: unknown) => LlmuxError.isInstance(error) && error.code === "provider_not_configured" && /groq/.test(error.message),
  );
});

test("unregister removes a provider", () => {
  const registry = ProviderRegistry.fromEnv({ XAI_API_KEY: "x" });
  assert.equal(registry.unregister("xai"), true);
  assert.equal(registry.has("xai"), false);
  assert.equal(registry.unregister("xai"), false);
});
