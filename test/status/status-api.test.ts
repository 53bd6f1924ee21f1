/**
 * StatusAPI as a service: caching, background refresh, conditional requests, and the
 * rule that a broken source never fails anything and never makes a lookup wait.
 */
import assert from "node:assert/strict";
import { after, test } from "node:test";
import type { ServerResponse } from "node:http";
import { StatusAPI, type StatusAPIOptions } from "../../src/status/index.ts";
import { sendJson, startTestServer, type RecordedRequest } from "../support/http-server.ts";
import { buildSummary, createManualClock, loadFixture, trackTimers } from "./helpers.ts";

type Route = (request: RecordedRequest, response: ServerResponse) => void;
const routes = new Map<string, Route>();
const server = await startTestServer((request, response) => {
  const route = routes.get(new URL(request.url, "http://x").pathname.split("/")[1] ?? "");
  if (route) route(request, response);
  else sendJson(response, 404, { error: "not found" });
});
after(() => server.close());

let siteCount = 0;
/** A site under a fresh prefix: a status page root or a status API root. */
function mount(route: Route): { baseUrl: string; requests: () => RecordedRequest[] } {
  const name = `site-${++siteCount}`;
  routes.set(name, route);
  return {
    baseUrl: `${server.url}/${name}`,
    requests: () => server.requests.filter((request) => request.url.startsWith(`/${name}/`)),
  };
}

/** Only the given page: the built-in defaults would reach the internet. */
function onlyPage(provider: string, baseUrl: string): StatusAPIOptions["statusPages"] {
  return { anthropic: false, openai: false, groq: false, deepseek: false, [provider]: { baseUrl } };
}

function createApi(options: StatusAPIOptions): StatusAPI {
  const api = new StatusAPI({ poll: false, statusPages: false, ...options });
  after(() => api.stop());
  return api;
}

const hang: Route = () => {
  // Never answers; server.close() drops the socket at the end.
};

test("a status page answering 500 yields unknown, not an error", async () => {
  const site = mount((_request, response) => sendJson(response, 500, { error: "internal" }));
  const api = createApi({ statusPages: onlyPage("anthropic", site.baseUrl) });
  const status = await api.checkProvider("anthropic");
  assert.equal(status.status, "unknown");
  assert.equal(status.isAvailable, true);
  assert.equal(status.source, "none");
  assert.equal(status.updatedAt, undefined);
  assert.equal(status.detail, "status page unavailable: HTTP 500");
});

test("garbage bodies yield unknown: not JSON, or JSON of another shape", async () => {
  const html = mount((_request, response) => {
    response.writeHead(200, { "content-type": "text/html" });
    response.end("<html><body>Status</body></html>");
  });
  const wrongShape = mount((_request, response) => sendJson(response, 200, ["operational"]));
  const pageApi = createApi({ statusPages: onlyPage("anthropic", html.baseUrl) });
  assert.equal((await pageApi.checkProvider("anthropic")).detail, "status page unavailable: response is not JSON");
  const shapeApi = createApi({ statusPages: onlyPage("anthropic", wrongShape.baseUrl) });
  assert.equal((await shapeApi.checkProvider("anthropic")).detail, "status page unavailable: not a Statuspage v2 summary");
  const statusApi = createApi({ baseUrl: wrongShape.baseUrl });
  assert.equal((await statusApi.checkProvider("openai")).status, "unknown");
  const model = await statusApi.checkModel("gpt-4o");
  assert.equal(model.status, "unknown");
  assert.deepEqual(model.alternatives, []);
  assert.deepEqual(await statusApi.searchModels("gpt"), []);
  const htmlApi = createApi({ baseUrl: html.baseUrl });
  assert.equal((await htmlApi.checkModel("gpt-4o")).status, "unknown");
});

test("a server that never answers: every lookup returns unknown within the check timeout", async () => {
  const site = mount(hang);
  const api = createApi({ baseUrl: site.baseUrl, statusPages: onlyPage("openai", site.baseUrl), checkTimeout: 50 });
  const provider = await api.checkProvider("openai");
  assert.equal(provider.status, "unknown");
  assert.match(provider.detail ?? "", /no answer within 50 ms/);
  assert.equal((await api.checkModel("gpt-4o")).status, "unknown");
  assert.deepEqual(
    (await api.providers()).map((entry) => [entry.provider, entry.status, entry.source]),
    [["openai", "unknown", "none"]],
  );
  assert.deepEqual(await api.searchModels("gpt"), []);
});

test("an unreachable host yields unknown", async () => {
  const gone = await startTestServer(() => {});
  await gone.close();
  const api = createApi({ baseUrl: gone.url, statusPages: onlyPage("groq", gone.url) });
  const status = await api.checkProvider("groq");
  assert.equal(status.status, "unknown");
  assert.match(status.detail ?? "", /status page unavailable: connection failed/);
  assert.match(status.detail ?? "", /status API unavailable: connection failed/);
});

test("two lookups within the TTL cost one request", async () => {
  const site = mount((_request, response) => sendJson(response, 200, loadFixture("anthropic-summary.json")));
  const clock = createManualClock();
  const api = createApi({ statusPages: onlyPage("anthropic", site.baseUrl), now: clock.now, ttl: 60_000 });
  assert.equal((await api.checkProvider("anthropic")).status, "down");
  clock.advance(59_000);
  assert.equal((await api.checkProvider("anthropic")).status, "down");
  assert.equal((await api.checkModel("claude-opus-4-6")).status, "down");
  assert.equal(site.requests().length, 1);
});

test("after the TTL the cached status is served at once and refreshed in the background", async () => {
  let componentStatus = "major_outage";
  const site = mount((_request, response) =>
    sendJson(response, 200, buildSummary({ components: [{ name: "Claude API (api.anthropic.com)", status: componentStatus }] })),
  );
  const clock = createManualClock();
  const api = createApi({ statusPages: onlyPage("anthropic", site.baseUrl), now: clock.now, ttl: 60_000 });
  const first = await api.checkProvider("anthropic");
  assert.equal(first.status, "down");

  componentStatus = "operational";
  clock.advance(60_000);
  const stale = await api.checkProvider("anthropic");
  assert.equal(stale.status, "down", "the stale value is answered without waiting");
  assert.deepEqual(stale.updatedAt, first.updatedAt);
  await api.waitForIdle();
  assert.equal(site.requests().length, 2);
  const fresh = await api.checkProvider("anthropic");
  assert.equal(fresh.status, "operational");
  assert.deepEqual(fresh.updatedAt, new Date(clock.now()));
});

test("ETag: the refresh sends If-None-Match and a 304 keeps the stored status", async () => {
  const site = mount((request, response) => {
    if (request.headers["if-none-match"] === '"v42"') {
      response.writeHead(304, { etag: '"v42"' });
      response.end();
      return;
    }
    sendJson(response, 200, loadFixture("anthropic-summary.json"), { etag: '"v42"' });
  });
  const clock = createManualClock();
  const api = createApi({ statusPages: onlyPage("anthropic", site.baseUrl), now: clock.now, ttl: 1000 });
  assert.equal((await api.checkProvider("anthropic")).status, "down");
  clock.advance(1000);
  await api.checkProvider("anthropic");
  await api.waitForIdle();
  const [first, second] = site.requests();
  assert.equal(first?.headers["if-none-match"], undefined);
  assert.equal(second?.headers["if-none-match"], '"v42"');
  const after304 = await api.checkProvider("anthropic");
  assert.equal(after304.status, "down");
  assert.deepEqual(after304.updatedAt, new Date(clock.now()), "a 304 counts as a fresh confirmation");
  assert.equal(site.requests().length, 2);
});

test("a failing source keeps its last good status until max age, then it is unknown", async () => {
  let failing = false;
  const site = mount((_request, response) =>
    failing ? sendJson(response, 503, { error: "unavailable" }) : sendJson(response, 200, loadFixture("aistatus-providers.json")),
  );
  const clock = createManualClock();
  const api = createApi({ baseUrl: site.baseUrl, now: clock.now, ttl: 1000, maxAge: 5000 });
  assert.equal((await api.checkProvider("xai")).status, "down");
  failing = true;
  clock.advance(1000);
  await api.checkProvider("xai");
  await api.waitForIdle();
  const kept = await api.checkProvider("xai");
  assert.equal(kept.status, "down");
  assert.equal(kept.source, "status-api");
  clock.advance(4000);
  const expired = await api.checkProvider("xai");
  assert.equal(expired.status, "unknown");
  assert.equal(expired.updatedAt, undefined);
});

test("polling refreshes looked-up statuses in the background", async () => {
  const site = mount((_request, response) => sendJson(response, 200, loadFixture("aistatus-providers.json")));
  const api = createApi({ baseUrl: site.baseUrl, ttl: 25, poll: true });
  await api.checkProvider("openai");
  // Wait for the poller's next request (an event, not a duration).
  for (let attempt = 0; attempt < 200 && site.requests().length < 2; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  assert.ok(site.requests().length >= 2, "the poller fetched again without a lookup");
});

test("the injected fetch is used for every request", async () => {
  const urls: string[] = [];
  const api = createApi({
    baseUrl: "https://status-api.invalid",
    statusPages: onlyPage("deepseek", "https://deepseek-status.invalid"),
    fetch: async (input) => {
      urls.push(String(input));
      const body = String(input).includes("summary.json")
        ? buildSummary({ components: [{ name: "API Service", status: "partial_outage" }] })
        : loadFixture("aistatus-providers.json");
      return new Response(JSON.stringify(body), { headers: { "content-type": "application/json" } });
    },
  });
  const status = await api.checkProvider("deepseek");
  assert.equal(status.status, "degraded");
  assert.equal(status.source, "status-page");
  assert.deepEqual(urls.sort(), ["https://deepseek-status.invalid/api/v2/summary.json", "https://status-api.invalid/api/providers"]);
});

test("stop() aborts fetches in flight and leaves no timers behind", async () => {
  const timers = trackTimers();
  try {
    let hangingSignal: AbortSignal | undefined;
    const api = new StatusAPI({
      baseUrl: "https://status-api.invalid",
      statusPages: false,
      checkTimeout: 10_000,
      fetch: (input, init) => {
        if (String(input).includes("/api/check")) return Promise.resolve(Response.json(loadFixture("aistatus-check-model.json")));
        hangingSignal = init?.signal ?? undefined;
        return new Promise<Response>((_resolve, reject) => {
          init?.signal?.addEventListener("abort", () => reject(init.signal?.reason));
        });
      },
    });
    // A quick answer must not leave its check-timeout timer running.
    assert.equal((await api.checkModel("claude-sonnet-4-6")).status, "down");
    const pending = api.checkProvider("openai");
    while (hangingSignal === undefined) await new Promise((resolve) => setImmediate(resolve));
    assert.ok(timers.live() > 0, "the poller and the pending lookup's timeout are running");
    api.stop();
    const status = await pending;
    assert.equal(hangingSignal.aborted, true);
    assert.equal(status.status, "unknown");
    assert.equal(status.detail, "status API unavailable: request aborted");
    await api.waitForIdle();
    assert.equal(timers.live(), 0);
    // After stop nothing new is fetched, and lookups still answer from the cache.
    assert.equal((await api.checkModel("claude-sonnet-4-6")).status, "down");
    assert.equal((await api.checkProvider("anthropic")).status, "unknown");
    assert.equal(timers.live(), 0);
  } finally {
    timers.restore();
  }
});
