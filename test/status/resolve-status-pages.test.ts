import assert from "node:assert/strict";
import { test } from "node:test";
import { ConfigError } from "../../src/core/errors.ts";
import { defaultStatusPages } from "../../src/status/default-status-pages.ts";
import { resolveStatusPages } from "../../src/status/resolve-status-pages.ts";

test("defaults apply unless overridden or disabled", () => {
  const pages = resolveStatusPages({ anthropic: { baseUrl: "http://127.0.0.1:1/claude" }, groq: false, "x-ai": { baseUrl: "http://xai.test", components: ["API"] } });
  assert.deepEqual(pages.get("anthropic"), { baseUrl: "http://127.0.0.1:1/claude", components: ["Claude API"] });
  assert.equal(pages.has("groq"), false);
  assert.deepEqual(pages.get("openai"), defaultStatusPages["openai"]);
  assert.deepEqual(pages.get("xai"), { baseUrl: "http://xai.test", components: ["API"] });
  assert.deepEqual([...resolveStatusPages(undefined).keys()].sort(), ["anthropic", "deepseek", "groq", "openai"]);
  assert.equal(resolveStatusPages(false).size, 0);
});

test("a page without a default and without a baseUrl is a config error", () => {
  assert.throws(
    () => resolveStatusPages({ mistral: { components: ["API"] } }),
    (error: unknown) => error instanceof ConfigError && error.field === "statusPages.mistral.baseUrl",
  );
});
