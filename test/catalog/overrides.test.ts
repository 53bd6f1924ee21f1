import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ConfigError } from "../../src/core/errors.ts";
import { createCatalog, defaultCatalog, type ModelOverride } from "../../src/catalog/index.ts";

const oneMillionEach = {
  inputTokens: 1_000_000,
  outputTokens: 1_000_000,
  cacheReadTokens: undefined,
  cacheWriteTokens: undefined,
  reasoningTokens: undefined,
};

describe("createCatalog overrides", () => {
  it("changes only the fields given (a price, field by field)", () => {
    const catalog = createCatalog({ overrides: [{ id: "gpt-4o", pricing: { input: 2 } }] });
    const model = catalog.find("gpt-4o");
    assert.equal(model?.pricing?.input, 2);
    assert.equal(model?.pricing?.output, 10);
    assert.equal(model?.pricing?.cacheRead, 1.25);
    assert.equal(model?.contextWindow, 128_000);
    assert.deepEqual(model?.aliases, defaultCatalog.find("gpt-4o")?.aliases);
    assert.equal(catalog.costOf("gpt-4o", oneMillionEach), 12);
    // The shared default catalog is untouched.
    assert.equal(defaultCatalog.costOf("gpt-4o", oneMillionEach), 12.5);
  });

  it("finds the model to change by alias or provider id", () => {
    const catalog = createCatalog({
      overrides: [
        { id: "claude-sonnet-4-5-20250929", pricing: { output: 12 } },
        { id: "meta-llama/Llama-3.3-70B-Instruct-Turbo", providerPricing: { together: { input: 0.5 } } },
      ],
    });
    assert.equal(catalog.find("claude-sonnet-4-5")?.pricing?.output, 12);
    assert.equal(catalog.all().length, defaultCatalog.all().length, "no model was added");
    assert.deepEqual(catalog.find("llama-3.3-70b-versatile")?.providerPricing?.together, { input: 0.5, output: 0.88 });
  });

  it("adds aliases and provider ids to a bundled model", () => {
    const catalog = createCatalog({
      overrides: [{ id: "claude-sonnet-4-6", aliases: ["house-sonnet"], providerIds: { openrouter: "anthropic/claude-sonnet-4.6:beta" } }],
    });
    assert.equal(catalog.find("house-sonnet")?.id, "claude-sonnet-4-6");
    assert.equal(catalog.find("claude-sonnet-4-6")?.aliases.includes("house-sonnet"), true);
    assert.equal(catalog.providerModelId("house-sonnet", "openrouter"), "anthropic/claude-sonnet-4.6:beta");
    assert.equal(defaultCatalog.find("house-sonnet"), undefined);
  });

  it("adds a new model, with defaults for what it leaves out", () => {
    const catalog = createCatalog({
      overrides: [
        {
          id: "acme-large",
          provider: "openrouter",
          providerIds: { openrouter: "acme/large" },
          contextWindow: 64_000,
          maxOutputTokens: 4_000,
          capabilities: { tools: true },
          pricing: { input: 1, output: 3 },
        },
      ],
    });
    const model = catalog.find("acme/large");
    assert.equal(model?.id, "acme-large");
    assert.equal(model?.tier, "balanced");
    assert.deepEqual(model?.capabilities, { vision: false, tools: true, jsonSchema: false, reasoning: false, streaming: true });
    assert.equal(catalog.costOf("acme-large", oneMillionEach), 4);
    assert.equal(catalog.all().length, defaultCatalog.all().length + 1);
    assert.ok(catalog.search("acme").some((found) => found.id === "acme-large"));
  });

  it("places a new model by its name when no provider is given", () => {
    const catalog = createCatalog({ overrides: [{ id: "grok-9-preview", contextWindow: 1_000_000, maxOutputTokens: 64_000 }] });
    assert.equal(catalog.find("grok-9-preview")?.provider, "xai");
  });

  it("lets a later override refine a model an earlier one added", () => {
    const catalog = createCatalog({
      overrides: [
        { id: "acme-small", provider: "together", contextWindow: 32_000, maxOutputTokens: 4_000 },
        { id: "acme-small", pricing: { input: 0.2, output: 0.4 } },
      ],
    });
    assert.deepEqual(catalog.find("acme-small")?.pricing, { input: 0.2, output: 0.4 });
  });

  it("rejects overrides that are malformed or leave the catalog inconsistent, naming the field", () => {
    const cases: Array<[string, unknown, RegExp]> = [
      ["negative price", [{ id: "gpt-4o", pricing: { input: -1 } }], /overrides\.0\.pricing\.input/],
      ["unknown provider", [{ id: "x", provider: "acme", contextWindow: 1, maxOutputTokens: 1 }], /overrides\.0\.provider/],
      ["unknown field", [{ id: "gpt-4o", prices: { input: 1 } }], /overrides\.0/],
      ["new model without limits", [{ id: "acme-x", provider: "together" }], /contextWindow/],
      ["new model nobody can place", [{ id: "mystery", contextWindow: 10, maxOutputTokens: 10 }], /provider/],
      ["new price without output", [{ id: "acme-y", provider: "together", contextWindow: 10, maxOutputTokens: 10, pricing: { input: 1 } }], /input and output/],
      ["output above context", [{ id: "gpt-4o", maxOutputTokens: 500_000 }], /exceeds contextWindow/],
      ["alias that is another model's id", [{ id: "gpt-4o", aliases: ["gpt-4.1"] }], /alias gpt-4\.1 is the id of gpt-4\.1/],
    ];
    for (const [label, overrides, message] of cases) {
      assert.throws(
        () => createCatalog({ overrides: overrides as ModelOverride[] }),
        (error: unknown) => error instanceof ConfigError && message.test(error.message),
        label,
      );
    }
  });
});
