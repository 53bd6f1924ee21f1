import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { InvalidRequestError } from "../../../src/core/errors.ts";
import type { CanonicalRequest } from "../../../src/core/types/request.ts";
import { openaiChatDialect as dialect } from "../../../src/dialects/openai-chat/index.ts";
import { requestSamples } from "../samples.ts";
import { viaWire } from "../conformance.ts";
import { loadJson } from "./load-fixture.ts";

const fixtures = [
  "request-basic.json",
  "request-tools.json",
  "request-images.json",
  "request-legacy-functions.json",
  "request-reasoning-history.json",
];

function decode(body: unknown): CanonicalRequest {
  const decoded = dialect.decodeRequest(body);
  assert.deepEqual(decoded.warnings, []);
  return decoded.value;
}

function encode(request: CanonicalRequest, forceStreamUsage = false): Record<string, unknown> {
  return viaWire(dialect.encodeRequest(request, { forceStreamUsage }).value) as Record<string, unknown>;
}

function invalidParam(body: unknown): string | undefined {
  try {
    dialect.decodeRequest(body);
  } catch (error) {
    assert.ok(error instanceof InvalidRequestError, `expected InvalidRequestError, got ${String(error)}`);
    return error.param;
  }
  assert.fail("decodeRequest accepted a malformed request");
}

describe("same-dialect round trip is lossless (wire → canonical → wire)", () => {
  for (const name of fixtures) {
    test(name, () => {
      const fixture = loadJson(name);
      const encoded = dialect.encodeRequest(viaWire(decode(fixture)));
      assert.deepEqual(encoded.warnings, []);
      assert.deepEqual(viaWire(encoded.value), fixture);
    });
  }
});

describe("decoding fixtures", () => {
  test("basic: developer prompt hoisted, params mapped, unknown fields kept", () => {
    assert.deepEqual(viaWire(decode(loadJson("request-basic.json"))), {
      model: "gpt-4.1-mini",
      system: [
        {
          type: "text",
          text: "You are a concise assistant. Answer in one sentence.",
          extras: { "openai-chat": { $systemMessage: { role: "developer" } } },
        },
      ],
      messages: [{ role: "user", content: [{ type: "text", text: "Why is the sky blue?" }], extras: { "openai-chat": { name: "alice" } } }],
      temperature: 0.7,
      topP: 0.95,
      maxOutputTokens: 300,
      stopSequences: ["\n\n"],
      seed: 42,
      presencePenalty: 0.1,
      frequencyPenalty: 0.2,
      user: "user-1234",
      metadata: { session: "s-77", feature: "faq" },
      stream: false,
      extras: {
        "openai-chat": { n: 1, logit_bias: { "50256": -100 }, service_tier: "auto", store: false, stream: false, $stopString: true },
      },
    });
  });

  test("tools: parallel calls, consecutive tool messages merged with tool names, structured output", () => {
    const request = decode(loadJson("request-tools.json"));
    assert.deepEqual(viaWire(request.system), [{ type: "text", text: "You help with travel plans." }]);
    assert.equal(request.stream, true);
    assert.deepEqual(request.messages.map((message) => message.role), ["user", "assistant", "tool", "user"]);
    assert.deepEqual(viaWire(request.messages[1]), {
      role: "assistant",
      content: [
        { type: "tool-call", id: "call_9jPDCwhhcb4GpRV1lDKZ5Uxa", name: "get_weather", arguments: '{"city":"Paris","unit":"c"}' },
        { type: "tool-call", id: "call_Y3uJQ0m8yZr9bT2qQ1pGxLd7", name: "get_time", arguments: '{"tz":"Europe/Paris"}' },
      ],
      extras: { "openai-chat": { refusal: null, annotations: [] } },
    });
    const results = request.messages[2];
    assert.equal(results?.role, "tool");
    assert.deepEqual(
      results?.content.map((part) => (part.type === "tool-result" ? [part.toolCallId, part.toolName, part.content] : [])),
      [
        ["call_9jPDCwhhcb4GpRV1lDKZ5Uxa", "get_weather", [{ type: "text", text: '{"temp":18,"sky":"cloudy"}' }]],
        ["call_Y3uJQ0m8yZr9bT2qQ1pGxLd7", "get_time", [{ type: "text", text: "14:05" }]],
      ],
    );
    assert.deepEqual(request.tools?.map((tool) => [tool.name, tool.strict]), [
      ["get_weather", true],
      ["get_time", undefined],
    ]);
    assert.deepEqual(request.toolChoice, { type: "required" });
    assert.equal(request.parallelToolCalls, false);
    assert.equal(request.responseFormat?.type, "json-schema");
    assert.equal(request.responseFormat?.type === "json-schema" && request.responseFormat.name, "summary");
    assert.deepEqual(request.reasoning, { effort: "low" });
    assert.deepEqual(request.extras, { "openai-chat": { stream_options: { include_usage: true } } });
  });

  test("images: URL and data URL sources, detail kept in extras, audio kept aside", () => {
    const request = decode(loadJson("request-images.json"));
    const first = request.messages[0];
    assert.equal(first?.role, "user");
    assert.deepEqual(viaWire(first?.content.slice(1)), [
      { type: "image", source: { kind: "url", url: "https://upload.example.org/photos/cat.jpg" }, extras: { "openai-chat": { image_url: { detail: "high" } } } },
      {
        type: "image",
        source: { kind: "base64", mediaType: "image/png", data: pngOf() },
        extras: { "openai-chat": { image_url: { detail: "low" } } },
      },
    ]);
    assert.equal(first?.content.length, 3, "the input_audio part has no canonical form and is not content");
    assert.equal(request.maxOutputTokens, 500, "the deprecated max_tokens is read");
  });

  test("legacy functions: tools, tool choice, call and result linked by a synthesized id", () => {
    const request = decode(loadJson("request-legacy-functions.json"));
    assert.deepEqual(request.tools?.map((tool) => tool.name), ["get_current_weather"]);
    assert.deepEqual(request.toolChoice, { type: "auto" });
    const call = request.messages[1]?.content[0];
    const result = request.messages[2]?.content[0];
    assert.equal(call?.type, "tool-call");
    assert.equal(result?.type, "tool-result");
    if (call?.type !== "tool-call" || result?.type !== "tool-result") return;
    assert.equal(call.name, "get_current_weather");
    assert.equal(call.arguments, '{\n  "location": "Boston, MA"\n}');
    assert.equal(result.toolCallId, call.id);
    assert.equal(result.toolName, "get_current_weather");
    assert.deepEqual(result.content, [{ type: "text", text: '{"temperature": "22", "unit": "celsius"}' }]);
  });

  test("reasoning history: reasoning_content and OpenRouter reasoning become reasoning parts", () => {
    const request = decode(loadJson("request-reasoning-history.json"));
    assert.deepEqual(
      request.messages[1]?.content.map((part) => part.type),
      ["reasoning", "tool-call"],
      "an empty content string next to tool calls is not a text part",
    );
    assert.equal(request.messages[1]?.content[0]?.type === "reasoning" && request.messages[1].content[0].text, "17 * 23 = 391. I still need the time.");
    assert.equal(request.messages[3]?.content[0]?.type === "reasoning" && request.messages[3].content[0].text, "Combine both results.");
    assert.deepEqual(request.system?.map((part) => part.text), ["Think step by step.", "Use tools when needed."]);
    assert.deepEqual(request.toolChoice, { type: "tool", name: "get_time" });
    assert.deepEqual(request.responseFormat, { type: "json-object" });
    assert.deepEqual(request.stopSequences, ["<END>", "###"]);
    assert.deepEqual(request.reasoning, { effort: "high" });
    assert.deepEqual(request.extras, { "openai-chat": { thinking: { type: "enabled" } } });
  });
});

function pngOf(): string {
  const part = requestSamples["image as base64"].messages[0]?.content[1];
  return part?.type === "image" && part.source.kind === "base64" ? part.source.data : "";
}

describe("dialect specifics", () => {
  test("a system message after the conversation started is hoisted with a warning", () => {
    const decoded = dialect.decodeRequest({
      model: "m",
      messages: [
        { role: "user", content: "Hi" },
        { role: "system", content: "Be brief." },
      ],
    });
    assert.deepEqual(decoded.value.system?.map((part) => part.text), ["Be brief."]);
    assert.equal(decoded.value.messages.length, 1);
    assert.equal(decoded.warnings[0]?.code, "lossy-conversion");
    assert.equal(decoded.warnings[0]?.path, "messages[1]");
  });

  test("several system and developer messages come back as they were", () => {
    const body = {
      model: "m",
      messages: [
        { role: "system", content: "One." },
        { role: "developer", content: [{ type: "text", text: "Two." }] },
        { role: "system", content: "Three.", name: "policy" },
        { role: "user", content: "Go" },
      ],
    };
    const request = decode(body);
    assert.deepEqual(request.system?.map((part) => part.text), ["One.", "Two.", "Three."]);
    assert.deepEqual(encode(request), body);
  });

  test("canonical system parts from another dialect become one system message", () => {
    const wire = encode({
      model: "m",
      system: [
        { type: "text", text: "A" },
        { type: "text", text: "B" },
      ],
      messages: [{ role: "user", content: [{ type: "text", text: "Hi" }] }],
      stream: false,
    });
    assert.deepEqual(wire["messages"], [
      { role: "system", content: [{ type: "text", text: "A" }, { type: "text", text: "B" }] },
      { role: "user", content: "Hi" },
    ]);
  });

  test("one canonical tool message with several results is split into tool messages", () => {
    const wire = encode(requestSamples["tools, parallel calls and results"]);
    const messages = wire["messages"] as Array<Record<string, unknown>>;
    assert.deepEqual(messages.slice(2), [
      { role: "tool", tool_call_id: "call_1", content: "18C, cloudy" },
      { role: "tool", tool_call_id: "call_2", content: "14:05" },
    ]);
    assert.deepEqual(messages[1], {
      role: "assistant",
      content: "Checking both.",
      tool_calls: [
        { id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } },
        { id: "call_2", type: "function", function: { name: "get_time", arguments: '{"tz":"Europe/Paris"}' } },
      ],
    });
  });

  test("a tool result for an unknown call has no tool name", () => {
    const request = decode({ model: "m", messages: [{ role: "tool", tool_call_id: "call_x", content: "ok" }] });
    assert.deepEqual(viaWire(request.messages), [
      { role: "tool", content: [{ type: "tool-result", toolCallId: "call_x", content: [{ type: "text", text: "ok" }] }] },
    ]);
  });

  test("max_completion_tokens is the default limit; max_tokens only when the caller used it", () => {
    const base = { model: "m", messages: [{ role: "user" as const, content: [{ type: "text" as const, text: "x" }] }], stream: false };
    assert.deepEqual(encode({ ...base, maxOutputTokens: 64 }), { model: "m", messages: [{ role: "user", content: "x" }], max_completion_tokens: 64 });
    const legacy = decode({ model: "m", messages: [{ role: "user", content: "x" }], max_tokens: 64 });
    assert.equal(legacy.maxOutputTokens, 64);
    assert.equal(encode(legacy)["max_tokens"], 64);
    assert.equal(encode(legacy)["max_completion_tokens"], undefined);
  });

  test("forceStreamUsage asks for usage on streaming requests only, keeping other stream options", () => {
    const streaming = decode({ model: "m", messages: [{ role: "user", content: "x" }], stream: true, stream_options: { include_obfuscation: false } });
    assert.deepEqual(encode(streaming, true)["stream_options"], { include_obfuscation: false, include_usage: true });
    assert.deepEqual(encode(streaming, false)["stream_options"], { include_obfuscation: false });
    const plain = decode({ model: "m", messages: [{ role: "user", content: "x" }] });
    assert.equal(encode(plain, true)["stream_options"], undefined);
    assert.equal(encode(plain, true)["stream"], undefined);
  });

  test("a single text part is sent as plain string content", () => {
    const wire = encode(requestSamples["plain text"]);
    assert.deepEqual(wire["messages"], [{ role: "user", content: "Hello there" }]);
  });

  test("values with no canonical form stay verbatim: allowed_tools, new efforts, nulls", () => {
    const body = {
      model: "m",
      messages: [{ role: "user", content: "x" }],
      tools: [
        { type: "function", function: { name: "f", parameters: { type: "object" } } },
        { type: "custom", custom: { name: "grammar", format: { type: "text" } } },
      ],
      tool_choice: { type: "allowed_tools", allowed_tools: { mode: "auto", tools: [{ type: "function", function: { name: "f" } }] } },
      reasoning_effort: "xhigh",
      temperature: null,
      verbosity: "low",
    };
    const request = decode(body);
    assert.deepEqual(request.tools?.map((tool) => tool.name), ["f"]);
    assert.equal(request.toolChoice, undefined);
    assert.equal(request.reasoning, undefined);
    assert.equal(request.temperature, undefined);
    assert.deepEqual(encode(request), body);
  });

  test("a tool without parameters gets an empty object schema and none on the way back", () => {
    const body = { model: "m", messages: [{ role: "user", content: "x" }], tools: [{ type: "function", function: { name: "ping" } }] };
    const request = decode(body);
    assert.deepEqual(request.tools?.[0]?.parameters, { type: "object", properties: {} });
    assert.deepEqual(encode(request), body);
  });
});

describe("validation", () => {
  const message = { role: "user", content: "x" };
  const cases: Array<[string, unknown, string]> = [
    ["a body that is not an object", [1, 2], "body"],
    ["a missing model", { messages: [message] }, "model"],
    ["missing messages", { model: "m" }, "messages"],
    ["messages that are not an array", { model: "m", messages: "hi" }, "messages"],
    ["an unknown role", { model: "m", messages: [message, { role: "robot", content: "x" }] }, "messages[1].role"],
    ["user content of the wrong type", { model: "m", messages: [{ role: "user", content: 42 }] }, "messages[0].content"],
    ["a text part without text", { model: "m", messages: [{ role: "user", content: [{ type: "text" }] }] }, "messages[0].content[0].text"],
    ["an image part without url", { model: "m", messages: [{ role: "user", content: [{ type: "image_url", image_url: {} }] }] }, "messages[0].content[0].image_url.url"],
    ["a tool message without tool_call_id", { model: "m", messages: [{ role: "tool", content: "x" }] }, "messages[0].tool_call_id"],
    [
      "tool call arguments that are not text",
      { model: "m", messages: [{ role: "assistant", content: null, tool_calls: [{ id: "c", type: "function", function: { name: "f", arguments: {} } }] }] },
      "messages[0].tool_calls[0].function.arguments",
    ],
    ["a temperature that is not a number", { model: "m", messages: [message], temperature: "hot" }, "temperature"],
    ["a fractional max_completion_tokens", { model: "m", messages: [message], max_completion_tokens: 1.5 }, "max_completion_tokens"],
    ["a stop that is a number", { model: "m", messages: [message], stop: 5 }, "stop"],
    ["a tool without a name", { model: "m", messages: [message], tools: [{ type: "function", function: {} }] }, "tools[0].function.name"],
    ["stream that is not a boolean", { model: "m", messages: [message], stream: "yes" }, "stream"],
    ["metadata that is not an object", { model: "m", messages: [message], metadata: "x" }, "metadata"],
  ];
  for (const [name, body, param] of cases) {
    test(`${name} → InvalidRequestError naming ${param}`, () => {
      assert.equal(invalidParam(body), param);
    });
  }

  test("the model may come from the context when the body has none", () => {
    assert.equal(dialect.decodeRequest({ messages: [message] }, { model: "from-url" }).value.model, "from-url");
  });
});

describe("encoding what Chat Completions cannot express warns", () => {
  test("reasoning signature and token budget", () => {
    const encoded = dialect.encodeRequest(requestSamples["reasoning with signature"]);
    const wire = viaWire(encoded.value) as Record<string, unknown>;
    const messages = wire["messages"] as Array<Record<string, unknown>>;
    // Reasoning the client did not send as `reasoning_content` is not invented into the request.
    assert.equal(messages[1]?.["reasoning_content"], undefined);
    assert.deepEqual(
      encoded.warnings.map((warning) => warning.path),
      ["messages[1]", "reasoning.budgetTokens"],
    );
    assert.equal(wire["reasoning_effort"], undefined);
  });

  test("top_k, images and error flags in tool results, and other dialects' extras", () => {
    const encoded = dialect.encodeRequest({
      model: "m",
      messages: [
        { role: "user", content: [{ type: "text", text: "x", extras: { "anthropic-messages": { cache_control: { type: "ephemeral" } } } }] },
        {
          role: "tool",
          content: [
            {
              type: "tool-result",
              toolCallId: "c1",
              isError: true,
              content: [
                { type: "text", text: "failed" },
                { type: "image", source: { kind: "url", url: "https://example.com/x.png" } },
              ],
            },
          ],
        },
      ],
      topK: 40,
      stream: false,
    });
    assert.deepEqual(
      encoded.warnings.map((warning) => [warning.code, warning.path]),
      [
        ["dropped-extras", "messages[0].content[0]"],
        ["lossy-conversion", "messages[1].content[0]"],
        ["unsupported-content", "messages[1].content[0]"],
        ["unsupported-field", "topK"],
      ],
    );
    const wire = viaWire(encoded.value) as Record<string, unknown>;
    assert.deepEqual(wire["messages"], [
      { role: "user", content: "x" },
      { role: "tool", tool_call_id: "c1", content: "failed" },
    ]);
    assert.equal(wire["top_k"], undefined);
  });
});

describe("edge shapes", () => {
  test("an empty messages array is rejected like OpenAI does", () => {
    assert.equal(invalidParam({ model: "m", messages: [] }), "messages");
  });

  test("empty tools, null tool_calls and null content survive a round trip", () => {
    const body = {
      model: "m",
      messages: [
        { role: "user", content: "x" },
        { role: "assistant", content: null, tool_calls: null },
        { role: "assistant", content: [] },
      ],
      tools: [],
    };
    const request = decode(body);
    assert.equal(request.tools, undefined);
    assert.deepEqual(request.messages[1]?.content, []);
    assert.deepEqual(encode(request), body);
  });
});
