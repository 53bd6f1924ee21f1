import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runCli } from "./run-cli.ts";

/** The MODEL column of a models table (rows after the header, up to the blank line). */
function listedModels(stdout: string): string[] {
  const [table = ""] = stdout.split("\n\n");
  return table
    .split("\n")
    .slice(1)
    .map((line) => line.split(/\s+/)[0] ?? "");
}

describe("llmux models", () => {
  it("lists the models matching the query with context, prices and capabilities", async () => {
    const result = await runCli(["models", "claude"]);
    assert.equal(result.code, 0, result.stderr);
    const models = listedModels(result.stdout);
    assert.ok(models.length >= 3, result.stdout);
    for (const model of models) assert.match(model, /^claude-/);
    assert.match(result.stdout, /CONTEXT.*IN \$\/M.*OUT \$\/M.*CAPABILITIES/);
    assert.match(result.stdout, /claude-sonnet-4-6 .*\$3\.00 +\$15\.00/);
    assert.doesNotMatch(result.stdout, /\(deprecated\)/);
  });

  it("marks the providers configured in the environment", async () => {
    const bare = await runCli(["models", "claude-sonnet-4-6"]);
    assert.doesNotMatch(bare.stdout, /anthropic\*/);
    assert.match(bare.stdout, /No provider is configured/);
    const configured = await runCli(["models", "claude-sonnet-4-6"], { env: { ANTHROPIC_API_KEY: "sk-ant-test" } });
    assert.match(configured.stdout, /anthropic\* openrouter(?!\*)/);
    assert.doesNotMatch(configured.stdout, /sk-ant-test/);
  });

  it("--provider filters, --json gives full entries, and nothing found exits 1", async () => {
    const groq = await runCli(["models", "--provider", "groq", "--json"]);
    assert.equal(groq.code, 0, groq.stderr);
    const entries = JSON.parse(groq.stdout) as Array<{ id: string; servedBy: Array<{ id: string; configured: boolean }> }>;
    assert.ok(entries.length > 0);
    for (const entry of entries) assert.ok(entry.servedBy.some((provider) => provider.id === "groq"), entry.id);
    const none = await runCli(["models", "no-such-model-anywhere"]);
    assert.equal(none.code, 1);
    assert.match(none.stdout, /No model matches/);
    const bad = await runCli(["models", "--provider", "acme"]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /Unknown provider "acme"/);
  });
});
