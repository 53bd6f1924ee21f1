import assert from "node:assert/strict";
import { inspect } from "node:util";
import { test } from "node:test";
import { ConfigError } from "../../src/core/errors.ts";
import { discoverProviders, missingProviderHint } from "../../src/providers/discover.ts";
import { providerTable } from "../../src/providers/table.ts";

test("nothing configured finds nothing, and the hint names every variable to set", () => {
  assert.deepEqual(discoverProviders({}), []);
  const hint = missingProviderHint();
  for (const name of ["OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GEMINI_API_KEY", "GOOGLE_API_KEY", "OPENROUTER_API_KEY",
    "DEEPSEEK_API_KEY", "MISTRAL_API_KEY", "XAI_API_KEY", "GROQ_API_KEY", "TOGETHER_API_KEY", "MOONSHOT_API_KEY",
    "DASHSCOPE_API_KEY", "OLLAMA_HOST"]) {
    assert.ok(hint.includes(name), `hint should name ${name}`);
  }
});

test("a key variable configures its provider with the table's defaults", () => {
  const [anthropic, ...rest] = discoverProviders({ ANTHROPIC_API_KEY: "sk-ant-test-0123456789" });
  assert.equal(rest.length, 0);
  assert.ok(anthropic);
  assert.equal(anthropic.id, "anthropic");
  assert.equal(anthropic.dialect, "anthropic-messages");
  assert.equal(anthropic.baseUrl, "https://api.anthropic.com");
  assert.equal(anthropic.auth, "x-api-key");
  assert.equal(anthropic.headers["anthropic-version"], "2023-06-01");
  assert.equal(anthropic.source, "env");
  assert.equal(anthropic.keys.length, 1);
  assert.equal(anthropic.keys[0]?.reveal(), "sk-ant-test-0123456789");
});

test("comma-separated keys are split, trimmed, empties and duplicates dropped", () => {
  const [openai] = discoverProviders({ OPENAI_API_KEY: " sk-one , ,sk-two,sk-one,, sk-three " });
  assert.deepEqual(openai?.keys.map((key) => key.reveal()), ["sk-one", "sk-two", "sk-three"]);
  const ids = openai?.keys.map((key) => key.id) ?? [];
  assert.equal(new Set(ids).size, 3);
  for (const id of ids) assert.match(id, /^openai#[0-9a-f]{8}$/);
});

test("a variable holding only commas and spaces configures nothing", () => {
  assert.deepEqual(discoverProviders({ OPENAI_API_KEY: " , " }), []);
});

test("base URL overrides win, with trailing slashes removed", () => {
  const providers = discoverProviders({
    OPENAI_API_KEY: "sk-x",
    OPENAI_BASE_URL: "https://proxy.example.com/openai/v1///",
    GROQ_API_KEY: "gsk-y",
  });
  assert.deepEqual(
    providers.map((provider) => [provider.id, provider.baseUrl]),
    [
      ["openai", "https://proxy.example.com/openai/v1"],
      ["groq", "https://api.groq.com/openai/v1"],
    ],
  );
});

test("a malformed base URL override is a ConfigError naming the variable", () => {
  assert.throws(
    () => discoverProviders({ MISTRAL_API_KEY: "k", MISTRAL_BASE_URL: "api.mistral.ai/v1" }),
    (error: unknown) => error instanceof ConfigError && error.message.includes("MISTRAL_BASE_URL"),
  );
});

test("Gemini reads GEMINI_API_KEY first and falls back to GOOGLE_API_KEY", () => {
  const [both] = discoverProviders({ GEMINI_API_KEY: "gem-key-1", GOOGLE_API_KEY: "google-key-2" });
  assert.deepEqual(both?.keys.map((key) => key.reveal()), ["gem-key-1"]);
  const [googleOnly] = discoverProviders({ GOOGLE_API_KEY: "google-key-2" });
  assert.equal(googleOnly?.id, "google");
  assert.equal(googleOnly?.auth, "x-goog-api-key");
  assert.deepEqual(googleOnly?.keys.map((key) => key.reveal()), ["google-key-2"]);
  const [emptyGemini] = discoverProviders({ GEMINI_API_KEY: "", GOOGLE_API_KEY: "google-key-2" });
  assert.deepEqual(emptyGemini?.keys.map((key) => key.reveal()), ["google-key-2"]);
});

test("Ollama is configured only by OLLAMA_HOST, which may lack a scheme", () => {
  assert.deepEqual(discoverProviders({ OLLAMA_API_KEY: "k" }), []);
  const cases: Array<[string, string]> = [
    ["gpu-box:11500", "http://gpu-box:11500"],
    ["gpu-box", "http://gpu-box:11434"],
    ["0.0.0.0:11434", "http://127.0.0.1:11434"],
    [":8080", "http://127.0.0.1:8080"],
    ["https://ollama.example.com/", "https://ollama.example.com"],
    ["http://10.0.0.5:11434", "http://10.0.0.5:11434"],
  ];
  for (const [host, expected] of cases) {
    const [ollama] = discoverProviders({ OLLAMA_HOST: host });
    assert.equal(ollama?.id, "ollama");
    assert.equal(ollama?.baseUrl, expected, `OLLAMA_HOST=${host}`);
    assert.deepEqual(ollama?.keys, []);
  }
});

test("several providers come back in table order", () => {
  const env: Record<string, string> = {};
  for (const row of providerTable) env[row.keyRequired ? (row.keyEnv[0] ?? "") : row.baseUrlEnv] = "localhost-or-key";
  assert.deepEqual(
    discoverProviders(env).map((provider) => provider.id),
    providerTable.map((row) => row.id),
  );
});

test("resolved providers never show their keys when serialised or inspected", () => {
  const secret = "sk-live-SUPERSECRET-0123456789";
  const providers = discoverProviders({ OPENAI_API_KEY: `${secret},sk-other-SECRET2-99999` });
  const outputs = [JSON.stringify(providers), inspect(providers, { depth: 10 }), String(providers[0]?.keys[0]), `${providers[0]?.keys}`];
  for (const output of outputs) {
    assert.ok(!output.includes("SUPERSECRET"), output);
    assert.ok(!output.includes("SECRET2"), output);
  }
  assert.match(JSON.stringify(providers[0]?.keys), /"id":"openai#[0-9a-f]{8}"/);
});
