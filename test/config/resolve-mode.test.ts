import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ConfigError } from "../../src/core/errors.ts";
import { parseConfigText } from "../../src/config/parse-config-text.ts";
import { resolveMode } from "../../src/config/resolve-mode.ts";
import { yamlLines } from "./helpers.ts";

const text = yamlLines(
  "fallbackProviders: [openrouter, together]",
  "fallbacks:",
  "  gpt-4.1: [claude-sonnet-4-6, gemini-2.5-pro]",
  "  claude-sonnet-4-6: [gpt-4.1]",
  "tiers:",
  "  fast: [gpt-4.1-mini, claude-haiku-4-5]",
  "  strong: [claude-sonnet-4-6]",
  "routing:",
  "  strategy: priority",
  "  weights: { openai: 2, anthropic: 1 }",
  "  autoTier: { simple: fast, complex: strong }",
  "timeouts: { connectMs: 1000, totalMs: 90000 }",
  "server: { port: 5000 }",
  "modes:",
  "  cheap:",
  "    description: cheapest first",
  "    routing:",
  "      strategy: cost",
  "      weights: { anthropic: 5 }",
  "      autoTier: { complex: fast }",
  "    fallbacks:",
  "      gpt-4.1: [gpt-4.1-mini]",
  "    tiers:",
  "      strong: [gpt-4.1-mini]",
  "    fallbackProviders: []",
  "    timeouts: { totalMs: 30000 }",
  "  empty:",
);

const { config } = parseConfigText(text, "llmux.yaml", {});

describe("resolveMode", () => {
  it("merges objects key by key and replaces lists", () => {
    const cheap = resolveMode(config, "cheap");
    assert.equal(cheap.mode, "cheap");
    assert.deepEqual(cheap.routing, {
      strategy: "cost",
      weights: { openai: 2, anthropic: 5 },
      autoTier: { simple: "fast", complex: "fast" },
      continuation: false,
    });
    // One model's chain replaced, the other kept.
    assert.deepEqual(cheap.fallbacks, { "gpt-4.1": ["gpt-4.1-mini"], "claude-sonnet-4-6": ["gpt-4.1"] });
    assert.deepEqual(cheap.tiers, { fast: ["gpt-4.1-mini", "claude-haiku-4-5"], strong: ["gpt-4.1-mini"] });
    // An empty list is a real override: no fallback providers in this mode.
    assert.deepEqual(cheap.fallbackProviders, []);
    assert.deepEqual(cheap.timeouts, { ...config.timeouts, connectMs: 1000, totalMs: 30000 });
  });

  it("leaves sections a mode cannot touch as they are", () => {
    const cheap = resolveMode(config, "cheap");
    assert.deepEqual(cheap.server, config.server);
    assert.deepEqual(cheap.modes, config.modes);
  });

  it("never changes the config it is given", () => {
    const before = structuredClone(config);
    const cheap = resolveMode(config, "cheap");
    cheap.tiers["fast"]?.push("mutated");
    assert.deepEqual(config, before);
  });

  it("applies an empty mode as no change", () => {
    const empty = resolveMode(config, "empty");
    assert.deepEqual({ ...empty, mode: undefined }, { ...config, mode: undefined });
    assert.equal(empty.mode, "empty");
  });

  it("uses the config's own mode by default, and none when unset", () => {
    const { config: withMode } = parseConfigText(`${text}mode: cheap\n`, "llmux.yaml", {});
    assert.equal(resolveMode(withMode).routing.strategy, "cost");
    assert.equal(resolveMode(config).routing.strategy, "priority");
    assert.deepEqual(resolveMode(config), config);
  });

  it("throws a ConfigError naming an unknown mode", () => {
    assert.throws(
      () => resolveMode(config, "chaep"),
      (error: unknown) =>
        error instanceof ConfigError &&
        error.field === "mode" &&
        error.message === "Unknown mode \"chaep\" (defined modes: cheap, empty); did you mean \"cheap\"?",
    );
  });
});
