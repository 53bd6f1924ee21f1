import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runCli } from "./run-cli.ts";

describe("llmux main", () => {
  it("--help lists every command and exits 0", async () => {
    const result = await runCli(["--help"]);
    assert.equal(result.code, 0);
    for (const name of ["gateway", "demo", "chat", "vision", "compare", "models", "plan", "status", "usage", "config"]) {
      assert.match(result.stdout, new RegExp(`^  ${name} `, "m"), `help lists ${name}`);
    }
  });

  it("an unknown command is a usage error (exit 2) naming the known ones", async () => {
    const result = await runCli(["frobnicate"]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /unknown command "frobnicate"/);
    assert.match(result.stderr, /chat/);
    assert.equal(result.stdout, "");
  });

  it("no command prints the help on stderr with exit 2", async () => {
    const result = await runCli([]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /Usage: llmux <command>/);
  });

  it("each command has its own --help (and help COMMAND)", async () => {
    for (const argv of [["chat", "--help"], ["help", "chat"], ["chat", "-h", "--model", "x"]]) {
      const result = await runCli(argv);
      assert.equal(result.code, 0, argv.join(" "));
      assert.match(result.stdout, /Usage: llmux chat/);
    }
    const gateway = await runCli(["gateway", "start", "--help"]);
    assert.equal(gateway.code, 0);
    assert.match(gateway.stdout, /llmux gateway start \[--config FILE\]/);
  });

  it("an unknown option is a usage error with a pointer to the command's help", async () => {
    const result = await runCli(["models", "--colour"]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--colour/);
    assert.match(result.stderr, /llmux models --help/);
  });

  it("--version prints the package version", async () => {
    const result = await runCli(["--version"]);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /^llmux \d+\.\d+\.\d+/);
  });
});
