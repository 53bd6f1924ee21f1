import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Usage } from "../../src/core/types/response.ts";
import { computeCost, createCatalog, defaultCatalog as catalog } from "../../src/catalog/index.ts";

function usage(fields: Partial<Usage>): Usage {
  return { inputTokens: undefined, outputTokens: undefined, cacheReadTokens: undefined, cacheWriteTokens: undefined, reasoningTokens: undefined, ...fields };
}

function assertUsd(actual: number | undefined, expected: number): void {
  assert.ok(actual !== undefined, "cost is unknown");
  assert.ok(Math.abs(actual - expected) < 1e-12, `expected ${expected}, got ${actual}`);
}

describe("catalog.costOf", () => {
  it("bills input and output per million tokens", () => {
    // gpt-4o: $2.50 in, $10 out.
    assertUsd(catalog.costOf("gpt-4o", usage({ inputTokens: 1_000_000, outputTokens: 100_000 })), 2.5 + 1);
    assertUsd(catalog.costOf("gpt-4o", usage({ inputTokens: 1_234, outputTokens: 567 })), (1_234 * 2.5 + 567 * 10) / 1e6);
  });

  it("bills cache reads and writes at their own prices, out of the input count", () => {
    // claude-sonnet-4-6: $3 in, $15 out, $0.30 cache read, $3.75 cache write.
    const cost = catalog.costOf(
      "claude-sonnet-4-6",
      usage({ inputTokens: 10_000, cacheReadTokens: 6_000, cacheWriteTokens: 3_000, outputTokens: 500 }),
    );
    assertUsd(cost, (1_000 * 3 + 6_000 * 0.3 + 3_000 * 3.75 + 500 * 15) / 1e6);
  });

  it("bills cache tokens at the input price when the model lists no cache price", () => {
    // o3-pro lists no cache prices: $20 in, $80 out.
    const cost = catalog.costOf("o3-pro", usage({ inputTokens: 1_000, cacheReadTokens: 400, outputTokens: 10 }));
    assertUsd(cost, (1_000 * 20 + 10 * 80) / 1e6);
  });

  it("counts reasoning tokens once, inside output", () => {
    const withReasoning = catalog.costOf("o3", usage({ inputTokens: 100, outputTokens: 1_000, reasoningTokens: 800 }));
    assertUsd(withReasoning, (100 * 2 + 1_000 * 8) / 1e6);
  });

  it("switches to the long-context rate card above its threshold", () => {
    // gemini-2.5-pro: $1.25/$10 up to 200k prompt tokens, $2.50/$15 above.
    assertUsd(catalog.costOf("gemini-2.5-pro", usage({ inputTokens: 200_000, outputTokens: 1_000 })), (200_000 * 1.25 + 1_000 * 10) / 1e6);
    assertUsd(catalog.costOf("gemini-2.5-pro", usage({ inputTokens: 200_001, outputTokens: 1_000 })), (200_001 * 2.5 + 1_000 * 15) / 1e6);
    // qwen3-max has two tiers; the highest one exceeded applies.
    assertUsd(catalog.costOf("qwen3-max", usage({ inputTokens: 150_000, outputTokens: 0 })), (150_000 * 3) / 1e6);
  });

  it("answers undefined, not 0, when usage is unknown", () => {
    assert.equal(catalog.costOf("gpt-4o", usage({})), undefined);
    assert.equal(catalog.costOf("gpt-4o", usage({ inputTokens: 100 })), undefined);
    assert.equal(catalog.costOf("gpt-4o", usage({ outputTokens: 100 })), undefined);
  });

  it("answers undefined for an unknown model or a provider that does not serve it", () => {
    assert.equal(catalog.costOf("no-such-model", usage({ inputTokens: 1, outputTokens: 1 })), undefined);
    assert.equal(catalog.costOf("gpt-4o", usage({ inputTokens: 1, outputTokens: 1 }), "anthropic"), undefined);
  });

  it("answers 0 for zero tokens (known and free is not unknown)", () => {
    assert.equal(catalog.costOf("gpt-4o", usage({ inputTokens: 0, outputTokens: 0 })), 0);
  });

  it("uses the serving provider's own price when listed, else the home price", () => {
    const call = usage({ inputTokens: 1_000_000, outputTokens: 1_000_000 });
    assertUsd(catalog.costOf("llama-3.3-70b-versatile", call), 0.59 + 0.79);
    assertUsd(catalog.costOf("llama-3.3-70b-versatile", call, "groq"), 0.59 + 0.79);
    assertUsd(catalog.costOf("llama-3.3-70b-versatile", call, "together"), 0.88 + 0.88);
    // OpenRouter passes the vendor's list price through for first-party models.
    assertUsd(catalog.costOf("claude-haiku-4-5", call, "openrouter"), 1 + 5);
  });

  it("bills local Ollama models at 0", () => {
    const call = usage({ inputTokens: 5_000, outputTokens: 2_000 });
    assert.equal(catalog.costOf("gemma-3-27b", call), 0);
    assert.equal(catalog.costOf("llama-3.3-70b-versatile", call, "ollama"), 0);
  });

  it("answers undefined for a user-added model without a price", () => {
    const custom = createCatalog({ overrides: [{ id: "in-house-7b", provider: "ollama", contextWindow: 8_192, maxOutputTokens: 2_048 }] });
    assert.equal(custom.costOf("in-house-7b", usage({ inputTokens: 10, outputTokens: 10 })), undefined);
  });
});

describe("computeCost", () => {
  it("never bills negative plain input when cache counts exceed the input count", () => {
    const cost = computeCost({ input: 1, output: 2, cacheRead: 0.5 }, usage({ inputTokens: 100, cacheReadTokens: 150, outputTokens: 0 }));
    assertUsd(cost, (150 * 0.5) / 1e6);
  });
});
