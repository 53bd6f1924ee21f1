/**
 * The official `@anthropic-ai/sdk` as a real client: it must parse what our encoders emit,
 * and our decoder must read what it sends.
 */
import assert from "node:assert/strict";
import type { ServerResponse } from "node:http";
import { after, before, describe, test } from "node:test";
import {
  Anthropic,
  APIError,
  AuthenticationError,
  BadRequestError,
  NotFoundError,
  OverloadedError,
  PaymentRequiredError,
  RateLimitError,
} from "@anthropic-ai/sdk";
import { UpstreamError, type FailureKind } from "../../../src/core/errors.ts";
import type { CanonicalEvent } from "../../../src/core/types/event.ts";
import { emptyUsage, type CanonicalResponse } from "../../../src/core/types/response.ts";
import { anthropicMessagesDialect } from "../../../src/dialects/anthropic-messages/index.ts";
import { sendJson, sendStream, startTestServer, type RecordedRequest, type TestServer } from "../../support/http-server.ts";
import { fromArray } from "../conformance.ts";

const dialect = anthropicMessagesDialect;
let server: TestServer;
let reply: (request: RecordedRequest, response: ServerResponse) => void | Promise<void> = (_request, response) =>
  sendJson(response, 500, { type: "error", error: { type: "api_error", message: "no reply set" } });

before(async () => {
  server = await startTestServer((request, response) => reply(request, response));
});
after(() => server.close());

function client(): Anthropic {
  return new Anthropic({ baseURL: server.url, apiKey: "test", maxRetries: 0 });
}

function replyWithResponse(response: CanonicalResponse): void {
  reply = (_request, http) => sendJson(http, 200, dialect.encodeResponse(response).value);
}

function replyWithEvents(events: CanonicalEvent[]): void {
  reply = (_request, http) => sendStream(http, dialect.encodeStream(fromArray(events)), { contentType: dialect.streamContentType });
}

const params = { model: "claude-haiku-4-5", max_tokens: 256, messages: [{ role: "user" as const, content: "Weather in Paris?" }] };

const toolAnswer: CanonicalResponse = {
  id: "msg_01ToolAnswer",
  model: "claude-haiku-4-5-20251001",
  content: [
    { type: "text", text: "Let me check." },
    { type: "tool-call", id: "call_a", name: "get_weather", arguments: '{"city":"Paris","unit":"c"}' },
    // An id from another vendor, outside Anthropic's alphabet.
    { type: "tool-call", id: "functions.get_time:1", name: "get_time", arguments: '{"tz":"Europe/Paris"}' },
  ],
  finishReason: { unified: "tool-calls", raw: "tool_calls" },
  usage: { ...emptyUsage(), inputTokens: 100, outputTokens: 30, cacheReadTokens: 40, cacheWriteTokens: 10 },
};

function streamOf(response: CanonicalResponse, split = 5): CanonicalEvent[] {
  const events: CanonicalEvent[] = [{ type: "response-metadata", id: response.id, model: response.model }];
  response.content.forEach((part, index) => {
    if (part.type === "text") {
      for (let at = 0; at < part.text.length; at += split) events.push({ type: "text-delta", index, text: part.text.slice(at, at + split) });
    } else if (part.type === "tool-call") {
      events.push({ type: "tool-call-start", index, id: part.id, name: part.name });
      for (let at = 0; at < part.arguments.length; at += split) {
        events.push({ type: "tool-call-delta", index, argumentsDelta: part.arguments.slice(at, at + split) });
      }
      events.push({ type: "tool-call-end", index });
    } else {
      events.push({ type: "reasoning-delta", index, text: part.text }, { type: "reasoning-end", index, signature: part.signature ?? "" });
    }
  });
  events.push({ type: "finish", finishReason: response.finishReason, usage: response.usage });
  return events;
}

describe("@anthropic-ai/sdk parses our encoders' output", () => {
  test("messages.create: text, tool calls, usage and stop reason", async () => {
    replyWithResponse(toolAnswer);
    const message = await client().messages.create(params);
    assert.equal(server.requests.at(-1)?.url, "/v1/messages");
    assert.equal(message.id, "msg_01ToolAnswer");
    assert.equal(message.stop_reason, "tool_use");
    assert.deepEqual(message.content, [
      { type: "text", text: "Let me check." },
      { type: "tool_use", id: "call_a", name: "get_weather", input: { city: "Paris", unit: "c" } },
      { type: "tool_use", id: "functions_get_time_1", name: "get_time", input: { tz: "Europe/Paris" } },
    ]);
    assert.equal(message.usage.input_tokens, 50);
    assert.equal(message.usage.cache_read_input_tokens, 40);
    assert.equal(message.usage.cache_creation_input_tokens, 10);
    assert.equal(message.usage.output_tokens, 30);
  });

  test("messages.create with stream: true yields the events in order", async () => {
    replyWithEvents(streamOf({ ...toolAnswer, content: [{ type: "text", text: "Sunny and 21 degrees." }], finishReason: { unified: "stop", raw: undefined } }));
    const stream = await client().messages.create({ ...params, stream: true });
    const types: string[] = [];
    let text = "";
    let stopReason: string | null = null;
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === "content_block_delta" && event.delta.type === "text_delta") text += event.delta.text;
      if (event.type === "message_delta") stopReason = event.delta.stop_reason;
    }
    assert.equal(text, "Sunny and 21 degrees.");
    assert.equal(stopReason, "end_turn");
    assert.deepEqual([types[0], types[1], types.at(-2), types.at(-1)], ["message_start", "content_block_start", "message_delta", "message_stop"]);
  });

  test("messages.stream + finalMessage accumulates input_json_delta into tool inputs", async () => {
    const withThinking: CanonicalResponse = {
      ...toolAnswer,
      content: [{ type: "reasoning", text: "Two lookups needed.", signature: "sig-123" }, ...toolAnswer.content],
    };
    replyWithEvents(streamOf(withThinking, 3));
    const stream = client().messages.stream(params);
    const message = await stream.finalMessage();
    assert.deepEqual(message.content, [
      { type: "thinking", thinking: "Two lookups needed.", signature: "sig-123" },
      { type: "text", text: "Let me check." },
      { type: "tool_use", id: "call_a", name: "get_weather", input: { city: "Paris", unit: "c" } },
      { type: "tool_use", id: "functions_get_time_1", name: "get_time", input: { tz: "Europe/Paris" } },
    ]);
    assert.equal(message.stop_reason, "tool_use");
    assert.equal(message.usage.output_tokens, 30);
    assert.equal(message.usage.input_tokens, 50);
    assert.equal(message.usage.cache_read_input_tokens, 40);
  });

  const errorCases: Array<[FailureKind, number, abstract new (...args: never[]) => APIError]> = [
    ["rate-limit", 429, RateLimitError],
    ["quota", 402, PaymentRequiredError],
    ["auth", 401, AuthenticationError],
    ["overloaded", 529, OverloadedError],
    ["context-window", 400, BadRequestError],
    ["not-found", 404, NotFoundError],
  ];
  for (const [kind, status, errorClass] of errorCases) {
    test(`an encoded ${kind} error becomes the SDK's ${errorClass.name} (${status})`, async () => {
      const encoded = dialect.encodeError(new UpstreamError({ provider: "p", model: "m", kind, message: `simulated ${kind}` }));
      reply = (_request, http) => sendJson(http, encoded.status, encoded.body);
      await assert.rejects(client().messages.create(params), (error: unknown) => {
        assert.ok(error instanceof errorClass, `got ${String(error)}`);
        assert.equal(error.status, status);
        assert.match(error.message, new RegExp(`simulated ${kind}`));
        return true;
      });
    });
  }

  test("an in-stream error makes the SDK's stream iteration throw, after the partial text", async () => {
    const error = new UpstreamError({ provider: "p", model: "m", kind: "overloaded", message: "Overloaded" });
    replyWithEvents([
      { type: "response-metadata", id: "msg_x", model: "claude-haiku-4-5" },
      { type: "text-delta", index: 0, text: "Once upon" },
      { type: "error", error },
    ]);
    let text = "";
    const iterate = async (): Promise<void> => {
      const stream = await client().messages.create({ ...params, stream: true });
      for await (const event of stream) {
        if (event.type === "content_block_delta" && event.delta.type === "text_delta") text += event.delta.text;
      }
    };
    await assert.rejects(iterate(), (thrown: unknown) => {
      assert.ok(thrown instanceof APIError);
      assert.match(thrown.message, /Overloaded/);
      return true;
    });
    assert.equal(text, "Once upon");
  });

  test("events that stop without finish make messages.stream reject, not resolve a partial message", async () => {
    replyWithEvents([{ type: "text-delta", index: 0, text: "Once upon" }]);
    await assert.rejects(client().messages.stream(params).finalMessage(), APIError);
  });
});

describe("decodeRequest reads what @anthropic-ai/sdk sends", () => {
  const png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

  test("a tool-loop request with cache control, images, thinking and a system-role message", async () => {
    replyWithResponse({ ...toolAnswer, content: [{ type: "text", text: "ok" }], finishReason: { unified: "stop", raw: undefined } });
    await client().messages.create({
      model: "claude-sonnet-4-6",
      max_tokens: 2048,
      system: [{ type: "text", text: "You are terse.", cache_control: { type: "ephemeral" } }],
      thinking: { type: "enabled", budget_tokens: 1024 },
      metadata: { user_id: "user-1" },
      stop_sequences: ["END"],
      tools: [{ name: "get_weather", description: "Weather", input_schema: { type: "object", properties: { city: { type: "string" } } } }],
      tool_choice: { type: "tool", name: "get_weather", disable_parallel_tool_use: true },
      messages: [
        { role: "system", content: "Answer in French." },
        {
          role: "user",
          content: [
            { type: "image", source: { type: "base64", media_type: "image/png", data: png } },
            { type: "text", text: "Where is this, and what is the weather?" },
          ],
        },
        {
          role: "assistant",
          content: [
            { type: "thinking", thinking: "Looks like Paris.", signature: "sig-1" },
            { type: "tool_use", id: "toolu_01", name: "get_weather", input: { city: "Paris" } },
          ],
        },
        { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_01", content: "21C", is_error: false }] },
      ],
    });
    const sent = server.requests.at(-1);
    assert.equal(sent?.headers["authorization"], "Bearer test");
    const decoded = dialect.decodeRequest(sent?.body);
    assert.deepEqual(decoded.warnings, []);
    assert.deepEqual(decoded.value, {
      model: "claude-sonnet-4-6",
      maxOutputTokens: 2048,
      system: [
        { type: "text", text: "You are terse.", extras: { "anthropic-messages": { cache_control: { type: "ephemeral" } } } },
        { type: "text", text: "Answer in French." },
      ],
      reasoning: { budgetTokens: 1024 },
      user: "user-1",
      stopSequences: ["END"],
      tools: [{ name: "get_weather", description: "Weather", parameters: { type: "object", properties: { city: { type: "string" } } } }],
      toolChoice: { type: "tool", name: "get_weather" },
      parallelToolCalls: false,
      messages: [
        {
          role: "user",
          content: [
            { type: "image", source: { kind: "base64", mediaType: "image/png", data: png } },
            { type: "text", text: "Where is this, and what is the weather?" },
          ],
        },
        {
          role: "assistant",
          content: [
            { type: "reasoning", text: "Looks like Paris.", signature: "sig-1" },
            { type: "tool-call", id: "toolu_01", name: "get_weather", arguments: '{"city":"Paris"}' },
          ],
        },
        {
          role: "tool",
          content: [{ type: "tool-result", toolCallId: "toolu_01", toolName: "get_weather", content: [{ type: "text", text: "21C" }], isError: false }],
        },
      ],
      stream: false,
    });
  });

  test("messages.stream sends stream: true", async () => {
    replyWithEvents(streamOf({ ...toolAnswer, content: [{ type: "text", text: "ok" }], finishReason: { unified: "stop", raw: undefined } }));
    await client().messages.stream(params).finalMessage();
    const decoded = dialect.decodeRequest(server.requests.at(-1)?.body);
    assert.equal(decoded.value.stream, true);
    assert.deepEqual(decoded.value.messages, [{ role: "user", content: [{ type: "text", text: "Weather in Paris?" }] }]);
  });
});
