import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { verifyKey } from "../../src/config/index.ts";
import { runCli } from "./run-cli.ts";

const directory = mkdtempSync(join(tmpdir(), "llmux-cli-init-"));
after(() => rmSync(directory, { recursive: true, force: true }));

describe("llmux gateway init", () => {
  it("writes llmux.yaml in the working directory, and the file validates", async () => {
    const result = await runCli(["gateway", "init"], { cwd: directory });
    assert.equal(result.code, 0, result.stderr);
    const path = join(directory, "llmux.yaml");
    assert.ok(existsSync(path));
    assert.match(readFileSync(path, "utf8"), /^server:/m);
    const validated = await runCli(["config", "validate", "llmux.yaml"], { cwd: directory });
    assert.equal(validated.code, 0, validated.stderr);
    assert.match(validated.stdout, /valid/);
  });

  it("refuses to overwrite an existing file unless --force is given", async () => {
    const path = join(directory, "mine.yaml");
    writeFileSync(path, "# my edits\n");
    const refused = await runCli(["gateway", "init", "mine.yaml"], { cwd: directory });
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /already exists.*--force/);
    assert.equal(readFileSync(path, "utf8"), "# my edits\n");

    const forced = await runCli(["gateway", "init", "mine.yaml", "--force"], { cwd: directory });
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(readFileSync(path, "utf8"), /^server:/m);
  });
});

describe("llmux gateway key create", () => {
  it("prints a new key once and a hash entry that verifies it", async () => {
    const result = await runCli(["gateway", "key", "create", "--id", "laptop"]);
    assert.equal(result.code, 0, result.stderr);
    const key = /^\s+(llmux_[A-Za-z0-9_-]+)$/m.exec(result.stdout)?.[1];
    const hash = /^\s+hash: (sha256:[0-9a-f]{64})$/m.exec(result.stdout)?.[1];
    assert.ok(key, result.stdout);
    assert.ok(hash, result.stdout);
    assert.match(result.stdout, /^\s+- id: laptop$/m);
    assert.equal(verifyKey(key, hash), true);
    assert.equal(result.stdout.split(key).length - 1, 1, "the key is printed exactly once");
  });

  it("gives each key a fresh value and rejects an id that would break the YAML", async () => {
    const first = await runCli(["gateway", "key", "create"]);
    const second = await runCli(["gateway", "key", "create"]);
    assert.notEqual(/llmux_\S+/.exec(first.stdout)?.[0], /llmux_\S+/.exec(second.stdout)?.[0]);
    const bad = await runCli(["gateway", "key", "create", "--id", "a: b"]);
    assert.equal(bad.code, 2);
    const noAction = await runCli(["gateway", "key"]);
    assert.equal(noAction.code, 2);
  });
});
