import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { defaultCatalog as catalog } from "../../src/catalog/index.ts";

function resolves(name: string, expectedId: string): void {
  assert.equal(catalog.find(name)?.id, expectedId, `${name} should resolve to ${expectedId}`);
}

describe("catalog.find", () => {
  it("finds canonical ids regardless of case and surrounding space", () => {
    resolves("claude-sonnet-4-6", "claude-sonnet-4-6");
    resolves("GPT-4o", "gpt-4o");
    resolves("  gemini-2.5-pro  ", "gemini-2.5-pro");
  });

  it("resolves dated snapshots and -latest forms to their model", () => {
    resolves("claude-sonnet-4-5-20250929", "claude-sonnet-4-5");
    resolves("claude-haiku-4-5-20251001", "claude-haiku-4-5");
    resolves("claude-opus-4-5-20251101", "claude-opus-4-5");
    resolves("gpt-4o-2024-08-06", "gpt-4o");
    resolves("gpt-4.1-mini-2025-04-14", "gpt-4.1-mini");
    resolves("o3-2025-04-16", "o3");
    resolves("grok-4-0709", "grok-4");
    resolves("grok-3-latest", "grok-3");
    resolves("qwen-plus-latest", "qwen-plus");
    resolves("mistral-large-2512", "mistral-large-latest");
    resolves("gemini-pro-latest", "gemini-3.1-pro-preview");
  });

  it("resolves OpenRouter vendor/model ids, listed or not", () => {
    resolves("anthropic/claude-sonnet-4.6", "claude-sonnet-4-6");
    resolves("x-ai/grok-4.1-fast", "grok-4-1-fast");
    resolves("mistralai/mistral-large-2512", "mistral-large-latest");
    resolves("moonshotai/kimi-k2-0905", "kimi-k2");
    resolves("meta-llama/llama-3.3-70b-instruct", "llama-3.3-70b-versatile");
    // Not listed under providerIds: the part after the slash still names a known model.
    resolves("openai/o3-mini", "o3-mini");
    resolves("anthropic/claude-haiku-4-5", "claude-haiku-4-5");
    // OpenRouter routing variants name the same model.
    resolves("openai/gpt-oss-120b:free", "gpt-oss-120b");
    resolves("deepseek/deepseek-v4-flash:nitro", "deepseek-v4-flash");
  });

  it("resolves provider-specific ids", () => {
    resolves("meta-llama/Llama-3.3-70B-Instruct-Turbo", "llama-3.3-70b-versatile");
    resolves("meta-llama/llama-4-scout-17b-16e-instruct", "llama-4-scout");
    resolves("kimi-k2-0905-preview", "kimi-k2");
    resolves("grok-4.20-0309-reasoning", "grok-4.20");
    resolves("zai-org/GLM-5.3", "glm-5.3");
    resolves("llama3.3:70b", "llama-3.3-70b-versatile");
    resolves("gpt-oss:20b", "gpt-oss-20b");
  });

  it("treats dots and dashes in versions alike", () => {
    resolves("claude-sonnet-4.6", "claude-sonnet-4-6");
    resolves("claude-opus-4.5", "claude-opus-4-5");
    resolves("grok-4.1-fast", "grok-4-1-fast");
  });

  it("accepts Gemini resource names and Ollama's :latest tag", () => {
    resolves("models/gemini-2.5-flash", "gemini-2.5-flash");
    resolves("gemma3:latest", "gemma-3-27b");
    resolves("llama3.3:latest", "llama-3.3-70b-versatile");
  });

  it("answers undefined for names it does not know", () => {
    for (const name of ["", "   ", "gpt-99", "acme/unknown-model", "claude"]) {
      assert.equal(catalog.find(name), undefined, name);
    }
  });
});

describe("catalog.providerModelId", () => {
  it("gives the home provider the canonical id unless it uses another", () => {
    assert.equal(catalog.providerModelId("claude-sonnet-4-6", "anthropic"), "claude-sonnet-4-6");
    assert.equal(catalog.providerModelId("kimi-k2", "moonshot"), "kimi-k2-0905-preview");
    assert.equal(catalog.providerModelId("grok-4.20", "xai"), "grok-4.20-0309-reasoning");
  });

  it("gives other providers their own id, found from any name of the model", () => {
    assert.equal(catalog.providerModelId("claude-sonnet-4-6", "openrouter"), "anthropic/claude-sonnet-4.6");
    assert.equal(catalog.providerModelId("llama-3.3-70b", "together"), "meta-llama/Llama-3.3-70B-Instruct-Turbo");
    assert.equal(catalog.providerModelId("meta-llama/llama-3.3-70b-instruct", "groq"), "llama-3.3-70b-versatile");
    assert.equal(catalog.providerModelId("gpt-oss-120b", "ollama"), "gpt-oss:120b");
  });

  it("answers undefined when the provider does not serve the model, or the model is unknown", () => {
    assert.equal(catalog.providerModelId("claude-sonnet-4-6", "groq"), undefined);
    assert.equal(catalog.providerModelId("gpt-4o", "anthropic"), undefined);
    assert.equal(catalog.providerModelId("no-such-model", "openai"), undefined);
  });
});

describe("catalog.providersOf", () => {
  it("lists the home provider first and OpenRouter last", () => {
    assert.deepEqual(catalog.providersOf("llama-3.3-70b-versatile"), ["groq", "together", "ollama", "openrouter"]);
    assert.deepEqual(catalog.providersOf("claude-haiku-4-5"), ["anthropic", "openrouter"]);
    assert.deepEqual(catalog.providersOf("nope"), []);
  });
});
