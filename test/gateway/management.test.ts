/**
 * Management endpoints against a real gateway: /status after failures, /mode switching that
 * changes what a request is served by, /usage summaries, /metrics in Prometheus text.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { StatusAPI } from "../../src/status/index.ts";
import { sendJson } from "../support/http-server.ts";
import { chatBody, openaiUpstreamHandler, overloadedBody, postJson, quickFailureLines, startTestGateway, startUpstream } from "./support.ts";

const openaiKey = "sk-test-management-0000000001";

/** OpenAI upstream whose gpt-4o deployment is overloaded; every other model answers. */
async function startOpenAI() {
  return startUpstream(openaiUpstreamHandler((request) => ((request.body as { model?: string }).model === "gpt-4o" ? { status: 503, body: overloadedBody } : undefined)));
}

function configLines(upstreamUrl: string): string[] {
  return [
    "providers:",
    "  openai:",
    `    keys: ["${openaiKey}"]`,
    `    baseUrl: ${upstreamUrl}/v1`,
    "modes:",
    "  rescue:",
    "    description: fall back from gpt-4o to gpt-4o-mini",
    "    fallbacks:",
    "      gpt-4o: [gpt-4o-mini]",
    "  plain: {}",
    ...quickFailureLines,
  ];
}

interface RouteView {
  model: string;
  state: string;
  errorRate: number | null;
  failures: number;
  inFlight: number;
  cooldown: { remainingMs: number; reason: { kind: string; status: number; message: string } } | null;
  recentErrors: Array<{ kind: string; status: number }>;
  latency: { p50Ms: number | null; p95Ms: number | null };
  ttft: { p50Ms: number | null; p95Ms: number | null };
}

interface StatusView {
  mode: { active: string | null; available: string[] };
  providers: Array<{ id: string; configured: boolean; dialect: string; keys: Array<{ id: string; state: string }>; routes: RouteView[] }>;
  statusPages?: Array<{ provider: string; status: string; isAvailable: boolean }>;
}

test("GET /status shows a cooling route with its reason, keys by id only, and the modes", async () => {
  const upstream = await startOpenAI();
  const gateway = await startTestGateway(configLines(upstream.url));
  const failed = await postJson(`${gateway.url}/v1/chat/completions`, chatBody("gpt-4o"));
  assert.equal(failed.status, 503);
  const served = await postJson(`${gateway.url}/v1/chat/completions`, chatBody("gpt-4o-mini"));
  assert.equal(served.status, 200);

  const response = await fetch(`${gateway.url}/status`);
  assert.equal(response.status, 200);
  const text = await response.text();
  assert.ok(!text.includes(openaiKey), "the provider key must never appear");
  const status = JSON.parse(text) as StatusView;
  assert.deepEqual(status.mode, { active: null, available: ["rescue", "plain"] });
  assert.equal(status.statusPages, undefined, "no status-page view when status checks are off");

  const openai = status.providers.find((provider) => provider.id === "openai");
  assert.ok(openai);
  assert.equal(openai.configured, true);
  assert.equal(openai.dialect, "openai-chat");
  assert.equal(openai.keys.length, 1);
  assert.match(openai.keys[0]?.id ?? "", /^openai#[0-9a-f]{8}$/);

  const cooling = openai.routes.find((route) => route.model === "gpt-4o");
  assert.ok(cooling, "the failed route is listed");
  assert.equal(cooling.state, "cooling");
  assert.equal(cooling.errorRate, 1);
  assert.equal(cooling.failures, 1);
  assert.equal(cooling.inFlight, 0);
  assert.ok(cooling.cooldown && cooling.cooldown.remainingMs > 0);
  assert.equal(cooling.cooldown.reason.kind, "overloaded");
  assert.equal(cooling.cooldown.reason.status, 503);
  assert.deepEqual(cooling.recentErrors.map((error) => [error.kind, error.status]), [["overloaded", 503]]);

  const healthy = openai.routes.find((route) => route.model === "gpt-4o-mini");
  assert.ok(healthy);
  assert.equal(healthy.state, "healthy");
  assert.equal(healthy.errorRate, 0);
  assert.equal(healthy.cooldown, null);
  assert.equal(typeof healthy.latency.p50Ms, "number");
  assert.equal(typeof healthy.latency.p95Ms, "number");
});

test("GET /status adds the status-page view when a status source is configured", async () => {
  const page = await startUpstream((_request, response) =>
    sendJson(response, 200, {
      page: { id: "p", name: "OpenAI", url: "https://status.example.com", time_zone: "Etc/UTC", updated_at: "2026-11-20T00:00:00Z" },
      status: { indicator: "major", description: "Major outage" },
      components: [{ id: "c1", name: "API", status: "major_outage", group: false }],
      incidents: [],
      scheduled_maintenances: [],
    }),
  );
  const status = new StatusAPI({ poll: false, statusPages: { anthropic: false, groq: false, deepseek: false, openai: { baseUrl: page.url, components: ["API"] } } });
  const upstream = await startOpenAI();
  const gateway = await startTestGateway(configLines(upstream.url), { status });

  const view = (await (await fetch(`${gateway.url}/status`)).json()) as StatusView;
  const openai = view.statusPages?.find((entry) => entry.provider === "openai");
  assert.ok(openai, "the configured provider's status is there");
  assert.equal(openai.status, "down");
  assert.equal(openai.isAvailable, false);

  // A provider whose status page says down serves nothing "available" right now.
  const all = (await (await fetch(`${gateway.url}/v1/models`)).json()) as { data: unknown[] };
  const available = (await (await fetch(`${gateway.url}/v1/models?available=true`)).json()) as { data: unknown[] };
  assert.ok(all.data.length > 0);
  assert.deepEqual(available.data, []);
});

test("POST /mode switches the active mode and the next request is routed by it", async () => {
  const upstream = await startOpenAI();
  const gateway = await startTestGateway(configLines(upstream.url));

  assert.deepEqual(await (await fetch(`${gateway.url}/mode`)).json(), {
    mode: null,
    modes: [
      { name: "rescue", description: "fall back from gpt-4o to gpt-4o-mini" },
      { name: "plain", description: null },
    ],
  });
  const before = await postJson(`${gateway.url}/v1/chat/completions`, chatBody("gpt-4o"));
  assert.equal(before.status, 503, "without the mode there is no fallback for gpt-4o");

  const unknown = await postJson(`${gateway.url}/mode`, { mode: "turbo" });
  assert.equal(unknown.status, 400);
  const unknownBody = (await unknown.json()) as { error: { message: string; param: string } };
  assert.match(unknownBody.error.message, /turbo/);
  assert.match(unknownBody.error.message, /rescue, plain/);
  assert.equal(unknownBody.error.param, "mode");

  const missing = await postJson(`${gateway.url}/mode`, { name: "rescue" });
  assert.equal(missing.status, 400);

  const switched = await postJson(`${gateway.url}/mode`, { mode: "rescue" });
  assert.equal(switched.status, 200);
  assert.equal(((await switched.json()) as { mode: string }).mode, "rescue");
  assert.equal(((await (await fetch(`${gateway.url}/mode`)).json()) as { mode: string }).mode, "rescue");

  const after = await postJson(`${gateway.url}/v1/chat/completions`, chatBody("gpt-4o"));
  assert.equal(after.status, 200);
  assert.equal(after.headers.get("x-llmux-model"), "gpt-4o-mini");
  assert.equal(after.headers.get("x-llmux-route-mode"), "model-fallback");
  assert.equal(((await (await fetch(`${gateway.url}/status`)).json()) as StatusView).mode.active, "rescue");
});

interface UsageRow {
  group: string | null;
  requests: number;
  failures: number;
  inputTokens: number | null;
  outputTokens: number | null;
}

test("GET /usage groups the recorded requests; format=table prints the table; bad values are 400", async () => {
  const upstream = await startOpenAI();
  const gateway = await startTestGateway(configLines(upstream.url));
  for (const model of ["gpt-4o-mini", "gpt-4o-mini", "gpt-4.1", "gpt-4o"]) await postJson(`${gateway.url}/v1/chat/completions`, chatBody(model));

  const byModel = (await (await fetch(`${gateway.url}/usage`)).json()) as { period: string; groupBy: string; rows: UsageRow[] };
  assert.equal(byModel.period, "24h");
  assert.equal(byModel.groupBy, "model");
  const rows = new Map(byModel.rows.map((row) => [row.group, row]));
  assert.equal(rows.get("gpt-4o-mini")?.requests, 2);
  assert.equal(rows.get("gpt-4o-mini")?.inputTokens, 20);
  assert.equal(rows.get("gpt-4o-mini")?.outputTokens, 10);
  assert.equal(rows.get("gpt-4.1")?.requests, 1);
  assert.equal(rows.get("gpt-4o")?.failures, 1);

  const byProvider = (await (await fetch(`${gateway.url}/usage?period=all&group_by=provider`)).json()) as { rows: UsageRow[] };
  assert.deepEqual(
    byProvider.rows.map((row) => [row.group, row.requests]),
    [
      ["openai", 3],
      [null, 1],
    ],
  );

  const table = await fetch(`${gateway.url}/usage?group_by=route-mode&format=table`);
  assert.equal(table.status, 200);
  assert.match(table.headers.get("content-type") ?? "", /^text\/plain/);
  const tableText = await table.text();
  assert.match(tableText, /^ROUTE-MODE\s+REQUESTS/);
  assert.match(tableText, /\ndirect\s+4\s+1\s/);

  for (const query of ["period=1y", "group_by=colour", "format=xml"]) {
    const bad = await fetch(`${gateway.url}/usage?${query}`);
    assert.equal(bad.status, 400, query);
    const body = (await bad.json()) as { error: { type: string; param: string } };
    assert.equal(body.error.type, "invalid_request_error");
    assert.equal(body.error.param, query.split("=")[0]);
  }
});

test("GET /usage says clearly when usage recording is off", async () => {
  const upstream = await startOpenAI();
  const gateway = await startTestGateway(configLines(upstream.url), { usage: false });
  const response = await fetch(`${gateway.url}/usage`);
  assert.equal(response.status, 404);
  assert.match(((await response.json()) as { error: { message: string } }).error.message, /usage recording is off/i);
});

test("GET /metrics counts requests by dialect, provider, model, route mode and status", async () => {
  const upstream = await startOpenAI();
  const gateway = await startTestGateway(configLines(upstream.url));
  for (const model of ["gpt-4o-mini", "gpt-4o-mini", "gpt-4o"]) await postJson(`${gateway.url}/v1/chat/completions`, chatBody(model));

  const response = await fetch(`${gateway.url}/metrics`);
  assert.equal(response.status, 200);
  assert.match(response.headers.get("content-type") ?? "", /^text\/plain; version=0\.0\.4/);
  const text = await response.text();
  assert.match(text, /^llmux_requests_total\{dialect="openai-chat",provider="openai",model="gpt-4o-mini",route_mode="direct",status="200"\} 2$/m);
  assert.match(text, /^llmux_requests_total\{dialect="openai-chat",provider="none",model="gpt-4o",route_mode="direct",status="503"\} 1$/m);
  assert.match(text, /^llmux_upstream_failures_total\{provider="openai",kind="overloaded"\} 1$/m);
});
