import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { InvalidRequestError } from "../../../src/core/errors.ts";
import type { CanonicalRequest } from "../../../src/core/types/request.ts";
import { decodeRequest } from "../../../src/dialects/anthropic-messages/decode-request.ts";
import { encodeRequest } from "../../../src/dialects/anthropic-messages/encode-request.ts";
import { readJsonFixture } from "./fixtures.ts";

const png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
const own = (fields: Record<string, unknown>) => ({ "anthropic-messages": fields });

const expected: Record<string, CanonicalRequest> = {
  "request-tool-loop.json": {
    model: "claude-sonnet-4-5",
    system: [
      { type: "text", text: "You are a travel assistant. Answer briefly." },
      {
        type: "text",
        text: "Company travel policy: economy class only, hotels under 200 EUR a night.",
        extras: own({ cache_control: { type: "ephemeral" } }),
      },
    ],
    messages: [
      { role: "user", content: [{ type: "text", text: "What's the weather in Paris, and what time is it in Tokyo?" }] },
      {
        role: "assistant",
        content: [
          { type: "text", text: "I'll check both for you." },
          { type: "tool-call", id: "toolu_01A09q90qw90lq917835lq9", name: "get_weather", arguments: '{"city":"Paris","unit":"c"}' },
          { type: "tool-call", id: "toolu_01B7cXyZ4mN3pQ8rT2vW6kJh", name: "get_time", arguments: '{"tz":"Asia/Tokyo"}' },
        ],
      },
      {
        role: "tool",
        content: [
          {
            type: "tool-result",
            toolCallId: "toolu_01A09q90qw90lq917835lq9",
            toolName: "get_weather",
            content: [
              { type: "text", text: "18°C, cloudy, 60% chance of rain" },
              { type: "image", source: { kind: "base64", mediaType: "image/png", data: png } },
            ],
          },
          {
            type: "tool-result",
            toolCallId: "toolu_01B7cXyZ4mN3pQ8rT2vW6kJh",
            toolName: "get_time",
            content: [{ type: "text", text: "timezone service unavailable" }],
            isError: true,
          },
        ],
      },
      {
        role: "user",
        content: [
          { type: "text", text: "Should I take an umbrella?", extras: own({ cache_control: { type: "ephemeral", ttl: "5m" } }) },
        ],
      },
    ],
    tools: [
      {
        name: "get_weather",
        description: "Get the current weather in a given city",
        parameters: {
          type: "object",
          properties: { city: { type: "string", description: "The city, e.g. Paris" }, unit: { type: "string", enum: ["c", "f"] } },
          required: ["city"],
        },
      },
      {
        name: "get_time",
        description: "Get the local time in an IANA timezone",
        parameters: { type: "object", properties: { tz: { type: "string" } }, required: ["tz"] },
        extras: own({ cache_control: { type: "ephemeral" } }),
      },
    ],
    toolChoice: { type: "auto" },
    parallelToolCalls: true,
    stopSequences: ["\n\nHuman:"],
    temperature: 0.2,
    topK: 40,
    maxOutputTokens: 1024,
    user: "5f1c2a9e-3b7d-4e8f-a1c6-9d2b4e7f8a10",
    stream: true,
    extras: own({ service_tier: "auto" }),
  },
  "request-vision-thinking.json": {
    model: "claude-opus-4-5",
    maxOutputTokens: 16000,
    reasoning: { budgetTokens: 10000 },
    system: [{ type: "text", text: "You are a careful image analyst." }],
    messages: [
      {
        role: "user",
        content: [
          { type: "image", source: { kind: "base64", mediaType: "image/png", data: png } },
          {
            type: "image",
            source: { kind: "url", url: "https://upload.wikimedia.org/wikipedia/commons/a/a7/Camponotus_flavomarginatus_ant.jpg" },
          },
          { type: "text", text: "Compare these two images. Zoom in if you need to." },
        ],
      },
      {
        role: "assistant",
        content: [
          {
            type: "reasoning",
            text: "The first image is a single pixel. The second shows an ant; I should zoom to see the mandibles.",
            signature: "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds7DjQ0M8Jp2Wq5NvK4Y1Z3xB6AVeW9LdH4TgRkPoQ2sFm7c=",
          },
          {
            type: "reasoning",
            text: "",
            redactedData: "EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpPkNRj2YfWXGmKDxH4mPnZ5sQ7vB8URj2pLmN2Jk=",
          },
          {
            type: "tool-call",
            id: "toolu_01CwG7XxbiZEKqK3sXE6Bq4L",
            name: "zoom",
            arguments: '{"image":2,"factor":4,"region":[0.25,0.25,0.75,0.75]}',
          },
        ],
      },
      {
        role: "tool",
        content: [
          {
            type: "tool-result",
            toolCallId: "toolu_01CwG7XxbiZEKqK3sXE6Bq4L",
            toolName: "zoom",
            content: [{ type: "text", text: "Zoomed region: mandibles visible, reddish-brown head." }],
          },
        ],
      },
    ],
    tools: [
      {
        name: "zoom",
        description: "Zoom into a region of an input image",
        parameters: {
          type: "object",
          properties: {
            image: { type: "integer" },
            factor: { type: "number" },
            region: { type: "array", items: { type: "number" }, minItems: 4, maxItems: 4 },
          },
          required: ["image", "factor"],
        },
      },
    ],
    toolChoice: { type: "required" },
    stream: false,
  },
  "request-structured-output.json": {
    model: "claude-sonnet-4-5",
    maxOutputTokens: 2048,
    system: [
      { type: "text", text: "Extract contact details from the email.", extras: own({ cache_control: { type: "ephemeral", ttl: "1h" } }) },
    ],
    messages: [
      { role: "user", content: [{ type: "text", text: "From: Ada Lovelace <ada@example.org>\nPlease call me on +44 20 7946 0958." }] },
    ],
    reasoning: { enabled: true },
    responseFormat: {
      type: "json-schema",
      name: "output",
      schema: {
        type: "object",
        properties: { name: { type: "string" }, email: { type: "string" }, phone: { type: "string" } },
        required: ["name", "email"],
        additionalProperties: false,
      },
    },
    topP: 0.95,
    stream: false,
    extras: own({
      container: "container_011CPR5CNjB747bTd36fQLFk",
      inference_geo: "us",
      thinking: { display: "summarized" },
      output_config: { effort: "max" },
    }),
  },
};

describe("anthropic-messages decodeRequest: fixtures", () => {
  for (const [name, canonical] of Object.entries(expected)) {
    test(`${name} decodes to the expected canonical request`, () => {
      const decoded = decodeRequest(readJsonFixture(name));
      assert.deepEqual(decoded.warnings, []);
      assert.deepEqual(decoded.value, canonical);
    });

    test(`${name} survives wire → canonical → wire unchanged`, () => {
      const fixture = readJsonFixture(name);
      const encoded = encodeRequest(decodeRequest(fixture).value);
      assert.deepEqual(encoded.warnings, []);
      assert.deepEqual(encoded.value, fixture);
    });
  }
});

function rejects(body: unknown, param: string): void {
  assert.throws(
    () => decodeRequest(body),
    (error: unknown) => error instanceof InvalidRequestError && error.param === param,
    `expected InvalidRequestError with param ${param}`,
  );
}

describe("anthropic-messages decodeRequest: validation", () => {
  const valid = { model: "claude-haiku-4-5", max_tokens: 100, messages: [{ role: "user", content: "hi" }] };

  test("malformed bodies throw InvalidRequestError naming the field", () => {
    rejects("not json object", "");
    rejects([valid], "");
    rejects({ model: "m", max_tokens: 10 }, "messages");
    rejects({ ...valid, messages: "hi" }, "messages");
    rejects({ ...valid, messages: ["hi"] }, "messages[0]");
    rejects({ ...valid, messages: [{ role: "bot", content: "hi" }] }, "messages[0].role");
    rejects({ ...valid, messages: [{ role: "user", content: 42 }] }, "messages[0].content");
    rejects({ ...valid, messages: [{ role: "user", content: [{ type: "text" }] }] }, "messages[0].content[0].text");
    rejects({ ...valid, messages: [{ role: "user", content: [{ text: "no type" }] }] }, "messages[0].content[0].type");
    rejects(
      { ...valid, messages: [{ role: "assistant", content: [{ type: "tool_use", id: "t1", name: "f", input: "{}" }] }] },
      "messages[0].content[0].input",
    );
    rejects({ ...valid, messages: [{ role: "user", content: [{ type: "image", source: { type: "base64", data: "x" } }] }] }, "messages[0].content[0].source.media_type");
    rejects({ ...valid, model: 7 }, "model");
    rejects({ ...valid, max_tokens: "100" }, "max_tokens");
    rejects({ ...valid, temperature: "hot" }, "temperature");
    rejects({ ...valid, stream: "yes" }, "stream");
    rejects({ ...valid, stop_sequences: ["a", 1] }, "stop_sequences[1]");
    rejects({ ...valid, system: [{ type: "image", source: {} }] }, "system[0].type");
    rejects({ ...valid, tools: { name: "f" } }, "tools");
    rejects({ ...valid, tools: [{ description: "no name" }] }, "tools[0].name");
    rejects({ ...valid, tool_choice: { type: "tool" } }, "tool_choice.name");
    rejects({ ...valid, thinking: { type: "enabled" } }, "thinking.budget_tokens");
    rejects({ ...valid, metadata: "user-1" }, "metadata");
  });

  test("a missing model is taken from the decode context, else rejected", () => {
    const { model: _model, ...withoutModel } = valid;
    assert.equal(decodeRequest(withoutModel, { model: "from-url" }).value.model, "from-url");
    rejects(withoutModel, "model");
  });

  test("max_tokens may be absent (the encoder fills a default)", () => {
    const { max_tokens: _max, ...body } = valid;
    assert.equal(decodeRequest(body).value.maxOutputTokens, undefined);
  });
});

describe("anthropic-messages decodeRequest: dialect specifics", () => {
  test("system-role messages are hoisted; one inside the conversation warns that its position is lost", () => {
    const decoded = decodeRequest({
      model: "m",
      max_tokens: 50,
      system: "Top-level.",
      messages: [
        { role: "system", content: "Leading system message." },
        { role: "user", content: "hi" },
        { role: "system", content: [{ type: "text", text: "Late rule." }] },
        { role: "assistant", content: "hello" },
      ],
    });
    assert.deepEqual(decoded.value.system, [
      { type: "text", text: "Top-level." },
      { type: "text", text: "Leading system message." },
      { type: "text", text: "Late rule." },
    ]);
    assert.deepEqual(
      decoded.value.messages.map((message) => message.role),
      ["user", "assistant"],
    );
    assert.deepEqual(
      decoded.warnings.map((warning) => [warning.code, warning.path]),
      [["lossy-conversion", "messages[2]"]],
    );
  });

  test("a user turn mixing text and tool results splits into messages in wire order", () => {
    const decoded = decodeRequest({
      model: "m",
      max_tokens: 50,
      messages: [
        { role: "assistant", content: [{ type: "tool_use", id: "toolu_1", name: "lookup", input: {} }] },
        {
          role: "user",
          content: [
            { type: "tool_result", tool_use_id: "toolu_1", content: "42" },
            { type: "text", text: "Thanks. And?" },
            { type: "tool_result", tool_use_id: "toolu_unknown" },
          ],
        },
      ],
    });
    assert.deepEqual(decoded.value.messages.slice(1), [
      { role: "tool", content: [{ type: "tool-result", toolCallId: "toolu_1", toolName: "lookup", content: [{ type: "text", text: "42" }] }] },
      { role: "user", content: [{ type: "text", text: "Thanks. And?" }] },
      { role: "tool", content: [{ type: "tool-result", toolCallId: "toolu_unknown", content: [] }] },
    ]);
  });

  test("blocks with no canonical form are dropped with a warning naming them", () => {
    const decoded = decodeRequest({
      model: "m",
      max_tokens: 50,
      messages: [
        {
          role: "user",
          content: [
            { type: "document", source: { type: "url", url: "https://example.com/a.pdf" } },
            { type: "image", source: { type: "file", file_id: "file_011" } },
            { type: "text", text: "Summarise." },
          ],
        },
      ],
    });
    assert.deepEqual(decoded.value.messages, [{ role: "user", content: [{ type: "text", text: "Summarise." }] }]);
    assert.deepEqual(
      decoded.warnings.map((warning) => [warning.code, warning.path]),
      [
        ["unsupported-content", "messages[0].content[0]"],
        ["unsupported-content", "messages[0].content[1]"],
      ],
    );
  });

  test("tool_choice variants map to canonical choices and parallel flags", () => {
    const base = { model: "m", max_tokens: 50, messages: [{ role: "user", content: "x" }] };
    const decode = (tool_choice: unknown) => {
      const value = decodeRequest({ ...base, tool_choice }).value;
      return { toolChoice: value.toolChoice, parallelToolCalls: value.parallelToolCalls };
    };
    assert.deepEqual(decode({ type: "none" }), { toolChoice: { type: "none" }, parallelToolCalls: undefined });
    assert.deepEqual(decode({ type: "any", disable_parallel_tool_use: true }), {
      toolChoice: { type: "required" },
      parallelToolCalls: false,
    });
    assert.deepEqual(decode({ type: "tool", name: "get_weather" }), {
      toolChoice: { type: "tool", name: "get_weather" },
      parallelToolCalls: undefined,
    });
  });

  test("thinking disabled, output_config effort and metadata map to canonical fields", () => {
    const value = decodeRequest({
      model: "m",
      max_tokens: 50,
      messages: [{ role: "user", content: "x" }],
      thinking: { type: "disabled" },
      output_config: { effort: "medium" },
      metadata: { user_id: "u-1" },
    }).value;
    assert.deepEqual(value.reasoning, { enabled: false, effort: "medium" });
    assert.equal(value.user, "u-1");
    assert.equal(value.extras, undefined);
  });

  test("unknown per-message fields and unknown block fields survive a round trip", () => {
    const body = {
      model: "m",
      max_tokens: 50,
      messages: [
        { role: "user", content: "hi", name: "alice" },
        {
          role: "assistant",
          content: [
            { type: "text", text: "See [1].", citations: [{ type: "char_location", cited_text: "x", document_index: 0, start_char_index: 0, end_char_index: 1 }] },
            { type: "tool_use", id: "toolu_9", name: "f", input: { a: 1 }, cache_control: { type: "ephemeral" } },
          ],
        },
      ],
    };
    const decoded = decodeRequest(body);
    assert.deepEqual(decoded.value.messages[0]?.extras, own({ name: "alice" }));
    assert.deepEqual(encodeRequest(decoded.value).value, body);
  });

  test("the SDK's server tools ride as tool extras and come back without an input schema", () => {
    const body = {
      model: "m",
      max_tokens: 50,
      messages: [{ role: "user", content: "Search the web for llmux" }],
      tools: [{ type: "web_search_20250305", name: "web_search", max_uses: 3 }],
    };
    const decoded = decodeRequest(body).value;
    assert.deepEqual(decoded.tools, [{ name: "web_search", parameters: {}, extras: own({ type: "web_search_20250305", max_uses: 3 }) }]);
    assert.deepEqual(encodeRequest(decoded).value, body);
  });
});
