import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { defaultCatalog, providerIds, tiers } from "../../src/catalog/index.ts";

const models = defaultCatalog.all();

/** Names the router tests rely on. */
const requiredNames = [
  "claude-sonnet-4-6",
  "claude-haiku-4-5",
  "claude-opus-4-5",
  "gpt-4o",
  "gpt-4o-mini",
  "gpt-4.1",
  "gpt-4.1-mini",
  "gpt-5",
  "gpt-5-mini",
  "o3",
  "o4-mini",
  "gemini-2.0-flash",
  "gemini-2.5-flash",
  "gemini-2.5-pro",
  "deepseek-chat",
  "deepseek-reasoner",
  "mistral-large-latest",
  "grok-4",
  "llama-3.3-70b-versatile",
  "kimi-k2",
  "qwen-max",
  "qwen-plus",
];

describe("bundled catalog data", () => {
  it("holds at least 80 models", () => {
    assert.ok(models.length >= 80, `only ${models.length} models`);
  });

  it("has a home model and a source note for every provider", () => {
    for (const provider of providerIds) {
      assert.ok(
        models.some((model) => model.provider === provider),
        `no model has ${provider} as its home provider`,
      );
      const note = defaultCatalog.sources()[provider];
      assert.ok(note.source.length > 0 && /^\d{4}-\d{2}/.test(note.checked), `${provider} lacks a source note`);
    }
  });

  it("keeps every required name as a canonical id", () => {
    for (const name of requiredNames) {
      assert.equal(defaultCatalog.find(name)?.id, name, name);
    }
  });

  it("gives every model sane limits", () => {
    for (const model of models) {
      assert.ok(Number.isInteger(model.contextWindow) && model.contextWindow > 0, `${model.id} context`);
      assert.ok(Number.isInteger(model.maxOutputTokens) && model.maxOutputTokens > 0, `${model.id} output`);
      assert.ok(model.maxOutputTokens <= model.contextWindow, `${model.id}: output above context`);
      assert.ok(tiers.includes(model.tier), `${model.id} tier`);
      assert.equal(model.capabilities.streaming, true, `${model.id} streams`);
    }
  });

  it("gives every model sane prices", () => {
    for (const model of models) {
      const pricing = model.pricing;
      assert.ok(pricing !== undefined, `${model.id} has no price`);
      const rateCards = [pricing, ...(pricing.tiers ?? []), ...Object.values(model.providerPricing ?? {})];
      for (const rates of rateCards) {
        assert.ok(rates !== undefined);
        for (const value of [rates.input, rates.output, rates.cacheRead, rates.cacheWrite]) {
          if (value !== undefined) assert.ok(Number.isFinite(value) && value >= 0, `${model.id}: price ${value}`);
        }
        if (rates.cacheRead !== undefined) assert.ok(rates.cacheRead < rates.input, `${model.id}: cacheRead not below input`);
      }
      for (const tier of pricing.tiers ?? []) {
        assert.ok(tier.aboveInputTokens < model.contextWindow, `${model.id}: tier above ${tier.aboveInputTokens} can never apply`);
        assert.ok(tier.input >= pricing.input, `${model.id}: a long-context tier is cheaper than the base`);
      }
      // Only local models are free.
      if (model.provider !== "ollama") assert.ok(pricing.input > 0 && pricing.output > 0, `${model.id} is free`);
    }
  });

  it("uses unique names: no id twice, no alias or provider id shared by two models", () => {
    const owners = new Map<string, string>();
    for (const model of models) {
      const names = new Set([model.id, ...model.aliases, ...Object.values(model.providerIds)].map((name) => name.toLowerCase()));
      for (const name of names) {
        const owner = owners.get(name);
        assert.ok(owner === undefined, `${name} names both ${owner} and ${model.id}`);
        owners.set(name, model.id);
      }
    }
  });

  it("lists provider ids only for real providers, and OpenRouter ids in vendor/model form", () => {
    for (const model of models) {
      for (const [provider, id] of Object.entries(model.providerIds)) {
        assert.ok((providerIds as readonly string[]).includes(provider), `${model.id}: unknown provider ${provider}`);
        if (provider === "openrouter") assert.match(id, /^[a-z0-9-]+\/[a-z0-9.:-]+$/, `${model.id}: ${id}`);
      }
    }
  });

  it("explains every deprecation", () => {
    const deprecated = models.filter((model) => model.deprecated !== undefined);
    assert.ok(deprecated.length > 0);
    for (const model of deprecated) assert.ok((model.deprecated ?? "").length > 10, model.id);
  });

  it("cannot be mutated through the shared default catalog", () => {
    const model = defaultCatalog.find("gpt-4o");
    assert.ok(model?.pricing !== undefined);
    assert.throws(() => {
      (model.pricing as { input: number }).input = 0;
    }, TypeError);
    assert.equal(defaultCatalog.find("gpt-4o")?.pricing?.input, 2.5);
  });
});
