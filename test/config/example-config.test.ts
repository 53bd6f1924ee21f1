import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parse } from "yaml";
import { exampleConfig } from "../../src/config/example-config.ts";
import { parseConfigText } from "../../src/config/parse-config-text.ts";
import { resolveMode } from "../../src/config/resolve-mode.ts";
import { configSchema } from "../../src/config/schema.ts";

describe("exampleConfig", () => {
  it("validates as written, with no environment and no warnings", () => {
    const { config, warnings } = parseConfigText(exampleConfig(), "llmux.yaml", {});
    assert.deepEqual(warnings, []);
    assert.equal(config.server.port, 9880);
    assert.equal(config.providers["local-vllm"]?.dialect, "openai-chat");
  });

  it("takes its settings from the environment where it says so", () => {
    const { config } = parseConfigText(exampleConfig(), "llmux.yaml", { LLMUX_PORT: "9090", VLLM_URL: "http://gpu:8000/v1" });
    assert.equal(config.server.port, 9090);
    assert.equal(config.providers["local-vllm"]?.baseUrl, "http://gpu:8000/v1");
  });

  it("writes out every section, each with a comment", () => {
    const text = exampleConfig();
    const written = Object.keys(parse(text) as Record<string, unknown>);
    const sections = Object.keys(configSchema.shape).filter((name) => name !== "mode");
    assert.deepEqual(written.sort(), sections.sort());
    // `mode` is shown commented out, since setting it changes behaviour.
    assert.match(text, /^# mode: /m);
    const lines = text.split("\n");
    for (const section of sections) {
      const index = lines.findIndex((line) => line.startsWith(`${section}:`));
      assert.ok(lines[index - 1]?.startsWith("#"), `section ${section} has no comment above it`);
    }
  });

  it("has modes that resolve", () => {
    const { config } = parseConfigText(exampleConfig(), "llmux.yaml", {});
    for (const name of Object.keys(config.modes)) assert.equal(resolveMode(config, name).mode, name);
    assert.equal(resolveMode(config, "cheap").routing.strategy, "cost");
  });
});
