import assert from "node:assert/strict";
import { test } from "node:test";
import { findProviderRow, providerTable } from "../../src/providers/table.ts";

test("ids are unique and every row's base URL joins cleanly with a dialect path", () => {
  assert.equal(new Set(providerTable.map((row) => row.id)).size, providerTable.length);
  for (const row of providerTable) {
    const url = new URL(row.baseUrl);
    assert.ok(!row.baseUrl.endsWith("/"), row.id);
    assert.ok(row.modelsPath.startsWith("/"), row.id);
    // openai-chat bases carry the version segment; the others leave it to the dialect's path.
    if (row.dialect === "openai-chat") assert.match(url.pathname, /\/v1$/, row.id);
    else assert.doesNotMatch(url.pathname, /\/v1/, row.id);
  }
});

test("OpenAI-compatible vendors are bearer rows with <NAME>_API_KEY and <NAME>_BASE_URL", () => {
  for (const id of ["openai", "openrouter", "deepseek", "mistral", "xai", "groq", "together", "moonshot", "dashscope"]) {
    const row = findProviderRow(id);
    assert.ok(row, id);
    assert.equal(row.dialect, "openai-chat");
    assert.equal(row.auth, "bearer");
    assert.deepEqual(row.keyEnv, [`${id.toUpperCase()}_API_KEY`]);
    assert.equal(row.baseUrlEnv, `${id.toUpperCase()}_BASE_URL`);
    assert.equal(row.modelsPath, "/models");
  }
});

test("the native rows carry their dialect's auth, headers and probes", () => {
  const anthropic = findProviderRow("anthropic");
  assert.equal(anthropic?.auth, "x-api-key");
  assert.equal(anthropic?.defaultHeaders["anthropic-version"], "2023-06-01");
  assert.equal(anthropic?.modelsPath, "/v1/models");
  const google = findProviderRow("google");
  assert.deepEqual(google?.keyEnv, ["GEMINI_API_KEY", "GOOGLE_API_KEY"]);
  assert.equal(google?.auth, "x-goog-api-key");
  assert.equal(google?.modelsPath, "/v1beta/models");
  const ollama = findProviderRow("ollama");
  assert.equal(ollama?.keyRequired, false);
  assert.equal(ollama?.baseUrlEnv, "OLLAMA_HOST");
  assert.equal(ollama?.modelsPath, "/api/tags");
});

test("status pages are listed only where a Statuspage v2 API exists", () => {
  const pages = Object.fromEntries(providerTable.filter((row) => row.statusPage).map((row) => [row.id, row.statusPage]));
  assert.deepEqual(pages, {
    openai: "https://status.openai.com",
    anthropic: "https://status.claude.com",
    deepseek: "https://status.deepseek.com",
    groq: "https://groqstatus.com",
  });
});

test("a hook that reads unsupportedParams is present wherever that list is non-empty", () => {
  for (const row of providerTable) {
    assert.equal(row.unsupportedParams.length > 0, row.hooks.includes("strip-unsupported-params"), row.id);
  }
});
