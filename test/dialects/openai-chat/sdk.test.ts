/**
 * The official `openai` SDK as a real client: it must parse what our encoders write, and
 * our decodeRequest must read what it sends.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import OpenAI from "openai";
import { UpstreamError, type FailureKind } from "../../../src/core/errors.ts";
import type { CanonicalEvent } from "../../../src/core/types/event.ts";
import type { CanonicalResponse } from "../../../src/core/types/response.ts";
import { openaiChatDialect as dialect } from "../../../src/dialects/openai-chat/index.ts";
import { sendJson, sendStream, startTestServer, type TestHandler, type TestServer } from "../../support/http-server.ts";
import { fromArray, viaWire } from "../conformance.ts";
import { eventsFor, responseSamples } from "../samples.ts";

let server: TestServer;
let client: OpenAI;
let answer: TestHandler = (_request, response) => sendJson(response, 500, { error: { message: "no answer set" } });

before(async () => {
  server = await startTestServer((request, response) => {
    assert.equal(request.url, "/v1/chat/completions");
    return answer(request, response);
  });
  client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: "test", maxRetries: 0 });
});
after(() => server.close());

function answerJson(response: CanonicalResponse): void {
  answer = (_request, reply) => sendJson(reply, 200, dialect.encodeResponse(response).value);
}

function answerStream(events: CanonicalEvent[], includeUsage: boolean): void {
  answer = (_request, reply) => sendStream(reply, dialect.encodeStream(fromArray(events), { includeUsage }));
}

const toolAnswer: CanonicalResponse = { ...responseSamples["tool calls"], finishReason: { unified: "stop", raw: "tool_use" } };
const messages = [{ role: "user" as const, content: "Weather and time in Paris?" }];

describe("the SDK parses encodeResponse", () => {
  test("text, tool calls, usage and finish reason", async () => {
    answerJson(toolAnswer);
    const completion = await client.chat.completions.create({ model: "m-1", messages });
    assert.equal(completion.id, "resp_3");
    assert.equal(completion.object, "chat.completion");
    const choice = completion.choices[0];
    assert.equal(choice?.finish_reason, "tool_calls");
    assert.equal(choice?.message.content, "Let me check.");
    assert.deepEqual(
      choice?.message.tool_calls?.map((call) => (call.type === "function" ? [call.id, call.function.name, call.function.arguments] : [])),
      [
        ["call_a", "get_weather", '{"city":"Paris"}'],
        ["call_b", "get_time", '{"tz":"Europe/Paris"}'],
      ],
    );
    assert.deepEqual(completion.usage, { prompt_tokens: 40, completion_tokens: 22, total_tokens: 62 });
  });
});

describe("the SDK parses encodeStream", () => {
  test("create({ stream: true }) yields the text, tool-call fragments and the usage chunk", async () => {
    answerStream(eventsFor(toolAnswer), true);
    const stream = await client.chat.completions.create({ model: "m-1", messages, stream: true, stream_options: { include_usage: true } });
    let text = "";
    const calls: Array<{ id?: string; name?: string; arguments: string }> = [];
    let finishReason: string | null = null;
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      text += choice?.delta.content ?? "";
      for (const fragment of choice?.delta.tool_calls ?? []) {
        const call = (calls[fragment.index] ??= { arguments: "" });
        if (fragment.id) call.id = fragment.id;
        if (fragment.function?.name) call.name = fragment.function.name;
        call.arguments += fragment.function?.arguments ?? "";
      }
      finishReason = choice?.finish_reason ?? finishReason;
      if (chunk.usage) usage = chunk.usage;
    }
    assert.equal(text, "Let me check.");
    assert.deepEqual(calls, [
      { id: "call_a", name: "get_weather", arguments: '{"city":"Paris"}' },
      { id: "call_b", name: "get_time", arguments: '{"tz":"Europe/Paris"}' },
    ]);
    assert.equal(finishReason, "tool_calls");
    assert.deepEqual(usage, { prompt_tokens: 40, completion_tokens: 22, total_tokens: 62 });
  });

  test("chat.completions.stream() + finalChatCompletion() accumulates tool calls", async () => {
    answerStream(eventsFor(toolAnswer), true);
    const stream = client.chat.completions.stream({ model: "m-1", messages, stream_options: { include_usage: true } });
    const completion = await stream.finalChatCompletion();
    const message = completion.choices[0]?.message;
    assert.equal(message?.content, "Let me check.");
    assert.deepEqual(
      message?.tool_calls?.map((call) => (call.type === "function" ? [call.id, call.function.name, call.function.arguments] : [])),
      [
        ["call_a", "get_weather", '{"city":"Paris"}'],
        ["call_b", "get_time", '{"tz":"Europe/Paris"}'],
      ],
    );
    assert.equal(completion.choices[0]?.finish_reason, "tool_calls");
    assert.equal(completion.id, "resp_3");
    assert.deepEqual(completion.usage, { prompt_tokens: 40, completion_tokens: 22, total_tokens: 62 });
  });

  test("an in-stream error makes the SDK's iteration throw", async () => {
    const error = new UpstreamError({ provider: "p", model: "m-1", kind: "overloaded", message: "upstream overloaded" });
    answerStream([...eventsFor(responseSamples["text answer"]).slice(0, -1), { type: "error", error }], false);
    const stream = await client.chat.completions.create({ model: "m-1", messages, stream: true });
    let text = "";
    await assert.rejects(
      async () => {
        for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? "";
      },
      (thrown: unknown) => thrown instanceof OpenAI.APIError && /upstream overloaded/.test(thrown.message) && thrown.code === "server_is_overloaded",
    );
    assert.equal(text, "Hi! How can I help?", "content before the error reached the client");
  });

  test("a stream that ends without finish makes finalChatCompletion() reject", async () => {
    answerStream(eventsFor(responseSamples["text answer"]).slice(0, -1), false);
    await assert.rejects(client.chat.completions.stream({ model: "m-1", messages }).finalChatCompletion(), OpenAI.APIError);
  });
});

describe("the SDK maps encodeError to its error classes", () => {
  type ErrorClass = (abstract new (...args: never[]) => InstanceType<typeof OpenAI.APIError>) & { name: string };
  const cases: Array<[FailureKind, ErrorClass, number]> = [
    ["rate-limit", OpenAI.RateLimitError, 429],
    ["quota", OpenAI.RateLimitError, 429],
    ["auth", OpenAI.AuthenticationError, 401],
    ["not-found", OpenAI.NotFoundError, 404],
    ["context-window", OpenAI.BadRequestError, 400],
    ["overloaded", OpenAI.InternalServerError, 503],
  ];
  for (const [kind, errorClass, status] of cases) {
    test(`${kind} → ${errorClass.name} ${status}`, async () => {
      const encoded = dialect.encodeError(new UpstreamError({ provider: "p", model: "m", kind, message: `simulated ${kind}` }));
      answer = (_request, reply) => sendJson(reply, encoded.status, encoded.body);
      await assert.rejects(client.chat.completions.create({ model: "m", messages }), (thrown: unknown) => {
        assert.ok(thrown instanceof errorClass, `got ${String(thrown)}`);
        assert.equal(thrown.status, status);
        assert.equal(thrown.code, (encoded.body as { error: { code: string | null } }).error.code);
        assert.match(thrown.message, new RegExp(`simulated ${kind}`));
        return true;
      });
    });
  }
});

describe("decodeRequest reads what the SDK sends", () => {
  test("a full tool-loop request with images, developer prompt and structured output", async () => {
    answerJson(responseSamples["text answer"]);
    const sent: OpenAI.ChatCompletionCreateParamsNonStreaming = {
      model: "gpt-4.1",
      messages: [
        { role: "developer", content: "Answer as JSON." },
        {
          role: "user",
          content: [
            { type: "text", text: "What is in this picture, and the weather there?" },
            { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=", detail: "low" } },
          ],
        },
        {
          role: "assistant",
          content: null,
          tool_calls: [{ id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }],
        },
        { role: "tool", tool_call_id: "call_1", content: "18C" },
      ],
      tools: [{ type: "function", function: { name: "get_weather", description: "Weather", parameters: { type: "object", properties: { city: { type: "string" } } } } }],
      tool_choice: { type: "function", function: { name: "get_weather" } },
      response_format: { type: "json_schema", json_schema: { name: "answer", schema: { type: "object" }, strict: true } },
      reasoning_effort: "medium",
      max_completion_tokens: 800,
      stop: ["END"],
      seed: 7,
      user: "u-1",
      metadata: { run: "r1" },
    };
    await client.chat.completions.create(sent);
    const body = server.requests.at(-1)?.body;
    const decoded = dialect.decodeRequest(body);
    assert.deepEqual(decoded.warnings, []);
    const request = decoded.value;
    assert.equal(request.model, "gpt-4.1");
    assert.deepEqual(viaWire(request.system), [{ type: "text", text: "Answer as JSON.", extras: { "openai-chat": { $systemMessage: { role: "developer" } } } }]);
    assert.deepEqual(request.messages[0]?.content[1], {
      type: "image",
      source: { kind: "base64", mediaType: "image/png", data: "iVBORw0KGgo=" },
      extras: { "openai-chat": { image_url: { detail: "low" } } },
    });
    assert.deepEqual(request.messages[2], {
      role: "tool",
      content: [{ type: "tool-result", toolCallId: "call_1", toolName: "get_weather", content: [{ type: "text", text: "18C" }] }],
    });
    assert.deepEqual(request.toolChoice, { type: "tool", name: "get_weather" });
    assert.deepEqual(request.responseFormat, { type: "json-schema", name: "answer", schema: { type: "object" }, strict: true });
    assert.deepEqual(request.reasoning, { effort: "medium" });
    assert.equal(request.maxOutputTokens, 800);
    assert.equal(request.stream, false);
    assert.deepEqual(viaWire(dialect.encodeRequest(request).value), body, "and encodes back to the same body");
  });

  test("a streaming request keeps stream_options", async () => {
    answerStream(eventsFor(responseSamples["text answer"]), true);
    const stream = client.chat.completions.stream({ model: "m-1", messages, stream_options: { include_usage: true } });
    await stream.finalChatCompletion();
    const request = dialect.decodeRequest(server.requests.at(-1)?.body).value;
    assert.equal(request.stream, true);
    assert.deepEqual(request.extras, { "openai-chat": { stream_options: { include_usage: true } } });
  });
});
