/**
 * `POST /v1/embeddings` through the gateway: forwarded with only the model changed, the
 * upstream answer returned as is (the OpenAI SDK decodes its base64 vectors), the next
 * provider tried on a 503, a usage row per request, 404/400 in OpenAI's format otherwise.
 */
import assert from "node:assert/strict";
import type { ServerResponse } from "node:http";
import { test } from "node:test";
import OpenAI from "openai";
import { sendJson, type RecordedRequest } from "../support/http-server.ts";
import { overloadedBody, postJson, startTestGateway, startUpstream } from "./support.ts";

const vector = [0.5, -1, 2, 0.25];

/** OpenAI's embeddings answer, base64 float32 little-endian when asked for it. */
function answerEmbeddings(request: RecordedRequest, response: ServerResponse): void {
  const body = request.body as { model: string; input: string | string[]; encoding_format?: string };
  const inputs = Array.isArray(body.input) ? body.input : [body.input];
  const encoded = body.encoding_format === "base64" ? Buffer.from(new Float32Array(vector).buffer).toString("base64") : vector;
  sendJson(
    response,
    200,
    {
      object: "list",
      data: inputs.map((_input, index) => ({ object: "embedding", index, embedding: encoded })),
      model: body.model,
      usage: { prompt_tokens: 4 * inputs.length, total_tokens: 4 * inputs.length },
    },
    { "x-request-id": "req_upstream_embed" },
  );
}

function providerLines(id: string, url: string, extra: string[] = []): string[] {
  return [`  ${id}:`, `    keys: [sk-test-embed-${id}-000001]`, `    baseUrl: ${url}/v1`, ...extra];
}

test("the OpenAI SDK gets its base64 embeddings back, decoded, and the upstream saw the body unchanged", async () => {
  const upstream = await startUpstream(answerEmbeddings);
  const gateway = await startTestGateway(["providers:", ...providerLines("openai", upstream.url)]);
  const client = new OpenAI({ apiKey: "sk-placeholder", baseURL: `${gateway.url}/v1`, maxRetries: 0 });

  const { data: result, response } = await client.embeddings.create({ model: "text-embedding-3-small", input: ["hello", "world"], dimensions: 4 }).withResponse();
  assert.equal(result.data.length, 2);
  assert.deepEqual(result.data[0]?.embedding, vector);
  assert.deepEqual(result.data[1]?.embedding, vector);
  assert.equal(result.usage.prompt_tokens, 8);
  assert.equal(response.headers.get("x-llmux-provider"), "openai");
  assert.match(response.headers.get("x-request-id") ?? "", /^req_/);

  const sent = upstream.requests.at(-1);
  assert.equal(sent?.url, "/v1/embeddings");
  assert.deepEqual(sent?.body, { model: "text-embedding-3-small", input: ["hello", "world"], dimensions: 4, encoding_format: "base64" });
  assert.equal(sent?.headers.authorization, "Bearer sk-test-embed-openai-000001");

  const rows = await gateway.usageStore.query();
  assert.equal(rows.length, 1);
  assert.equal(rows[0]?.provider, "openai");
  assert.equal(rows[0]?.requestedModel, "text-embedding-3-small");
  assert.equal(rows[0]?.inputTokens, 8);
  assert.equal(rows[0]?.status, 200);
  assert.equal(rows[0]?.routeMode, "direct");
});

test("a float answer passes through as it came (/openai/v1/embeddings too)", async () => {
  const upstream = await startUpstream(answerEmbeddings);
  const gateway = await startTestGateway(["providers:", ...providerLines("openai", upstream.url)]);
  const response = await postJson(`${gateway.url}/openai/v1/embeddings`, { model: "text-embedding-3-large", input: "hi", encoding_format: "float" });
  assert.equal(response.status, 200);
  const body = (await response.json()) as { data: Array<{ embedding: number[] }>; model: string };
  assert.deepEqual(body.data[0]?.embedding, vector);
  assert.equal(body.model, "text-embedding-3-large");
});

test("a 503 moves on to the next provider, and the usage row says provider-fallback", async () => {
  const down = await startUpstream((_request, response) => sendJson(response, 503, overloadedBody));
  const backup = await startUpstream(answerEmbeddings);
  const gateway = await startTestGateway([
    "providers:",
    ...providerLines("openai", down.url),
    ...providerLines("backup", backup.url, ["    dialect: openai-chat"]),
    "fallbackProviders: [backup]",
  ]);
  const client = new OpenAI({ apiKey: "sk-placeholder", baseURL: `${gateway.url}/v1`, maxRetries: 0 });
  const { data: result, response } = await client.embeddings.create({ model: "text-embedding-3-small", input: "hello" }).withResponse();
  assert.deepEqual(result.data[0]?.embedding, vector);
  assert.equal(response.headers.get("x-llmux-provider"), "backup");
  assert.equal(response.headers.get("x-llmux-route-mode"), "provider-fallback");
  assert.equal(down.requests.length, 1);
  assert.equal(backup.requests.length, 1);
  assert.equal((backup.requests[0]?.body as { model: string }).model, "text-embedding-3-small");

  const [row] = await gateway.usageStore.query();
  assert.equal(row?.provider, "backup");
  assert.equal(row?.routeMode, "provider-fallback");
  assert.deepEqual(
    row?.attempts.map((attempt) => [attempt.provider, attempt.outcome, attempt.status]),
    [
      ["openai", "failure", 503],
      ["backup", "success", 200],
    ],
  );
});

test("every provider failing: one OpenAI-format error naming the attempts; a 400 is not retried", async () => {
  const down = await startUpstream((_request, response) => sendJson(response, 503, overloadedBody));
  const invalid = await startUpstream((_request, response) =>
    sendJson(response, 400, { error: { message: "dimensions is too large", type: "invalid_request_error", param: "dimensions", code: null } }),
  );
  const gateway = await startTestGateway([
    "providers:",
    ...providerLines("openai", down.url),
    ...providerLines("backup", down.url, ["    dialect: openai-chat"]),
    "fallbackProviders: [backup]",
  ]);
  const response = await postJson(`${gateway.url}/v1/embeddings`, { model: "text-embedding-3-small", input: "x" });
  assert.equal(response.status, 503);
  assert.equal(response.headers.get("x-should-retry"), "false");
  const body = (await response.json()) as { error: { message: string } };
  assert.match(body.error.message, /openai/);
  assert.match(body.error.message, /backup/);
  const [row] = await gateway.usageStore.query();
  assert.equal(row?.status, 503);
  assert.equal(row?.provider, null);

  const strict = await startTestGateway(["providers:", ...providerLines("openai", invalid.url), ...providerLines("backup", down.url, ["    dialect: openai-chat"]), "fallbackProviders: [backup]"]);
  const before = down.requests.length;
  const rejected = await postJson(`${strict.url}/v1/embeddings`, { model: "text-embedding-3-small", input: "x", dimensions: 100000 });
  assert.equal(rejected.status, 400);
  assert.match(((await rejected.json()) as { error: { message: string } }).error.message, /dimensions is too large/);
  assert.equal(down.requests.length, before, "the caller's mistake is not tried elsewhere");
});

test("no provider for the model: 404 model_not_found; a bad body: 400, both in OpenAI's format", async () => {
  const upstream = await startUpstream(answerEmbeddings);
  const gateway = await startTestGateway(["providers:", ...providerLines("openai", upstream.url)]);
  const client = new OpenAI({ apiKey: "sk-placeholder", baseURL: `${gateway.url}/v1`, maxRetries: 0 });
  await assert.rejects(client.embeddings.create({ model: "nomic-embed-text", input: "x" }), (error: unknown) => {
    assert.ok(error instanceof OpenAI.NotFoundError);
    assert.equal(error.code, "model_not_found");
    return true;
  });
  const noInput = await postJson(`${gateway.url}/v1/embeddings`, { model: "text-embedding-3-small" });
  assert.equal(noInput.status, 400);
  assert.equal(((await noInput.json()) as { error: { param: string } }).error.param, "input");
  assert.equal(upstream.requests.length, 0);
});

test("a custom OpenAI-compatible provider serves embedding names nothing else places", async () => {
  const local = await startUpstream(answerEmbeddings);
  const gateway = await startTestGateway(["providers:", ...providerLines("local-embedder", local.url, ["    dialect: openai-chat"])]);
  const response = await postJson(`${gateway.url}/v1/embeddings`, { model: "nomic-embed-text", input: "x" });
  assert.equal(response.status, 200);
  assert.equal(response.headers.get("x-llmux-provider"), "local-embedder");
  assert.equal((local.requests[0]?.body as { model: string }).model, "nomic-embed-text");
});
