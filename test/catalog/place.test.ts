import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createCatalog, defaultCatalog as catalog, placeByPrefix } from "../../src/catalog/index.ts";

describe("catalog.place for unknown names (prefix rules)", () => {
  const cases: Array<[string, string[]]> = [
    ["claude-9-ultra", ["anthropic"]],
    ["gpt-7", ["openai"]],
    ["chatgpt-5-latest", ["openai"]],
    ["o1-2099", ["openai"]],
    ["o3-ultra", ["openai"]],
    ["o4-nano", ["openai"]],
    ["gemini-9-pro", ["google"]],
    ["deepseek-v9", ["deepseek"]],
    ["mistral-huge-2099", ["mistral"]],
    ["codestral-2099", ["mistral"]],
    ["magistral-large", ["mistral"]],
    ["pixtral-huge", ["mistral"]],
    ["ministral-1b", ["mistral"]],
    ["grok-9", ["xai"]],
    ["kimi-k9", ["moonshot"]],
    ["moonshot-v2-1m", ["moonshot"]],
    ["qwen9-max", ["dashscope"]],
    ["llama-9-405b", ["groq", "together", "ollama"]],
    ["acme/some-model", ["openrouter"]],
    ["someone:7b", ["ollama"]],
  ];
  for (const [name, expected] of cases) {
    it(`${name} -> ${expected.join(", ")}`, () => {
      assert.equal(catalog.find(name), undefined, `${name} must be unknown for this test`);
      assert.deepEqual(catalog.place(name), expected);
    });
  }

  it("is case-insensitive and answers [] when no rule fits", () => {
    assert.deepEqual(catalog.place("Claude-Next"), ["anthropic"]);
    assert.deepEqual(catalog.place("omni-model"), []);
    assert.deepEqual(catalog.place("o5-mini"), []);
    assert.deepEqual(catalog.place(""), []);
  });
});

describe("catalog.place for known models", () => {
  it("answers where the model is served, which beats the prefix rules", () => {
    // gpt → openai by prefix, but gpt-oss is open weights that OpenAI's API does not serve.
    assert.deepEqual(placeByPrefix("gpt-oss-120b"), ["openai"]);
    assert.deepEqual(catalog.place("gpt-oss-120b"), ["groq", "together", "ollama", "openrouter"]);
    // llama → groq/together/ollama by prefix; the known model also lists OpenRouter.
    assert.deepEqual(catalog.place("llama-3.3-70b-versatile"), ["groq", "together", "ollama", "openrouter"]);
    // A vendor/model id of a known model is not sent to OpenRouter only.
    assert.deepEqual(catalog.place("anthropic/claude-sonnet-4.6"), ["anthropic", "openrouter"]);
    assert.deepEqual(catalog.place("kimi-k2"), ["moonshot", "groq", "openrouter"]);
  });

  it("places a model added by an override through its own data", () => {
    const custom = createCatalog({ overrides: [{ id: "claude-house-blend", provider: "openrouter", contextWindow: 100_000, maxOutputTokens: 8_000 }] });
    assert.deepEqual(custom.place("claude-house-blend"), ["openrouter"]);
    assert.deepEqual(catalog.place("claude-house-blend"), ["anthropic"]);
  });
});
