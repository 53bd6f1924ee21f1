import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { defaultConfig } from "../../src/config/default-config.ts";
import { parseConfigText } from "../../src/config/parse-config-text.ts";

describe("defaultConfig", () => {
  const config = defaultConfig();

  it("listens on loopback with bounded bodies and timeouts", () => {
    assert.deepEqual(config.server, {
      host: "127.0.0.1",
      port: 9880,
      bodyLimit: 10 * 1024 * 1024,
      headersTimeoutMs: 60_000,
      bodyTimeoutMs: 300_000,
      shutdownDeadlineMs: 10_000,
      memory: "lean",
    });
  });

  it("configures no providers, fallbacks, tiers or modes of its own", () => {
    assert.deepEqual(config.providers, {});
    assert.deepEqual(config.fallbackProviders, []);
    assert.deepEqual(config.fallbacks, {});
    assert.deepEqual(config.tiers, {});
    assert.deepEqual(config.modes, {});
    assert.equal(config.mode, undefined);
    assert.deepEqual(config.catalog, { models: [] });
    assert.deepEqual(config.cooldowns, {});
  });

  it("routes by priority, auto tier fast/strong, no continuation", () => {
    assert.deepEqual(config.routing, { strategy: "priority", weights: {}, autoTier: { simple: "fast", complex: "strong" }, continuation: false });
  });

  it("has timeouts from connection to whole request, and modest retries", () => {
    assert.deepEqual(config.timeouts, { connectMs: 10_000, firstTokenMs: 120_000, idleMs: 60_000, attemptMs: 300_000, totalMs: 600_000 });
    assert.deepEqual(config.retries, { maxPerCandidate: 1, backoffBaseMs: 250, backoffMaxMs: 4_000, maxRetryAfterMs: 10_000 });
  });

  it("has auth off, usage in SQLite, status checks on", () => {
    assert.deepEqual(config.auth, { enabled: false, keys: [] });
    assert.deepEqual(config.usage, { enabled: true, store: { kind: "sqlite", path: ".llmux/usage.db" } });
    assert.deepEqual(config.status, { enabled: true, statusPages: false, checkTimeoutMs: 2_000 });
  });

  it("is what an empty file gives, and a fresh object each call", () => {
    assert.deepEqual(parseConfigText("", "llmux.yaml", {}).config, config);
    const first = defaultConfig();
    first.fallbackProviders.push("openrouter");
    assert.deepEqual(defaultConfig().fallbackProviders, []);
  });

  it("fills the fields a section leaves out", () => {
    const { config: partial } = parseConfigText("server: { port: 9999 }\nusage: { store: { kind: sqlite } }\ntimeouts: { idleMs: 5 }\n", "llmux.yaml", {});
    assert.deepEqual(partial.server, { ...config.server, port: 9999 });
    assert.deepEqual(partial.usage.store, { kind: "sqlite", path: ".llmux/usage.db" });
    assert.deepEqual(partial.timeouts, { ...config.timeouts, idleMs: 5 });
  });
});
