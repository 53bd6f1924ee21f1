import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { InvalidRequestError } from "../../../src/core/errors.ts";
import type { CanonicalRequest } from "../../../src/core/types/request.ts";
import { ollamaDialect } from "../../../src/dialects/ollama/index.ts";
import { requestSamples } from "../samples.ts";
import { readJsonFixture } from "./load-fixture.ts";
import { validateChatRequest } from "./validate-wire.ts";

const { decodeRequest, encodeRequest } = ollamaDialect;

const requestFixtures = ["request-chat-options.json", "request-tools.json", "request-images.json", "request-json-schema.json"];

describe("ollama request fixtures", () => {
  test("chat with options: system hoisted, options mapped, the rest kept as extras", () => {
    const { value, warnings } = decodeRequest(readJsonFixture("request-chat-options.json"));
    assert.deepEqual(warnings, []);
    assert.deepEqual(value, {
      model: "llama3.2",
      system: [{ type: "text", text: "You are a concise assistant. Answer in one sentence." }],
      messages: [
        { role: "user", content: [{ type: "text", text: "Why is the sky blue?" }] },
        { role: "assistant", content: [{ type: "text", text: "Because air molecules scatter blue light more than red light." }] },
        { role: "user", content: [{ type: "text", text: "And at sunset?" }] },
      ],
      stream: false,
      responseFormat: { type: "json-object" },
      temperature: 0.7,
      topP: 0.9,
      topK: 40,
      maxOutputTokens: 256,
      stopSequences: ["<|eot_id|>", "\n\n"],
      seed: 42,
      presencePenalty: 0.1,
      frequencyPenalty: 0.2,
      extras: { ollama: { keep_alive: "10m", options: { num_ctx: 8192, repeat_penalty: 1.1, mirostat: 0 } } },
    } satisfies CanonicalRequest);
  });

  test("tools: calls keep their ids or get stable ones, results are matched to their calls", () => {
    const { value } = decodeRequest(readJsonFixture("request-tools.json"));
    assert.equal(value.stream, true);
    assert.deepEqual(value.reasoning, { enabled: true });
    assert.deepEqual(
      value.tools?.map((tool) => tool.name),
      ["get_weather", "get_time"],
    );
    assert.deepEqual(value.messages[1], {
      role: "assistant",
      content: [
        { type: "reasoning", text: "The user wants two things: weather for Paris and time for Tokyo. I will call both tools." },
        {
          type: "tool-call",
          id: "call_k3bkxm0v",
          name: "get_weather",
          arguments: '{"city":"Paris","unit":"c"}',
          extras: { ollama: { functionFields: { index: 0 } } },
        },
        { type: "tool-call", id: "call_9f2d1a7q", name: "get_time", arguments: '{"tz":"Asia/Tokyo"}', extras: { ollama: { functionFields: { index: 1 } } } },
      ],
    });
    // Two consecutive wire tool messages become one canonical tool message.
    assert.deepEqual(value.messages[2], {
      role: "tool",
      content: [
        { type: "tool-result", toolCallId: "call_k3bkxm0v", toolName: "get_weather", content: [{ type: "text", text: '{"temperature":18,"conditions":"cloudy"}' }] },
        { type: "tool-result", toolCallId: "call_9f2d1a7q", toolName: "get_time", content: [{ type: "text", text: "21:05" }] },
      ],
    });
    const berlinCall = value.messages[5]?.content[0];
    assert.equal(berlinCall?.type, "tool-call");
    assert.equal(berlinCall.type === "tool-call" ? berlinCall.id : "", "call_m6_0");
    assert.deepEqual(value.messages[6]?.content[0], {
      type: "tool-result",
      toolCallId: "call_m6_0",
      toolName: "get_weather",
      content: [{ type: "text", text: '{"temperature":12,"conditions":"rain"}' }],
    });
    // The same history decodes to the same ids, so a client resending it stays consistent.
    assert.deepEqual(decodeRequest(readJsonFixture("request-tools.json")).value, value);
  });

  test("images: bare base64 gets its type from the magic bytes", () => {
    const { value } = decodeRequest(readJsonFixture("request-images.json"));
    const content = value.messages[0]?.content ?? [];
    assert.deepEqual(content[0], { type: "text", text: "What is in these images?" });
    assert.deepEqual(
      content.slice(1).map((part) => (part.type === "image" && part.source.kind === "base64" ? part.source.mediaType : part.type)),
      ["image/png", "image/jpeg", "image/gif", "image/webp"],
    );
    assert.deepEqual(value.reasoning, { effort: "high" });
    assert.deepEqual(value.extras, { ollama: { keep_alive: 0 } });
  });

  test("format as a JSON schema becomes a json-schema response format", () => {
    const { value } = decodeRequest(readJsonFixture("request-json-schema.json"));
    assert.equal(value.responseFormat?.type, "json-schema");
    assert.deepEqual(value.responseFormat.type === "json-schema" ? value.responseFormat.schema.required : [], ["name", "capital", "languages"]);
    assert.equal(value.temperature, 0);
  });

  for (const name of requestFixtures) {
    test(`${name}: encode(decode(wire)) gives the same wire body back`, () => {
      const fixture = readJsonFixture(name);
      const decoded = decodeRequest(fixture);
      const encoded = encodeRequest(decoded.value);
      assert.deepEqual(encoded.warnings, []);
      assert.deepEqual(encoded.value, fixture);
    });

    test(`${name}: is a valid Ollama request (the fixture checker is itself checked)`, () => {
      assert.deepEqual(validateChatRequest(readJsonFixture(name)), []);
    });
  }
});

describe("ollama request decoding edge cases", () => {
  const minimal = { model: "llama3.2", messages: [{ role: "user", content: "hi" }] };

  test("a missing `stream` means streaming, unless the context says otherwise", () => {
    assert.equal(decodeRequest(minimal).value.stream, true);
    assert.equal(decodeRequest(minimal, { stream: false }).value.stream, false);
    assert.equal(decodeRequest({ ...minimal, stream: false }, { stream: true }).value.stream, false);
    // Re-encoded, the default is written out so no upstream has to guess.
    assert.equal((encodeRequest(decodeRequest(minimal).value).value as { stream?: boolean }).stream, true);
  });

  test("the model may come from the context", () => {
    assert.equal(decodeRequest({ messages: minimal.messages }, { model: "m-ctx" }).value.model, "m-ctx");
  });

  test("null fields as Go clients send them are accepted and survive a round trip", () => {
    const body = { ...minimal, stream: false, options: null, format: "", tools: null, messages: [{ role: "user", content: "hi", images: null }] };
    const decoded = decodeRequest(body);
    assert.equal(decoded.value.responseFormat, undefined);
    assert.equal(decoded.value.tools, undefined);
    assert.deepEqual(encodeRequest(decoded.value).value, body);
  });

  test("tool results without tool_name are matched to calls in order and get the name", () => {
    const { value } = decodeRequest({
      model: "m",
      messages: [
        { role: "user", content: "go" },
        {
          role: "assistant",
          content: "",
          tool_calls: [
            { function: { name: "a", arguments: {} } },
            { function: { name: "b", arguments: { x: 1 } } },
          ],
        },
        { role: "tool", content: "A" },
        { role: "tool", content: "B" },
      ],
    });
    const results = value.messages[2]?.content ?? [];
    assert.deepEqual(
      results.map((part) => (part.type === "tool-result" ? [part.toolCallId, part.toolName] : [])),
      [
        ["call_m1_0", "a"],
        ["call_m1_1", "b"],
      ],
    );
  });

  test("results naming their tool match that call even out of order", () => {
    const { value } = decodeRequest({
      model: "m",
      messages: [
        { role: "assistant", content: "", tool_calls: [{ id: "c1", function: { name: "a", arguments: {} } }, { id: "c2", function: { name: "b", arguments: {} } }] },
        { role: "tool", content: "B", tool_name: "b" },
        { role: "tool", content: "A", tool_name: "a" },
      ],
    });
    assert.deepEqual(
      value.messages[1]?.content.map((part) => (part.type === "tool-result" ? part.toolCallId : "")),
      ["c2", "c1"],
    );
  });

  test("a system message inside the conversation is hoisted, with a warning", () => {
    const { value, warnings } = decodeRequest({
      model: "m",
      messages: [
        { role: "user", content: "hi" },
        { role: "system", content: "Be brief." },
      ],
    });
    assert.deepEqual(value.system, [{ type: "text", text: "Be brief." }]);
    assert.equal(value.messages.length, 1);
    assert.deepEqual(
      warnings.map((warning) => [warning.code, warning.path]),
      [["lossy-conversion", "messages[1]"]],
    );
  });

  test('think "max" reads as high effort and goes back to Ollama as "max"', () => {
    const body = { ...minimal, stream: true, think: "max" };
    const decoded = decodeRequest(body);
    assert.deepEqual(decoded.value.reasoning, { effort: "high" });
    assert.deepEqual(encodeRequest(decoded.value).value, body);
  });

  test("num_predict -1 (unlimited) is no token limit: kept as an option, not maxOutputTokens", () => {
    const body = { ...minimal, stream: true, options: { num_predict: -1, temperature: 1 } };
    const decoded = decodeRequest(body);
    assert.equal(decoded.value.maxOutputTokens, undefined);
    assert.deepEqual(encodeRequest(decoded.value).value, body);
  });

  test("unknown message and tool fields survive a round trip", () => {
    const body = {
      model: "m",
      stream: true,
      messages: [
        { role: "system", content: "sys", cache: true },
        { role: "user", content: "hi", name: "alice" },
        { role: "assistant", content: "", images: ["iVBORw0KGgo="], tool_calls: [{ function: { name: "f", arguments: { a: [1, 2] } } }] },
        { role: "tool", content: "ok", tool_name: "f", tool_call_id: "call_m2_0" },
      ],
      tools: [{ type: "function", function: { name: "f", parameters: { type: "object" }, strict: false }, x_vendor: 1 }],
      x_future: { nested: true },
    };
    const decoded = decodeRequest(body);
    assert.deepEqual(encodeRequest(decoded.value).value, body);
  });

  const invalid: Array<[string, unknown, string]> = [
    ["not an object", "hello", "body"],
    ["an array body", [], "body"],
    ["no model", { messages: [] }, "model"],
    ["model not a string", { model: 7, messages: [] }, "model"],
    ["no messages", { model: "m" }, "messages"],
    ["messages not an array", { model: "m", messages: {} }, "messages"],
    ["a message not an object", { model: "m", messages: ["hi"] }, "messages[0]"],
    ["an unknown role", { model: "m", messages: [{ role: "bot", content: "x" }] }, "messages[0].role"],
    ["content not a string", { model: "m", messages: [{ role: "user", content: [{ type: "text" }] }] }, "messages[0].content"],
    ["images not strings", { model: "m", messages: [{ role: "user", content: "x", images: [1] }] }, "messages[0].images[0]"],
    [
      "tool call arguments as JSON text",
      { model: "m", messages: [{ role: "assistant", content: "", tool_calls: [{ function: { name: "f", arguments: "{}" } }] }] },
      "messages[0].tool_calls[0].function.arguments",
    ],
    [
      "tool call without a name",
      { model: "m", messages: [{ role: "assistant", content: "", tool_calls: [{ function: { arguments: {} } }] }] },
      "messages[0].tool_calls[0].function.name",
    ],
    ["stream not a boolean", { model: "m", messages: [], stream: "yes" }, "stream"],
    ["tools not an array", { model: "m", messages: [], tools: {} }, "tools"],
    ["a tool of another type", { model: "m", messages: [], tools: [{ type: "code", function: { name: "f" } }] }, "tools[0].type"],
    ["options not an object", { model: "m", messages: [], options: "hot" }, "options"],
    ["temperature not a number", { model: "m", messages: [], options: { temperature: "0.5" } }, "options.temperature"],
    ["stop not strings", { model: "m", messages: [], options: { stop: "END" } }, "options.stop"],
    ["an unknown think level", { model: "m", messages: [], think: "extreme" }, "think"],
    ["a format that is neither json nor a schema", { model: "m", messages: [], format: "yaml" }, "format"],
  ];
  for (const [name, body, param] of invalid) {
    test(`rejects ${name} naming \`${param}\``, () => {
      assert.throws(
        () => decodeRequest(body),
        (error: unknown) => error instanceof InvalidRequestError && error.param === param,
      );
    });
  }
});

describe("ollama request encoding", () => {
  test("output of every canonical sample is a valid Ollama request", () => {
    for (const [name, sample] of Object.entries(requestSamples)) {
      const { value } = encodeRequest(sample);
      assert.deepEqual(validateChatRequest(value), [], name);
    }
  });

  test("system parts come first, then the conversation; results name their tool", () => {
    const { value, warnings } = encodeRequest({
      model: "m",
      system: [
        { type: "text", text: "one" },
        { type: "text", text: "two" },
      ],
      messages: [
        { role: "user", content: [{ type: "text", text: "hi" }] },
        { role: "assistant", content: [{ type: "tool-call", id: "call_x", name: "lookup", arguments: '{"q":"a"}' }] },
        // No toolName: OpenAI tool messages do not carry it.
        { role: "tool", content: [{ type: "tool-result", toolCallId: "call_x", content: [{ type: "text", text: "found" }] }] },
      ],
      stream: false,
    });
    assert.deepEqual(warnings, []);
    assert.deepEqual(value, {
      model: "m",
      stream: false,
      messages: [
        { role: "system", content: "one" },
        { role: "system", content: "two" },
        { role: "user", content: "hi" },
        { role: "assistant", content: "", tool_calls: [{ id: "call_x", function: { name: "lookup", arguments: { q: "a" } } }] },
        { role: "tool", content: "found", tool_name: "lookup" },
      ],
    });
  });

  test("an image URL is dropped with a warning naming it", () => {
    const { value, warnings } = encodeRequest(requestSamples["image as URL"]);
    assert.deepEqual((value as { messages: unknown[] }).messages, [{ role: "user", content: "Describe it." }]);
    assert.equal(warnings.length, 1);
    assert.equal(warnings[0]?.code, "unsupported-content");
    assert.equal(warnings[0]?.path, "messages[0].content[1]");
    assert.match(warnings[0]?.message ?? "", /https:\/\/example\.com\/cat\.png/);
  });

  test("a forced tool choice cannot be expressed: warning, tools still sent", () => {
    const { value, warnings } = encodeRequest(requestSamples["forced tool choice"]);
    assert.equal((value as { tools?: unknown[] }).tools?.length, 1);
    assert.deepEqual(
      warnings.map((warning) => warning.path),
      ["toolChoice"],
    );
  });

  test("tool choice none sends no tools, with a warning", () => {
    const sample = { ...requestSamples["forced tool choice"], toolChoice: { type: "none" } } satisfies CanonicalRequest;
    const { value, warnings } = encodeRequest(sample);
    assert.equal((value as { tools?: unknown }).tools, undefined);
    assert.equal(warnings[0]?.code, "lossy-conversion");
  });

  test("a reasoning signature and a thinking budget are dropped with warnings; thinking text is kept", () => {
    const { value, warnings } = encodeRequest(requestSamples["reasoning with signature"]);
    const assistant = (value as { messages: Array<{ role: string; thinking?: string }> }).messages[1];
    assert.equal(assistant?.thinking, "17*23 = 391");
    assert.equal((value as { think?: unknown }).think, true);
    assert.deepEqual(warnings.map((warning) => warning.path).sort(), ["messages[1].content[0]", "reasoning.budgetTokens"]);
  });

  test("losses are reported: error flags, strict tools, user, other dialects' extras, minimal effort, bad arguments", () => {
    const { value, warnings } = encodeRequest({
      model: "m",
      messages: [
        { role: "user", content: [{ type: "text", text: "q" }], extras: { "anthropic-messages": { cache_control: { type: "ephemeral" } } } },
        { role: "assistant", content: [{ type: "tool-call", id: "c", name: "f", arguments: "{not json" }] },
        { role: "tool", content: [{ type: "tool-result", toolCallId: "c", toolName: "f", isError: true, content: [{ type: "text", text: "boom" }] }] },
      ],
      tools: [{ name: "f", parameters: { type: "object" }, strict: true }],
      user: "u-1",
      parallelToolCalls: false,
      reasoning: { effort: "minimal" },
      extras: { "openai-chat": { service_tier: "flex" } },
      stream: true,
    });
    assert.equal((value as { think?: unknown }).think, "low");
    assert.deepEqual(warnings.map((warning) => `${warning.code}@${warning.path ?? ""}`).sort(), [
      "dropped-extras@",
      "dropped-extras@messages[0]",
      "lossy-conversion@messages[1].content[0]",
      "lossy-conversion@reasoning.effort",
      "unsupported-field@messages[2].content[0]",
      "unsupported-field@parallelToolCalls",
      "unsupported-field@tools[0]",
      "unsupported-field@user",
    ]);
  });

  test("requestPath is /api/chat for streaming and not", () => {
    assert.equal(ollamaDialect.requestPath({ model: "m", stream: true }), "/api/chat");
    assert.equal(ollamaDialect.requestPath({ model: "m", stream: false }), "/api/chat");
  });
});
