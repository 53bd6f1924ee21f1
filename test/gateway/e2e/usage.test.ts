/**
 * Every request leaves one usage record, success or failure, that agrees with what the client
 * was told: served model and provider, route mode, attempts, tokens, cost, status, streamed;
 * and says when the token figures are llmux's estimate because the upstream reported none.
 */
import assert from "node:assert/strict";
import type { ServerResponse } from "node:http";
import { after, describe, test } from "node:test";
import { sendJson, sendStream, startTestServer, type TestServer } from "../../support/http-server.ts";
import { askForError, createClient, type ClientDialect } from "./clients.ts";
import { closeAll, startGatewayOver, startHarness } from "./harness.ts";

const servers: TestServer[] = [];
after(async () => {
  await closeAll();
  await Promise.all(servers.map((server) => server.close()));
});

const usage = { inputTokens: 1200, outputTokens: 300 };

describe("usage records", () => {
  test("a translated non-streamed answer: tokens, cost and route as the client saw them", async () => {
    const harness = await startHarness({ upstreams: { anthropic: { script: { reply: { text: "Recorded.", usage } } } } });
    const answer = await createClient("openai", { url: harness.url }).ask({ model: "claude-haiku-4-5", stream: false });
    const record = await harness.recordNumber(1);
    assert.equal(record.requestId, answer.headers["x-request-id"]);
    assert.equal(record.ingressDialect, "openai-chat");
    assert.equal(record.requestedModel, "claude-haiku-4-5");
    assert.equal(record.servedModel, "claude-haiku-4-5");
    assert.equal(record.provider, "anthropic");
    assert.match(record.keyId ?? "", /^anthropic#/);
    assert.equal(record.routeMode, "direct");
    assert.equal(record.attemptCount, 1);
    assert.deepEqual([record.inputTokens, record.outputTokens, record.usageEstimated], [1200, 300, false]);
    assert.ok(record.costUsd !== null && record.costUsd > 0);
    assert.equal(record.costUsd.toFixed(8), answer.headers["x-llmux-cost-usd"]);
    assert.deepEqual([record.status, record.streamed, record.errorKind, record.ttftMs], [200, false, null, null]);
  });

  test("a streamed answer on the fast path: the tokens read from the forwarded frames", async () => {
    const harness = await startHarness({ upstreams: { google: { script: { reply: { text: "Recorded as it streamed by.", usage } } } } });
    await createClient("gemini", { url: harness.url }).ask({ model: "gemini-2.0-flash", stream: true });
    const record = await harness.recordNumber(1);
    assert.equal(record.ingressDialect, "gemini");
    assert.equal(record.provider, "google");
    assert.deepEqual([record.inputTokens, record.outputTokens, record.usageEstimated], [1200, 300, false]);
    assert.ok(record.costUsd !== null && record.costUsd > 0);
    assert.deepEqual([record.status, record.streamed, record.errorKind], [200, true, null]);
    assert.equal(typeof record.ttftMs, "number");
  });

  test("a request every candidate failed: each attempt, the status the client got, and no tokens or cost", async () => {
    const harness = await startHarness({ upstreams: { anthropic: { script: { fail: { kind: "overloaded" } } } } });
    const client = createClient("anthropic", { url: harness.url });
    const error = await askForError(client, { model: "claude-haiku-4-5", stream: true });
    const record = await harness.recordNumber(1);
    assert.equal(record.status, error.status);
    assert.equal(record.provider, null);
    assert.equal(record.servedModel, null);
    assert.equal(record.attemptCount, harness.calls("anthropic"));
    assert.ok(record.attempts.every((attempt) => attempt.outcome === "failure" && attempt.kind === "overloaded"));
    assert.equal(record.errorKind, "overloaded");
    assert.deepEqual([record.inputTokens, record.outputTokens, record.costUsd], [null, null, null]);
    assert.equal(record.streamed, true);
  });
});

describe("an upstream that reports no usage", () => {
  /** An OpenAI-compatible upstream (as some are) that never sends `usage`, even when asked. */
  async function startUsageless(): Promise<TestServer> {
    const text = "No usage from me.";
    const server = await startTestServer((request, response: ServerResponse) => {
      const body = request.body as { stream?: boolean };
      const base = { id: "chatcmpl-nousage", created: 1, model: "gpt-4o-mini" };
      if (!body.stream) {
        sendJson(response, 200, { ...base, object: "chat.completion", choices: [{ index: 0, message: { role: "assistant", content: text }, finish_reason: "stop" }] });
        return;
      }
      const chunk = (delta: Record<string, unknown>, finish: string | null): string =>
        `data: ${JSON.stringify({ ...base, object: "chat.completion.chunk", choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
      return sendStream(response, [chunk({ role: "assistant", content: "" }, null), chunk({ content: text }, null), chunk({}, "stop"), "data: [DONE]\n\n"]);
    });
    servers.push(server);
    return server;
  }

  const cases: Array<{ dialect: ClientDialect; stream: boolean }> = [
    { dialect: "openai", stream: false },
    { dialect: "openai", stream: true },
    { dialect: "anthropic", stream: false },
    { dialect: "anthropic", stream: true },
  ];
  for (const { dialect, stream } of cases) {
    const path = dialect === "openai" ? "fast path" : "translated";
    test(`${dialect} client, ${stream ? "stream" : "non-stream"} (${path}): the record carries llmux's estimate, marked as such`, async () => {
      const harness = await startGatewayOver({ upstreams: { openai: {} } }, { openai: { url: `${(await startUsageless()).url}/v1` } });
      try {
        const answer = await createClient(dialect, { url: harness.url }).ask({ model: "gpt-4o-mini", stream });
        assert.equal(answer.text, "No usage from me.");
        const record = await harness.recordNumber(1);
        assert.equal(record.usageEstimated, true);
        assert.ok((record.inputTokens ?? 0) > 0 && (record.outputTokens ?? 0) > 0, `estimated ${record.inputTokens}/${record.outputTokens}`);
        assert.ok(record.costUsd !== null && record.costUsd > 0);
        assert.equal(record.streamed, stream);
      } finally {
        await harness.close();
      }
    });
  }
});
