import assert from "node:assert/strict";
import { test } from "node:test";
import { matchesComponent, selectModelPatterns } from "../../src/status/match-component.ts";

test("a string pattern matches the whole name or the name without its parenthetical", () => {
  assert.equal(matchesComponent("Claude API (api.anthropic.com)", ["Claude API"]), true);
  assert.equal(matchesComponent("claude api", ["Claude API"]), true);
  assert.equal(matchesComponent("Claude API", ["API"]), false);
  assert.equal(matchesComponent("Batch API", ["API"]), false);
  assert.equal(matchesComponent("API", ["api"]), true);
  assert.equal(matchesComponent("Chat Completions", []), false);
});

test("a RegExp pattern is tested against the full name, also when global", () => {
  const pattern = /completions/gi;
  assert.equal(matchesComponent("Chat Completions", [pattern]), true);
  assert.equal(matchesComponent("Chat Completions", [pattern]), true);
  assert.equal(matchesComponent("Images", [pattern]), false);
});

test("model rules pick narrower components, else the provider's own", () => {
  const rules = [
    { model: /^gpt-image/, components: ["Images"] },
    { model: "text-embedding", components: ["Embeddings"] },
  ];
  assert.deepEqual(selectModelPatterns("gpt-image-1", rules, ["API"]), ["Images"]);
  assert.deepEqual(selectModelPatterns("Text-Embedding-3-small", rules, ["API"]), ["Embeddings"]);
  assert.deepEqual(selectModelPatterns("gpt-5.1", rules, ["API"]), ["API"]);
  assert.deepEqual(selectModelPatterns("gpt-5.1", undefined, ["API"]), ["API"]);
});
