/**
 * Status pages through the public StatusAPI, against a local server speaking
 * Statuspage v2 JSON (Atlassian and incident.io-style fixtures).
 */
import assert from "node:assert/strict";
import { after, test } from "node:test";
import type { ServerResponse } from "node:http";
import { StatusAPI, type StatusAPIOptions } from "../../src/status/index.ts";
import { sendJson, startTestServer, type RecordedRequest } from "../support/http-server.ts";
import { buildSummary, createManualClock, loadFixture } from "./helpers.ts";

type Route = (request: RecordedRequest, response: ServerResponse) => void;
const routes = new Map<string, Route>();
const server = await startTestServer((request, response) => {
  const route = routes.get(new URL(request.url, "http://x").pathname);
  if (route) route(request, response);
  else sendJson(response, 404, { error: "not found" });
});
after(() => server.close());

let pageCount = 0;
/** Mounts a status page under a fresh prefix; returns its root URL and the requests it saw. */
function mountPage(files: Record<string, Route>): { baseUrl: string; requests: () => string[] } {
  const prefix = `/page-${++pageCount}`;
  for (const [file, route] of Object.entries(files)) routes.set(`${prefix}/api/v2/${file}`, route);
  return {
    baseUrl: `${server.url}${prefix}`,
    requests: () => server.requests.filter((request) => request.url.startsWith(`${prefix}/`)).map((request) => request.url.slice(prefix.length)),
  };
}

function json(body: unknown): Route {
  return (_request, response) => sendJson(response, 200, body);
}

function createApi(options: StatusAPIOptions): StatusAPI {
  const api = new StatusAPI({ poll: false, checkTimeout: 1000, ...options });
  after(() => api.stop());
  return api;
}

test("Anthropic page: the Claude API component in major outage marks the provider down", async () => {
  const page = mountPage({ "summary.json": json(loadFixture("anthropic-summary.json")) });
  const clock = createManualClock();
  const api = createApi({ statusPages: { anthropic: { baseUrl: page.baseUrl } }, now: clock.now });
  const status = await api.checkProvider("anthropic");
  assert.equal(status.status, "down");
  assert.equal(status.isAvailable, false);
  assert.equal(status.source, "status-page");
  assert.deepEqual(status.updatedAt, new Date(clock.now()));
  assert.equal(status.detail, "Claude API (api.anthropic.com): major outage (Elevated errors on Claude Opus 4.6)");
  assert.deepEqual(page.requests(), ["/api/v2/summary.json"]);
  const model = await api.checkModel("claude-sonnet-4-6");
  assert.equal(model.status, "down");
  assert.equal(model.provider, "anthropic");
});

test("each component status maps to the provider's status", async () => {
  const cases: Array<[string, string, boolean]> = [
    ["operational", "operational", true],
    ["degraded_performance", "degraded", true],
    ["partial_outage", "degraded", true],
    ["under_maintenance", "degraded", true],
    ["major_outage", "down", false],
  ];
  for (const [componentStatus, expected, available] of cases) {
    // The page indicator disagrees on purpose: a matching component always wins over it.
    const page = mountPage({
      "summary.json": json(buildSummary({ indicator: "critical", components: [{ name: "API Service", status: componentStatus }] })),
    });
    const api = createApi({ statusPages: { deepseek: { baseUrl: page.baseUrl } } });
    const status = await api.checkProvider("deepseek");
    assert.equal(status.status, expected, componentStatus);
    assert.equal(status.isAvailable, available, componentStatus);
  }
});

test("without a matching component, the page indicator decides", async () => {
  const cases: Array<[string, string]> = [
    ["none", "operational"],
    ["minor", "degraded"],
    ["major", "down"],
    ["critical", "down"],
    ["ultraviolet", "unknown"],
  ];
  for (const [indicator, expected] of cases) {
    const page = mountPage({
      "summary.json": json(buildSummary({ indicator, components: [{ name: "Website", status: "major_outage" }] })),
      "components.json": json({ components: [{ id: "w", name: "Website", status: "major_outage" }] }),
    });
    const api = createApi({ statusPages: { deepseek: { baseUrl: page.baseUrl } } });
    assert.equal((await api.checkProvider("deepseek")).status, expected, indicator);
  }
});

test("incident.io page with empty components: components.json is tried, then the minor indicator means degraded", async () => {
  const page = mountPage({
    "summary.json": json(loadFixture("groq-summary-empty.json")),
    "components.json": json(loadFixture("groq-components-empty.json")),
  });
  const api = createApi({ statusPages: { groq: { baseUrl: page.baseUrl } } });
  const status = await api.checkProvider("groq");
  assert.equal(status.status, "degraded");
  assert.equal(status.isAvailable, true);
  assert.equal(status.source, "status-page");
  assert.equal(status.detail, "page status: Minor Service Outage");
  assert.deepEqual(page.requests(), ["/api/v2/summary.json", "/api/v2/components.json"]);
});

test("a partial summary is completed from components.json; groups are ignored", async () => {
  const page = mountPage({
    "summary.json": json(loadFixture("openai-summary-partial.json")),
    "components.json": json(loadFixture("openai-components.json")),
  });
  const api = createApi({ statusPages: { openai: { baseUrl: page.baseUrl } } });
  // The "API" group rolls up a partial outage of Images; the API's own leaves are fine.
  const provider = await api.checkProvider("openai");
  assert.equal(provider.status, "operational");
  assert.match(provider.detail ?? "", /^(Chat Completions|Responses): operational$/);
  // A model mapped to the Images component sees that component's outage.
  const imageModel = await api.checkModel("gpt-image-1");
  assert.equal(imageModel.status, "degraded");
  assert.equal(imageModel.detail, "Images: partial outage");
  assert.equal(page.requests().filter((url) => url === "/api/v2/components.json").length, 1);
});

test("a page whose components.json fails still answers from the summary", async () => {
  const page = mountPage({
    "summary.json": json(loadFixture("groq-summary-empty.json")),
    "components.json": (_request, response) => sendJson(response, 502, { error: "bad gateway" }),
  });
  const api = createApi({ statusPages: { groq: { baseUrl: page.baseUrl } } });
  assert.equal((await api.checkProvider("groq")).status, "degraded");
});

test("a custom page for a provider without a default, with its own component patterns", async () => {
  const page = mountPage({
    "summary.json": json(buildSummary({ components: [{ name: "La Plateforme", status: "partial_outage" }, { name: "Le Chat", status: "operational" }] })),
  });
  const api = createApi({ statusPages: { mistral: { baseUrl: page.baseUrl, components: [/plateforme/i] } } });
  const status = await api.checkProvider("mistral");
  assert.equal(status.status, "degraded");
  assert.equal(status.detail, "La Plateforme: partial outage");
});

test("disabled pages are not fetched and the provider is unknown", async () => {
  const page = mountPage({ "summary.json": json(loadFixture("anthropic-summary.json")) });
  const api = createApi({ statusPages: { anthropic: false } });
  const status = await api.checkProvider("anthropic");
  assert.equal(status.status, "unknown");
  assert.equal(status.source, "none");
  assert.equal(status.isAvailable, true);
  assert.equal(status.updatedAt, undefined);
  const none = createApi({ statusPages: false, baseUrl: undefined });
  assert.equal((await none.checkProvider("openai")).status, "unknown");
  assert.deepEqual(page.requests(), []);
});
