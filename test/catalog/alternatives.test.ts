import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createCatalog, defaultCatalog as catalog, type Alternative } from "../../src/catalog/index.ts";

function peersOf(alternatives: Alternative[]): Alternative[] {
  return alternatives.filter((alternative) => alternative.kind === "peer");
}

describe("catalog.alternatives", () => {
  it("puts the same model through other providers first, OpenRouter last among them", () => {
    const alternatives = catalog.alternatives("llama-3.3-70b-versatile");
    assert.deepEqual(
      alternatives.slice(0, 3).map((alternative) => [alternative.kind, alternative.provider, alternative.providerModelId, alternative.reason]),
      [
        ["same-model", "together", "meta-llama/Llama-3.3-70B-Instruct-Turbo", "same model via together"],
        ["same-model", "ollama", "llama3.3:70b", "same model via ollama"],
        ["same-model", "openrouter", "meta-llama/llama-3.3-70b-instruct", "same model via openrouter"],
      ],
    );
    assert.equal(alternatives[3]?.kind, "peer");
  });

  it("starts a Claude model's list with the same model via OpenRouter", () => {
    const [first] = catalog.alternatives("claude-sonnet-4-6");
    assert.deepEqual(first, {
      modelId: "claude-sonnet-4-6",
      provider: "openrouter",
      providerModelId: "anthropic/claude-sonnet-4.6",
      kind: "same-model",
      reason: "same model via openrouter",
    });
  });

  it("offers only current same-tier peers from other vendors", () => {
    const source = catalog.find("claude-sonnet-4-6");
    assert.ok(source !== undefined);
    const peers = peersOf(catalog.alternatives(source.id));
    assert.ok(peers.length >= 5);
    for (const peer of peers) {
      const model = catalog.find(peer.modelId);
      assert.ok(model !== undefined);
      assert.equal(model.tier, source.tier, peer.modelId);
      assert.notEqual(model.vendor, source.vendor, peer.modelId);
      assert.equal(model.deprecated, undefined, peer.modelId);
      assert.equal(peer.provider, model.provider);
      assert.match(peer.reason, /^peer: balanced tier, /);
    }
  });

  it("ranks peers by capability match first and says what a peer lacks", () => {
    const peers = peersOf(catalog.alternatives("claude-sonnet-4-6"));
    const lacking = peers.map((peer) => (peer.reason.match(/lacks ([^)]*)/)?.[1] ?? "").split(", ").filter(Boolean).length);
    assert.deepEqual(lacking, [...lacking].sort((left, right) => left - right), "fewest missing capabilities first");
    assert.equal(lacking[0], 0);
    assert.equal(peers[0]?.reason, "peer: balanced tier, vision+tools+jsonSchema+reasoning");
    const grok3 = peers.find((peer) => peer.modelId === "grok-3");
    assert.equal(grok3?.reason, "peer: balanced tier, tools+jsonSchema (lacks vision, reasoning), smaller context (131k)");
  });

  it("takes each vendor's best peer before a vendor's second", () => {
    const peers = peersOf(catalog.alternatives("claude-sonnet-4-6"));
    const fullMatches = peers.filter((peer) => !peer.reason.includes("lacks"));
    const vendors = fullMatches.map((peer) => catalog.find(peer.modelId)?.vendor);
    const firstRepeat = vendors.findIndex((vendor, position) => vendors.indexOf(vendor) !== position);
    assert.ok(firstRepeat > 0);
    assert.equal(new Set(vendors.slice(0, firstRepeat)).size, firstRepeat, "no vendor twice before all have had a turn");
    assert.equal(new Set(vendors).size, firstRepeat, "every vendor appears before the first repeat");
  });

  it("prefers the cheaper of two equally capable peers", () => {
    // Both lack nothing a plain text model needs and fit the context: price decides.
    const custom = createCatalog({
      overrides: [
        { id: "plain-source", provider: "openrouter", vendor: "acme", tier: "fast", contextWindow: 8_000, maxOutputTokens: 1_000 },
        { id: "pricey-peer", provider: "openrouter", vendor: "beta", tier: "fast", contextWindow: 8_000, maxOutputTokens: 1_000, pricing: { input: 9, output: 9 } },
        { id: "cheap-peer", provider: "openrouter", vendor: "gamma", tier: "fast", contextWindow: 8_000, maxOutputTokens: 1_000, pricing: { input: 0.01, output: 0.02 } },
      ],
    });
    const ids = custom.alternatives("plain-source").map((alternative) => alternative.modelId);
    assert.ok(ids.indexOf("cheap-peer") < ids.indexOf("pricey-peer"));
  });

  it("is deterministic, honours a limit, and answers [] for an unknown model", () => {
    assert.deepEqual(catalog.alternatives("gpt-4o-mini"), catalog.alternatives("GPT-4o-mini"));
    assert.equal(catalog.alternatives("gpt-4o-mini", { limit: 3 }).length, 3);
    assert.deepEqual(catalog.alternatives("gpt-4o-mini", { limit: 0 }), []);
    assert.deepEqual(catalog.alternatives("no-such-model"), []);
  });

  it("still suggests substitutes for a deprecated model", () => {
    const alternatives = catalog.alternatives("kimi-k2");
    assert.deepEqual(
      alternatives.filter((alternative) => alternative.kind === "same-model").map((alternative) => alternative.provider),
      ["groq", "openrouter"],
    );
    assert.ok(peersOf(alternatives).length > 0);
  });
});
