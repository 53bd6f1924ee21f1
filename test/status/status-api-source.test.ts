/**
 * The aistatus.cc-shaped status API through the public StatusAPI, against a local server.
 */
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { StatusAPI, type StatusAPIOptions } from "../../src/status/index.ts";
import { sendJson, startTestServer } from "../support/http-server.ts";
import { buildSummary, loadFixture } from "./helpers.ts";

const server = await startTestServer((request, response) => {
  const url = new URL(request.url, "http://x");
  if (url.pathname === "/api/providers") return sendJson(response, 200, loadFixture("aistatus-providers.json"));
  if (url.pathname === "/api/check") return sendJson(response, 200, loadFixture("aistatus-check-model.json"));
  if (url.pathname === "/api/models") return sendJson(response, 200, loadFixture("aistatus-models.json"));
  if (url.pathname === "/page/api/v2/summary.json") {
    return sendJson(response, 200, buildSummary({ components: [{ name: "Claude API (api.anthropic.com)", status: "degraded_performance" }] }));
  }
  sendJson(response, 404, { error: "not found" });
});
after(() => server.close());

function requestsTo(pathname: string): URL[] {
  return server.requests.map((request) => new URL(request.url, "http://x")).filter((url) => url.pathname === pathname);
}

function createApi(options: StatusAPIOptions = {}): StatusAPI {
  const api = new StatusAPI({ baseUrl: server.url, statusPages: false, poll: false, ...options });
  after(() => api.stop());
  return api;
}

test("provider statuses come from /api/providers, one request for many lookups", async () => {
  const before = requestsTo("/api/providers").length;
  const api = createApi();
  const openai = await api.checkProvider("openai");
  assert.deepEqual(openai, {
    status: "degraded",
    isAvailable: true,
    source: "status-api",
    updatedAt: openai.updatedAt,
    detail: "Elevated error rates on Responses",
  });
  assert.ok(openai.updatedAt instanceof Date);
  const xai = await api.checkProvider("xai");
  assert.equal(xai.status, "down");
  assert.equal(xai.isAvailable, false);
  assert.equal((await api.checkProvider("x-ai")).status, "down");
  // An unknown status string stays unknown; an unlisted provider too.
  assert.equal((await api.checkProvider("mistral")).status, "unknown");
  const groq = await api.checkProvider("groq");
  assert.equal(groq.status, "unknown");
  assert.equal(groq.source, "none");
  assert.equal(groq.detail, "status API does not list this provider");
  assert.equal(requestsTo("/api/providers").length - before, 1);
});

test("checkModel asks /api/check?model= and returns alternatives", async () => {
  const api = createApi();
  const status = await api.checkModel("claude-sonnet-4-6");
  assert.equal(status.status, "down");
  assert.equal(status.isAvailable, false);
  assert.equal(status.source, "status-api");
  assert.equal(status.model, "claude-sonnet-4-6");
  assert.equal(status.provider, "anthropic");
  assert.deepEqual(status.alternatives, [
    { provider: "openai", model: "openai/gpt-5.1", status: "operational" },
    { provider: "google", model: "google/gemini-2.5-pro", status: "degraded" },
  ]);
  assert.equal(requestsTo("/api/check").at(-1)?.searchParams.get("model"), "claude-sonnet-4-6");
});

test("searchModels returns models with per-million prices; without a status API it is empty", async () => {
  const api = createApi();
  const models = await api.searchModels("gpt-4o");
  assert.deepEqual(models, [
    { id: "openai/gpt-4o", provider: "openai", status: "operational", pricing: { input: 2.5, output: 10 } },
    { id: "openai/gpt-4o-mini", provider: "openai", status: "degraded", pricing: { input: 0.15, output: 0.6 } },
    { id: "openrouter/auto", provider: "openrouter" },
  ]);
  assert.equal(requestsTo("/api/models").at(-1)?.searchParams.get("q"), "gpt-4o");

  let fetched = 0;
  const withoutApi = new StatusAPI({
    statusPages: false,
    fetch: async () => {
      fetched++;
      return new Response("{}");
    },
  });
  assert.deepEqual(await withoutApi.searchModels("gpt-4o"), []);
  assert.equal(fetched, 0);
  withoutApi.stop();
});

test("providers() merges status pages and the status API, the worse answer winning", async () => {
  const api = createApi({ statusPages: { anthropic: { baseUrl: `${server.url}/page` }, openai: false, groq: false, deepseek: false } });
  const list = await api.providers();
  assert.deepEqual(
    list.map((entry) => [entry.provider, entry.status, entry.source]),
    [
      ["anthropic", "degraded", "status-page"],
      ["mistral", "unknown", "none"],
      ["openai", "degraded", "status-api"],
      ["xai", "down", "status-api"],
    ],
  );
  // The model check says down; the provider's page only degraded: down wins.
  const model = await api.checkModel("claude-sonnet-4-6");
  assert.equal(model.status, "down");
  assert.equal(model.source, "status-api");
});
