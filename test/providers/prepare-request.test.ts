import assert from "node:assert/strict";
import { inspect } from "node:util";
import { after, before, test } from "node:test";
import { UpstreamError } from "../../src/core/errors.ts";
import type { Dialect } from "../../src/dialects/dialect.ts";
import { readUpstreamError } from "../../src/providers/build-upstream-error.ts";
import { createHttpClient, type HttpClient } from "../../src/providers/http-client.ts";
import { prepareUpstreamRequest } from "../../src/providers/prepare-request.ts";
import { ProviderRegistry } from "../../src/providers/registry.ts";
import { readAll, startFakeUpstream, type FakeUpstream } from "./fake-upstream.ts";

// Only the part of a dialect this module uses; real dialects live in src/dialects/<id>/.
const chatPath: Pick<Dialect, "requestPath"> = { requestPath: () => "/chat/completions" };
const geminiPath: Pick<Dialect, "requestPath"> = {
  requestPath: ({ model, stream }) => `/v1beta/models/${model}:${stream ? "streamGenerateContent?alt=sse" : "generateContent"}`,
};

let client: HttpClient;
let upstream: FakeUpstream;
before(async () => {
  client = createHttpClient();
  upstream = await startFakeUpstream((request, response, body) => {
    if (request.headers["authorization"] === "Bearer sk-bad-key-SECRET-0001") {
      response.writeHead(401, { "content-type": "application/json" });
      response.end(JSON.stringify({ error: { message: `Incorrect API key provided: sk-bad-key-SECRET-0001`, type: "invalid_request_error", code: "invalid_api_key" } }));
      return;
    }
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify({ url: request.url, headers: request.headers, body: JSON.parse(body || "null") }));
  });
});
after(async () => {
  await client.close();
  await upstream.close();
});

interface Echo {
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

async function sendPrepared(prepared: ReturnType<typeof prepareUpstreamRequest>): Promise<Echo> {
  const response = await client.send({ ...prepared, timeouts: { totalMs: 5000 } });
  assert.equal(response.status, 200);
  return JSON.parse(await readAll(response.body)) as Echo;
}

test("a Mistral call goes out with its path, bearer key and quirks applied", async () => {
  const registry = ProviderRegistry.fromEnv({ MISTRAL_API_KEY: "mistral-key-0001", MISTRAL_BASE_URL: `${upstream.url}/v1` });
  const provider = registry.require("mistral");
  const prepared = prepareUpstreamRequest({
    provider,
    key: provider.keys[0],
    path: chatPath.requestPath({ model: "mistral-small-latest", stream: true }),
    body: { model: "mistral-small-latest", stream: true, stream_options: { include_usage: true }, max_completion_tokens: 64, seed: 1, user: "u1" },
    model: "mistral-small-latest",
    stream: true,
    headers: { Authorization: "Bearer client-gateway-key", "X-Request-Id": "r1" },
  });
  assert.deepEqual(prepared.warnings.map((warning) => warning.path), ["user"]);
  const echo = await sendPrepared(prepared);
  assert.equal(echo.url, "/v1/chat/completions");
  assert.equal(echo.headers["authorization"], "Bearer mistral-key-0001", "the caller's own auth header is never forwarded");
  assert.equal(echo.headers["x-request-id"], "r1");
  assert.equal(echo.headers["content-type"], "application/json");
  assert.deepEqual(echo.body, { model: "mistral-small-latest", stream: true, max_tokens: 64, random_seed: 1 });
});

test("a Gemini call uses x-goog-api-key and the model in the path", async () => {
  const registry = ProviderRegistry.fromEnv({ GEMINI_API_KEY: "gemini-key-0001", GEMINI_BASE_URL: upstream.url });
  const provider = registry.require("google");
  const echo = await sendPrepared(
    prepareUpstreamRequest({
      provider,
      key: provider.keys[0],
      path: geminiPath.requestPath({ model: "gemini-2.5-flash", stream: true }),
      body: { contents: [] },
      model: "gemini-2.5-flash",
      stream: true,
    }),
  );
  assert.equal(echo.url, "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
  assert.equal(echo.headers["x-goog-api-key"], "gemini-key-0001");
  assert.equal(echo.headers["authorization"], undefined);
});

test("an Anthropic call carries x-api-key and anthropic-version; a client beta header rides along", async () => {
  const registry = ProviderRegistry.fromEnv({ ANTHROPIC_API_KEY: "ant-key-0001", ANTHROPIC_BASE_URL: upstream.url });
  const provider = registry.require("anthropic");
  const echo = await sendPrepared(
    prepareUpstreamRequest({
      provider,
      key: provider.keys[0],
      path: "/v1/messages",
      body: { model: "claude", max_tokens: 10, messages: [] },
      model: "claude",
      stream: false,
      headers: { "Anthropic-Version": "2023-06-01", "anthropic-beta": "b1", "x-api-key": "client-key" },
    }),
  );
  assert.equal(echo.headers["x-api-key"], "ant-key-0001");
  assert.equal(echo.headers["anthropic-version"], "2023-06-01");
  assert.equal(echo.headers["anthropic-beta"], "b1");
});

test("a keyless GET probe has no body, no content-type and no auth", () => {
  const registry = ProviderRegistry.fromEnv({ OLLAMA_HOST: "gpu-box:11434" });
  const provider = registry.require("ollama");
  const prepared = prepareUpstreamRequest({ provider, path: provider.modelsPath, model: "", stream: false });
  assert.equal(prepared.url, "http://gpu-box:11434/api/tags");
  assert.equal(prepared.method, "GET");
  assert.equal(prepared.body, undefined);
  assert.deepEqual(prepared.headers, {});
});

test("a rejected key comes back as an auth UpstreamError that never shows the key", async () => {
  const registry = new ProviderRegistry();
  const provider = registry.register({ id: "corp", dialect: "openai-chat", baseUrl: `${upstream.url}/v1`, keys: ["sk-bad-key-SECRET-0001"] });
  const key = provider.keys[0];
  const prepared = prepareUpstreamRequest({ provider, key, path: "/chat/completions", body: { model: "m" }, model: "m", stream: false });
  const response = await client.send({ ...prepared, timeouts: { totalMs: 5000 }, provider: provider.id, model: "m", secrets: provider.keys });
  assert.equal(response.status, 401);
  const error = await readUpstreamError(response, { provider: provider.id, model: "m", url: prepared.url, secrets: provider.keys });
  assert.ok(error instanceof UpstreamError);
  assert.equal(error.kind, "auth");
  assert.equal(error.retryable, false);
  for (const text of [error.message, error.bodyExcerpt ?? "", JSON.stringify(error), inspect(error), String(error)]) {
    assert.ok(!text.includes("SECRET-0001"), text);
  }
});
