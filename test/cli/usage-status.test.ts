import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { createUsageRecord, SqliteUsageStore } from "../../src/usage/index.ts";
import { startTestServer } from "../support/http-server.ts";
import { runCli } from "./run-cli.ts";

const directory = mkdtempSync(join(tmpdir(), "llmux-cli-usage-"));
after(() => rmSync(directory, { recursive: true, force: true }));

describe("llmux usage", () => {
  it("prints the usage table from the SQLite store", async () => {
    const store = new SqliteUsageStore({ path: join(directory, ".llmux", "usage.db") });
    const base = { latencyMs: 120, status: 200, streamed: false, requestedModel: "gpt-4.1" } as const;
    await store.record(createUsageRecord({ ...base, requestId: "a", servedModel: "gpt-4.1", provider: "openai", routeMode: "direct", usage: { inputTokens: 10, outputTokens: 5 }, costUsd: 0.5 }));
    await store.record(createUsageRecord({ ...base, requestId: "b", servedModel: "gpt-4.1", provider: "openrouter", routeMode: "provider-fallback", usage: { inputTokens: 30, outputTokens: 15 }, costUsd: 0.25 }));
    await store.close();

    const byModel = await runCli(["usage"], { cwd: directory });
    assert.equal(byModel.code, 0, byModel.stderr);
    assert.match(byModel.stdout, /Usage by model, period 24h/);
    assert.match(byModel.stdout, /^gpt-4\.1 +2 +0 +1 +40 +20 .* 0\.7500 /m);

    const byProvider = await runCli(["usage", "--group-by", "provider", "--period", "all", "--json"], { cwd: directory });
    assert.equal(byProvider.code, 0, byProvider.stderr);
    const rows = JSON.parse(byProvider.stdout) as Array<{ group: string; requests: number }>;
    assert.deepEqual(rows.map((row) => row.group).sort(), ["openai", "openrouter"]);
  });

  it("says when there is no database, and rejects a bad period as a usage error", async () => {
    const missing = await runCli(["usage", "--db", "nowhere.db"], { cwd: directory });
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /no usage database at nowhere\.db/);
    const badPeriod = await runCli(["usage", "--period", "fortnight"], { cwd: directory });
    assert.equal(badPeriod.code, 2);
    assert.match(badPeriod.stderr, /Unknown usage period "fortnight"/);
  });
});

describe("llmux status", () => {
  const env = { OPENAI_API_KEY: "sk-one,sk-two", ANTHROPIC_API_KEY: "sk-ant-secret" };

  it("lists the configured providers and their key counts, never the keys", async () => {
    const result = await runCli(["status"], { env });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^openai +OpenAI +openai-chat +2 +https:\/\/api\.openai\.com\/v1$/m);
    assert.match(result.stdout, /^anthropic +Anthropic +anthropic-messages +1 /m);
    assert.match(result.stdout, /Status pages: not read/);
    assert.doesNotMatch(result.stdout, /sk-one|sk-two|sk-ant-secret/);
    const json = await runCli(["status", "--json"], { env });
    const parsed = JSON.parse(json.stdout) as { providers: Array<{ id: string; keys: number }> };
    assert.deepEqual(parsed.providers.map((provider) => [provider.id, provider.keys]), [["openai", 2], ["anthropic", 1]]);
  });

  it("with --status-api, shows what the status API says about each provider", async () => {
    const api = await startTestServer((request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ providers: [{ slug: "openai", status: "operational" }, { slug: "anthropic", status: "down", statusDetail: "API errors" }] }));
    });
    try {
      const result = await runCli(["status", "--status-api", api.url], { env });
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /^openai .* operational \(status-api\)$/m);
      assert.match(result.stdout, /^anthropic .* down \(status-api\): API errors$/m);
      assert.ok(api.requests.every((request) => request.url.startsWith("/api/")));
    } finally {
      await api.close();
    }
  });
});
