/**
 * `POST /anthropic/v1/messages/count_tokens`: the configured Anthropic provider's own count
 * when there is one, llmux's estimate when there is none or it fails.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import Anthropic from "@anthropic-ai/sdk";
import { estimateInputTokens } from "../../src/core/estimate-tokens.ts";
import { anthropicMessagesDialect } from "../../src/dialects/anthropic-messages/index.ts";
import { sendJson } from "../support/http-server.ts";
import { postJson, startTestGateway, startUpstream } from "./support.ts";

const messagesBody = {
  model: "claude-haiku-4-5",
  system: "You are terse.",
  messages: [{ role: "user", content: "How many tokens is this sentence, roughly speaking?" }],
};

/** What llmux estimates for a Messages body (the same estimator the router plans with). */
function estimateOf(body: Record<string, unknown>): number {
  return estimateInputTokens(anthropicMessagesDialect.decodeRequest({ ...body, max_tokens: 1 }).value);
}

test("with an Anthropic provider configured, its own count answers (the SDK's countTokens)", async () => {
  const upstream = await startUpstream((_request, response) => sendJson(response, 200, { input_tokens: 42 }));
  const gateway = await startTestGateway(["providers:", "  anthropic:", "    keys: [sk-ant-test-count-000001]", `    baseUrl: ${upstream.url}`]);
  const client = new Anthropic({ apiKey: "sk-ant-placeholder", baseURL: `${gateway.url}/anthropic`, maxRetries: 0 });

  const { data: counted, response } = await client.messages
    .countTokens({ model: messagesBody.model, system: messagesBody.system, messages: [{ role: "user", content: "How many tokens is this sentence, roughly speaking?" }] })
    .withResponse();
  assert.deepEqual(counted, { input_tokens: 42 });
  assert.equal(response.headers.get("x-llmux-token-count"), "upstream");
  assert.equal(response.headers.get("x-llmux-provider"), "anthropic");

  const sent = upstream.requests.at(-1);
  assert.equal(sent?.url, "/v1/messages/count_tokens");
  assert.equal(sent?.headers["x-api-key"], "sk-ant-test-count-000001");
  assert.deepEqual(sent?.body, { model: "claude-haiku-4-5", system: messagesBody.system, messages: messagesBody.messages });

  // max_tokens and stream are generation fields: they never reach count_tokens.
  await postJson(`${gateway.url}/anthropic/v1/messages/count_tokens`, { ...messagesBody, max_tokens: 100, stream: true });
  assert.deepEqual(Object.keys((upstream.requests.at(-1)?.body as object) ?? {}).sort(), ["messages", "model", "system"]);
});

test("without an Anthropic provider the answer is llmux's estimate, and says so", async () => {
  const gateway = await startTestGateway([]);
  const response = await postJson(`${gateway.url}/anthropic/v1/messages/count_tokens`, messagesBody);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get("x-llmux-token-count"), "estimate");
  const body = (await response.json()) as { input_tokens: number };
  assert.deepEqual(Object.keys(body), ["input_tokens"]);
  assert.equal(body.input_tokens, estimateOf(messagesBody));

  const longer = { ...messagesBody, messages: [{ role: "user", content: "word ".repeat(400) }] };
  const longerCount = ((await (await postJson(`${gateway.url}/anthropic/v1/messages/count_tokens`, longer)).json()) as { input_tokens: number }).input_tokens;
  assert.ok(longerCount > body.input_tokens + 400, `a 2000-character prompt counts more (${longerCount})`);
});

test("an upstream count that fails falls back to the estimate", async () => {
  const upstream = await startUpstream((_request, response) => sendJson(response, 529, { type: "error", error: { type: "overloaded_error", message: "Overloaded" } }));
  const gateway = await startTestGateway(["providers:", "  anthropic:", "    keys: [sk-ant-test-count-000002]", `    baseUrl: ${upstream.url}`]);
  const response = await postJson(`${gateway.url}/anthropic/v1/messages/count_tokens`, messagesBody);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get("x-llmux-token-count"), "estimate");
  assert.equal(((await response.json()) as { input_tokens: number }).input_tokens, estimateOf(messagesBody));
  assert.equal(upstream.requests.length, 1);
});

test("a body that is not a Messages request: 400 in Anthropic's format", async () => {
  const gateway = await startTestGateway([]);
  const response = await postJson(`${gateway.url}/anthropic/v1/messages/count_tokens`, { model: "claude-haiku-4-5", messages: "hello" });
  assert.equal(response.status, 400);
  const body = (await response.json()) as { type: string; error: { type: string; message: string } };
  assert.equal(body.type, "error");
  assert.equal(body.error.type, "invalid_request_error");
  assert.match(body.error.message, /messages/);
});
