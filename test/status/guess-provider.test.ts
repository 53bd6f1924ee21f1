import assert from "node:assert/strict";
import { test } from "node:test";
import { guessProvider } from "../../src/status/guess-provider.ts";
import { normalizeProviderId } from "../../src/status/normalize-provider-id.ts";

test("third-party slugs normalise to llmux provider ids", () => {
  assert.equal(normalizeProviderId("x-ai"), "xai");
  assert.equal(normalizeProviderId("MistralAI"), "mistral");
  assert.equal(normalizeProviderId("moonshotai"), "moonshot");
  assert.equal(normalizeProviderId("qwen"), "dashscope");
  assert.equal(normalizeProviderId(" OpenAI "), "openai");
  assert.equal(normalizeProviderId("some-new-lab"), "some-new-lab");
});

test("a model's provider comes from its prefix or from a provider/ form", () => {
  assert.equal(guessProvider("claude-sonnet-4-6"), "anthropic");
  assert.equal(guessProvider("gpt-4o-mini"), "openai");
  assert.equal(guessProvider("o3-mini"), "openai");
  assert.equal(guessProvider("gemini-2.5-pro"), "google");
  assert.equal(guessProvider("deepseek-chat"), "deepseek");
  assert.equal(guessProvider("grok-4"), "xai");
  assert.equal(guessProvider("codestral-latest"), "mistral");
  assert.equal(guessProvider("kimi-k2"), "moonshot");
  assert.equal(guessProvider("qwen-max"), "dashscope");
  assert.equal(guessProvider("x-ai/grok-4"), "xai");
  assert.equal(guessProvider("llama-3.3-70b-versatile"), undefined);
  assert.equal(guessProvider("omni-moderation-latest"), undefined);
});
