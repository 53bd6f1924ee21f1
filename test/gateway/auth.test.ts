/**
 * Gateway auth as each kind of client meets it: /health stays public; without a key, or with
 * a wrong one, every dialect gets a 401 in its own error format; the right key works where
 * each SDK puts it; management endpoints want the admin key.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { hashKey } from "../../src/config/index.ts";
import { chatBody, openaiUpstreamHandler, postJson, startTestGateway, startUpstream } from "./support.ts";

const clientKey = "llmux_client-key-for-tests-0001";
const adminKey = "llmux_admin-key-for-tests-0001";

const upstream = await startUpstream(openaiUpstreamHandler());
const gateway = await startTestGateway([
  "auth:",
  "  enabled: true",
  "  keys:",
  "    - id: team-a",
  `      hash: "${hashKey(clientKey)}"`,
  `  adminKey: "${hashKey(adminKey)}"`,
  "providers:",
  "  openai:",
  "    keys: [sk-test-auth-upstream-000001]",
  `    baseUrl: ${upstream.url}/v1`,
]);

/** One chat request per dialect, each with its own error shape. */
const chatCalls: Array<{ dialect: string; path: string; body: unknown; check(status: number, body: unknown): void }> = [
  {
    dialect: "openai",
    path: "/v1/chat/completions",
    body: chatBody("gpt-4o-mini"),
    check(status, body) {
      assert.equal(status, 401);
      const error = (body as { error: { type: string; code: string; message: string } }).error;
      assert.equal(error.type, "invalid_request_error");
      assert.equal(error.code, "invalid_api_key");
      assert.equal(typeof error.message, "string");
    },
  },
  {
    dialect: "anthropic",
    path: "/anthropic/v1/messages",
    body: { model: "gpt-4o-mini", max_tokens: 16, messages: [{ role: "user", content: "hi" }] },
    check(status, body) {
      assert.equal(status, 401);
      const wire = body as { type: string; error: { type: string } };
      assert.equal(wire.type, "error");
      assert.equal(wire.error.type, "authentication_error");
    },
  },
  {
    dialect: "gemini",
    path: "/gemini/v1beta/models/gpt-4o-mini:generateContent",
    body: { contents: [{ role: "user", parts: [{ text: "hi" }] }] },
    check(status, body) {
      assert.equal(status, 401);
      const error = (body as { error: { code: number; status: string } }).error;
      assert.equal(error.code, 401);
      assert.equal(error.status, "UNAUTHENTICATED");
    },
  },
  {
    dialect: "ollama",
    path: "/ollama/api/chat",
    body: { model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }], stream: false },
    check(status, body) {
      assert.equal(status, 401);
      assert.equal(typeof (body as { error: unknown }).error, "string");
    },
  },
];

test("/health is public even with auth on", async () => {
  const response = await fetch(`${gateway.url}/health`);
  assert.equal(response.status, 200);
  assert.equal(((await response.json()) as { status: string }).status, "ok");
});

test("no key: 401 in each dialect's own error format, and nothing goes upstream", async () => {
  const before = upstream.requests.length;
  for (const call of chatCalls) {
    const response = await postJson(`${gateway.url}${call.path}`, call.body);
    call.check(response.status, await response.json());
  }
  assert.equal(upstream.requests.length, before);
});

test("a wrong key: 401 in each dialect's format, wherever the key was put", async () => {
  const wrong = "llmux_not-a-real-key-000000000";
  const placements: Array<Record<string, string>> = [{ authorization: `Bearer ${wrong}` }, { "x-api-key": wrong }, { "x-goog-api-key": wrong }];
  for (const call of chatCalls) {
    for (const headers of placements) {
      const response = await postJson(`${gateway.url}${call.path}`, call.body, headers);
      call.check(response.status, await response.json());
    }
  }
  const query = await postJson(`${gateway.url}/gemini/v1beta/models/gpt-4o-mini:generateContent?key=${wrong}`, chatCalls[2]?.body);
  assert.equal(query.status, 401);
});

test("the right key works as Bearer, x-api-key, x-goog-api-key and ?key=", async () => {
  const cases: Array<{ path: string; headers: Record<string, string> }> = [
    { path: "/v1/models", headers: { authorization: `Bearer ${clientKey}` } },
    { path: "/anthropic/v1/models", headers: { "x-api-key": clientKey, "anthropic-version": "2023-06-01" } },
    { path: "/anthropic/v1/models", headers: { authorization: `Bearer ${clientKey}`, "anthropic-version": "2026-10-21" } },
    { path: "/gemini/v1beta/models", headers: { "x-goog-api-key": clientKey } },
    { path: `/gemini/v1/models?key=${encodeURIComponent(clientKey)}`, headers: {} },
    { path: "/ollama/api/tags", headers: { authorization: `Bearer ${clientKey}` } },
  ];
  for (const { path, headers } of cases) {
    const response = await fetch(`${gateway.url}${path}`, { headers });
    assert.equal(response.status, 200, `${path} ${JSON.stringify(Object.keys(headers))}`);
  }
  const chat = await postJson(`${gateway.url}/v1/chat/completions`, chatBody("gpt-4o-mini"), { authorization: `Bearer ${clientKey}` });
  assert.equal(chat.status, 200);
  const sent = upstream.requests.at(-1);
  assert.equal(sent?.headers.authorization, "Bearer sk-test-auth-upstream-000001", "the gateway key is never forwarded upstream");
});

test("management endpoints need the admin key; a client key is not enough", async () => {
  for (const path of ["/status", "/usage", "/mode", "/metrics"]) {
    const none = await fetch(`${gateway.url}${path}`);
    assert.equal(none.status, 401, `${path} without a key`);
    assert.equal(((await none.json()) as { error: { code: string } }).error.code, "invalid_api_key");
    const client = await fetch(`${gateway.url}${path}`, { headers: { authorization: `Bearer ${clientKey}` } });
    assert.equal(client.status, 401, `${path} with a client key`);
    await client.body?.cancel();
    const admin = await fetch(`${gateway.url}${path}`, { headers: { authorization: `Bearer ${adminKey}` } });
    assert.equal(admin.status, 200, `${path} with the admin key`);
    await admin.body?.cancel();
  }
  const viaHeader = await fetch(`${gateway.url}/status`, { headers: { "x-llmux-admin-key": adminKey } });
  assert.equal(viaHeader.status, 200);
  await viaHeader.body?.cancel();
  const switched = await postJson(`${gateway.url}/mode`, { mode: "none" }, { authorization: `Bearer ${clientKey}` });
  assert.equal(switched.status, 401);
});

test("usage records which gateway key made each request, by id", async () => {
  await postJson(`${gateway.url}/v1/chat/completions`, chatBody("gpt-4o-mini"), { authorization: `Bearer ${clientKey}` });
  const response = await fetch(`${gateway.url}/usage?group_by=gateway-key`, { headers: { authorization: `Bearer ${adminKey}` } });
  const text = await response.text();
  assert.ok(!text.includes(clientKey));
  const rows = (JSON.parse(text) as { rows: Array<{ group: string | null; requests: number }> }).rows;
  const teamA = rows.find((row) => row.group === "team-a");
  assert.ok(teamA && teamA.requests >= 1);
});
