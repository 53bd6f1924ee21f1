import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { defaultCatalog as catalog } from "../../src/catalog/index.ts";

function ids(text: string): string[] {
  return catalog.search(text).map((model) => model.id);
}

describe("catalog.search", () => {
  it("puts an exact id first, ahead of ids it prefixes", () => {
    const found = ids("gpt-5");
    assert.equal(found[0], "gpt-5");
    assert.ok(found.includes("gpt-5-mini") && found.includes("gpt-5.6"));
    assert.equal(ids("o3")[0], "o3");
  });

  it("finds a model by an exact alias or provider id", () => {
    assert.equal(ids("claude-sonnet-4-5-20250929")[0], "claude-sonnet-4-5");
    assert.equal(ids("anthropic/claude-opus-4.5")[0], "claude-opus-4-5");
  });

  it("ranks id prefixes above substrings, and newer models first on a tie", () => {
    const found = ids("sonnet");
    assert.deepEqual(found.slice(0, 2), ["claude-sonnet-5-5", "claude-sonnet-5"]);
    assert.ok(found.every((id) => id.includes("sonnet")));
    const flash = ids("flash");
    assert.ok(flash.indexOf("gemini-3.8-flash") < flash.indexOf("gemini-2.0-flash"));
  });

  it("requires every word to match, and treats dots and dashes alike", () => {
    assert.deepEqual(ids("sonnet 4.6"), ["claude-sonnet-4-6"]);
    assert.deepEqual(ids("claude 4-5 haiku"), ["claude-haiku-4-5"]);
    assert.deepEqual(ids("sonnet grok"), []);
  });

  it("matches families, vendors and providers", () => {
    const opus = ids("claude-opus");
    assert.ok(opus.length >= 6 && opus.every((id) => id.startsWith("claude-opus")));
    const meta = ids("meta");
    assert.ok(meta.includes("llama-3.3-70b-versatile") && meta.includes("llama-3.2-3b"));
    const groq = ids("groq");
    // Home models first, then models groq also serves.
    assert.equal(catalog.find(groq[0] ?? "")?.provider, "groq");
    assert.ok(groq.includes("kimi-k2"), "groq serves kimi-k2 for moonshot");
    const firstServedOnly = groq.findIndex((id) => catalog.find(id)?.provider !== "groq");
    assert.ok(groq.slice(firstServedOnly).every((id) => catalog.find(id)?.provider !== "groq"));
  });

  it("lists deprecated models after current ones that score the same", () => {
    const found = ids("kimi-k2");
    assert.equal(found[0], "kimi-k2");
    const thinking = found.indexOf("kimi-k2-thinking");
    const current = found.indexOf("kimi-k2.6");
    assert.ok(current >= 0 && thinking > current);
  });

  it("answers [] for blank or unmatched text", () => {
    assert.deepEqual(ids(""), []);
    assert.deepEqual(ids("   "), []);
    assert.deepEqual(ids("zzzz-no-such"), []);
  });
});
