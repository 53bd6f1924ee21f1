import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { runCli } from "./run-cli.ts";

const directory = mkdtempSync(join(tmpdir(), "llmux-cli-config-"));
after(() => rmSync(directory, { recursive: true, force: true }));

function writeConfig(name: string, text: string): string {
  const path = join(directory, name);
  writeFileSync(path, text);
  return path;
}

describe("llmux config validate", () => {
  it("says valid and exits 0 for a good file", async () => {
    const path = writeConfig("good.yaml", "server:\n  port: 9999\ntiers:\n  fast: [gpt-4.1-mini]\n");
    const result = await runCli(["config", "validate", path]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, `${path}: valid\n`);
  });

  it("lists every error as file:line: field: message and exits 1", async () => {
    const path = writeConfig("bad.yaml", ["server:", "  port: not-a-port", "providers:", "  openai:", "    keyz: []", ""].join("\n"));
    const result = await runCli(["config", "validate", path]);
    assert.equal(result.code, 1);
    assert.equal(result.stdout, "");
    const lines = result.stderr.trim().split("\n");
    assert.equal(lines.length, 2, result.stderr);
    assert.match(lines[0] ?? "", new RegExp(`^${escape(path)}:2: server\\.port: `));
    assert.match(lines[1] ?? "", new RegExp(`^${escape(path)}:5: providers\\.openai\\.keyz: `));
  });

  it("resolves ${VAR} from the environment it is given", async () => {
    const path = writeConfig("env.yaml", "server:\n  port: ${LLMUX_TEST_PORT}\n");
    const unset = await runCli(["config", "validate", path]);
    assert.equal(unset.code, 1);
    assert.match(unset.stderr, /:2: .*LLMUX_TEST_PORT/);
    const set = await runCli(["config", "validate", path], { env: { LLMUX_TEST_PORT: "9100" } });
    assert.equal(set.code, 0, set.stderr);
  });

  it("a missing file is a failure (exit 1) naming it; no file is a usage error (exit 2)", async () => {
    const missing = await runCli(["config", "validate", join(directory, "nope.yaml")]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /nope\.yaml: file not found/);
    const none = await runCli(["config", "validate"]);
    assert.equal(none.code, 2);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
