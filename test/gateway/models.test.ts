/**
 * Model listing in all four shapes, read by the official SDKs where they have a list call,
 * and `?healthy=true` leaving out a route that is cooling down.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import Anthropic from "@anthropic-ai/sdk";
import { GoogleGenAI } from "@google/genai";
import OpenAI from "openai";
import { defaultCatalog } from "../../src/catalog/index.ts";
import type { CanonicalResponse } from "../../src/core/types/response.ts";
import { anthropicMessagesDialect } from "../../src/dialects/anthropic-messages/index.ts";
import { sendJson } from "../support/http-server.ts";
import { chatBody, openaiUpstreamHandler, overloadedBody, postJson, quickFailureLines, startTestGateway, startUpstream } from "./support.ts";

const openaiUpstream = await startUpstream(
  openaiUpstreamHandler((request) => ((request.body as { model?: string }).model === "gpt-4o" ? { status: 503, body: overloadedBody } : undefined)),
);
// Anthropic answers whatever it is asked: it serves gpt-4o's peer when gpt-4o is overloaded.
const anthropicUpstream = await startUpstream((request, response) => {
  const model = (request.body as { model?: string }).model ?? "claude";
  const message: CanonicalResponse = {
    id: "msg_test",
    model,
    content: [{ type: "text", text: `hello from ${model}` }],
    finishReason: { unified: "stop", raw: "end_turn" },
    usage: { inputTokens: 3, outputTokens: 2, cacheReadTokens: undefined, cacheWriteTokens: undefined, reasoningTokens: undefined },
  };
  sendJson(response, 200, anthropicMessagesDialect.encodeResponse(message).value);
});
const gateway = await startTestGateway([
  "providers:",
  "  openai:",
  "    keys: [sk-test-models-openai-0001]",
  `    baseUrl: ${openaiUpstream.url}/v1`,
  "  anthropic:",
  "    keys: [sk-ant-test-models-0001]",
  `    baseUrl: ${anthropicUpstream.url}`,
  ...quickFailureLines,
]);

/** What the catalog says openai and anthropic serve: the expected list, in catalog order. */
const expected = defaultCatalog
  .all()
  .filter((entry) => defaultCatalog.providersOf(entry.id).some((provider) => provider === "openai" || provider === "anthropic"))
  .map((entry) => entry.id);

test("the expectation is not trivial: both vendors' models, nobody else's", () => {
  assert.ok(expected.includes("gpt-4o-mini"));
  assert.ok(expected.includes("claude-haiku-4-5"));
  assert.ok(!expected.includes("gemini-2.5-flash"));
  assert.ok(expected.length > 25);
});

test("OpenAI: openai.models.list() and retrieve() parse the gateway's answers", async () => {
  const client = new OpenAI({ apiKey: "sk-placeholder", baseURL: `${gateway.url}/v1`, maxRetries: 0 });
  const models = [];
  for await (const model of client.models.list()) models.push(model);
  assert.deepEqual(
    models.map((model) => model.id),
    expected,
  );
  const mini = models.find((model) => model.id === "gpt-4o-mini");
  assert.deepEqual(Object.keys(mini ?? {}).sort(), ["created", "id", "object", "owned_by"]);
  assert.equal(mini?.object, "model");
  assert.equal(mini?.owned_by, "openai");
  assert.equal(typeof mini?.created, "number");

  const retrieved = await client.models.retrieve("gpt-4o-mini");
  assert.equal(retrieved.id, "gpt-4o-mini");
  await assert.rejects(client.models.retrieve("no-such-model"), (error: unknown) => {
    assert.ok(error instanceof OpenAI.NotFoundError);
    assert.equal(error.code, "model_not_found");
    return true;
  });
  const prefixed = (await (await fetch(`${gateway.url}/openai/v1/models`)).json()) as { object: string; data: unknown[] };
  assert.equal(prefixed.object, "list");
  assert.equal(prefixed.data.length, expected.length);
});

test("Anthropic: anthropic.models.list() pages through every model with limit and after_id", async () => {
  const client = new Anthropic({ apiKey: "sk-ant-placeholder", baseURL: `${gateway.url}/anthropic`, maxRetries: 0 });
  const ids: string[] = [];
  for await (const model of client.models.list({ limit: 7 })) {
    assert.equal(model.type, "model");
    assert.equal(typeof model.display_name, "string");
    assert.match(model.created_at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    ids.push(model.id);
  }
  assert.deepEqual(ids, expected);

  const first = (await (await fetch(`${gateway.url}/anthropic/v1/models?limit=3`)).json()) as { data: Array<{ id: string }>; has_more: boolean; first_id: string; last_id: string };
  assert.deepEqual(
    first.data.map((model) => model.id),
    expected.slice(0, 3),
  );
  assert.equal(first.has_more, true);
  assert.equal(first.first_id, expected[0]);
  assert.equal(first.last_id, expected[2]);
  const bad = await fetch(`${gateway.url}/anthropic/v1/models?limit=0`);
  assert.equal(bad.status, 400);
  assert.equal(((await bad.json()) as { error: { type: string } }).error.type, "invalid_request_error");
});

test("a bare /v1/models with anthropic-version gets the Anthropic shape (the SDK without a prefix)", async () => {
  const client = new Anthropic({ apiKey: "sk-ant-placeholder", baseURL: gateway.url, maxRetries: 0 });
  const page = await client.models.list({ limit: 2 });
  assert.deepEqual(
    page.data.map((model) => model.id),
    expected.slice(0, 2),
  );
  assert.equal(page.has_more, true);
  const plain = (await (await fetch(`${gateway.url}/v1/models`)).json()) as { object?: string };
  assert.equal(plain.object, "list", "without the header it is OpenAI's list");
});

test("Gemini: ai.models.list() on /v1 (SDK 3 default) and /v1beta reads models/<id> names", async () => {
  for (const apiVersion of ["v1", "v1beta"]) {
    const ai = new GoogleGenAI({ apiKey: "gemini-placeholder", httpOptions: { baseUrl: `${gateway.url}/gemini`, apiVersion } });
    const pager = await ai.models.list({ config: { pageSize: 20 } });
    const names: string[] = [];
    for await (const model of pager) {
      assert.equal(typeof model.inputTokenLimit, "number");
      assert.deepEqual(model.supportedActions, ["generateContent", "streamGenerateContent"]);
      names.push(model.name ?? "");
    }
    assert.deepEqual(
      names,
      expected.map((id) => `models/${id}`),
      apiVersion,
    );
  }
});

test("Ollama: /api/tags lists every model in Ollama's shape", async () => {
  const tags = (await (await fetch(`${gateway.url}/ollama/api/tags`)).json()) as { models: Array<Record<string, unknown>> };
  assert.deepEqual(
    tags.models.map((model) => model["name"]),
    expected,
  );
  const haiku = tags.models.find((model) => model["name"] === "claude-haiku-4-5");
  assert.equal(haiku?.["model"], "claude-haiku-4-5");
  assert.equal(haiku?.["size"], 0);
  assert.equal(haiku?.["digest"], "");
  assert.equal(typeof haiku?.["modified_at"], "string");
  assert.equal((haiku?.["details"] as { family: string }).family, "claude-haiku");
});

test("?healthy=true (or ?available=true) leaves out a model whose only route is cooling", async () => {
  // gpt-4o is overloaded: a peer on Anthropic serves it, and the gpt-4o route cools down.
  const failed = await postJson(`${gateway.url}/v1/chat/completions`, chatBody("gpt-4o"));
  assert.equal(failed.status, 200);
  assert.notEqual(failed.headers.get("x-llmux-model"), "gpt-4o");

  const all = (await (await fetch(`${gateway.url}/v1/models`)).json()) as { data: Array<{ id: string }> };
  assert.ok(all.data.some((model) => model.id === "gpt-4o"), "the full list still has it");

  const healthy = (await (await fetch(`${gateway.url}/v1/models?healthy=true`)).json()) as { data: Array<{ id: string }> };
  const healthyIds = healthy.data.map((model) => model.id);
  assert.ok(!healthyIds.includes("gpt-4o"));
  assert.deepEqual(
    healthyIds,
    expected.filter((id) => id !== "gpt-4o"),
  );

  const tags = (await (await fetch(`${gateway.url}/ollama/api/tags?available=true`)).json()) as { models: Array<{ name: string }> };
  assert.ok(!tags.models.some((model) => model.name === "gpt-4o"));
  assert.ok(tags.models.some((model) => model.name === "gpt-4o-mini"));
  const gemini = (await (await fetch(`${gateway.url}/gemini/v1beta/models?healthy=true&pageSize=1000`)).json()) as { models: Array<{ name: string }> };
  assert.ok(!gemini.models.some((model) => model.name === "models/gpt-4o"));
});
