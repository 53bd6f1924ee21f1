import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { ConfigError } from "../../src/core/errors.ts";
import { InvalidConfigError } from "../../src/config/config-issue.ts";
import { loadConfigFile } from "../../src/config/load-config-file.ts";

const directory = mkdtempSync(join(tmpdir(), "llmux-config-"));
after(() => rmSync(directory, { recursive: true, force: true }));

describe("loadConfigFile", () => {
  it("loads a file with the given environment", () => {
    const path = join(directory, "llmux.yaml");
    writeFileSync(path, "server:\n  port: ${PORT}\nproviders:\n  openai:\n    keys: [sk-in-file]\n");
    const { config, warnings } = loadConfigFile(path, { env: { PORT: "4321" } });
    assert.equal(config.server.port, 4321);
    assert.equal(warnings.length, 1);
    assert.equal(warnings[0]?.file, path);
    assert.equal(warnings[0]?.line, 5);
  });

  it("reads process.env by default", () => {
    const path = join(directory, "env.yaml");
    writeFileSync(path, "server:\n  host: ${LLMUX_TEST_CONFIG_HOST:-fallback-host}\n");
    process.env["LLMUX_TEST_CONFIG_HOST"] = "host-from-process-env";
    try {
      assert.equal(loadConfigFile(path).config.server.host, "host-from-process-env");
    } finally {
      delete process.env["LLMUX_TEST_CONFIG_HOST"];
    }
    assert.equal(loadConfigFile(path).config.server.host, "fallback-host");
  });

  it("names the file and line of every problem", () => {
    const path = join(directory, "bad.yaml");
    writeFileSync(path, "server:\n  port: nope\nretries: { maxPerCandidate: x }\n");
    assert.throws(
      () => loadConfigFile(path, { env: {} }),
      (error: unknown) =>
        error instanceof InvalidConfigError &&
        error.file === path &&
        error.message === `${path}:2: server.port: expected number, got string\n${path}:3: retries.maxPerCandidate: expected number, got string`,
    );
  });

  it("throws a ConfigError for a missing file", () => {
    const path = join(directory, "absent.yaml");
    assert.throws(
      () => loadConfigFile(path),
      (error: unknown) => error instanceof ConfigError && error.file === path && error.message === `${path}: file not found`,
    );
  });
});
