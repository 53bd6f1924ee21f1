import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Message } from "../../../src/core/types/message.ts";
import type { CanonicalRequest } from "../../../src/core/types/request.ts";
import { decodeRequest } from "../../../src/dialects/anthropic-messages/decode-request.ts";
import { encodeRequest } from "../../../src/dialects/anthropic-messages/encode-request.ts";
import { anthropicMessagesDialect } from "../../../src/dialects/anthropic-messages/index.ts";

function request(messages: Message[], extra: Partial<CanonicalRequest> = {}): CanonicalRequest {
  return { model: "claude-haiku-4-5", messages, stream: false, ...extra };
}

const hello: Message = { role: "user", content: [{ type: "text", text: "Hello" }] };

function warningCodes(result: { warnings: Array<{ code: string; path?: string }> }): Array<[string, string | undefined]> {
  return result.warnings.map((warning) => [warning.code, warning.path]);
}

describe("anthropic-messages encodeRequest", () => {
  test("requestPath is /v1/messages whatever the model or streaming", () => {
    assert.equal(anthropicMessagesDialect.requestPath({ model: "claude-opus-4-5", stream: true }), "/v1/messages");
    assert.equal(anthropicMessagesDialect.requestPath({ model: "x", stream: false }), "/v1/messages");
  });

  test("max_tokens is always sent: the request's, the option's default, or 4096", () => {
    assert.equal(encodeRequest(request([hello], { maxOutputTokens: 300 })).value.max_tokens, 300);
    assert.equal(encodeRequest(request([hello]), { defaultMaxOutputTokens: 1000 }).value.max_tokens, 1000);
    assert.equal(encodeRequest(request([hello])).value.max_tokens, 4096);
    // A thinking budget must stay below max_tokens.
    assert.equal(encodeRequest(request([hello], { reasoning: { budgetTokens: 8000 } })).value.max_tokens, 12096);
  });

  test("OpenAI-style history: tool results merge into one user turn, tool_result blocks first", () => {
    const encoded = encodeRequest(
      request([
        hello,
        {
          role: "assistant",
          content: [
            { type: "text", text: "" },
            { type: "tool-call", id: "call_a", name: "f", arguments: '{"x":1}' },
          ],
        },
        { role: "tool", content: [{ type: "tool-result", toolCallId: "call_a", content: [{ type: "text", text: "one" }] }] },
        { role: "user", content: [{ type: "text", text: "and then?" }] },
        { role: "user", content: [{ type: "text", text: "please" }] },
      ]),
    );
    assert.deepEqual(encoded.warnings, []);
    assert.deepEqual(encoded.value.messages, [
      { role: "user", content: "Hello" },
      // The empty text part is not sent: Anthropic rejects empty text blocks.
      { role: "assistant", content: [{ type: "tool_use", id: "call_a", name: "f", input: { x: 1 } }] },
      {
        role: "user",
        content: [
          { type: "tool_result", tool_use_id: "call_a", content: "one" },
          { type: "text", text: "and then?" },
          { type: "text", text: "please" },
        ],
      },
    ]);
  });

  test("a user message followed by tool results puts the tool results first in the merged turn", () => {
    const encoded = encodeRequest(
      request([
        { role: "assistant", content: [{ type: "tool-call", id: "t1", name: "f", arguments: "{}" }] },
        { role: "user", content: [{ type: "text", text: "note" }] },
        { role: "tool", content: [{ type: "tool-result", toolCallId: "t1", content: [] }] },
      ]),
    );
    assert.deepEqual(encoded.value.messages[1], {
      role: "user",
      content: [
        { type: "tool_result", tool_use_id: "t1" },
        { type: "text", text: "note" },
      ],
    });
  });

  test("foreign tool-call ids are rewritten the same way in tool_use and tool_result", () => {
    const id = "functions.get_weather:0";
    const encoded = encodeRequest(
      request([
        hello,
        { role: "assistant", content: [{ type: "tool-call", id, name: "get_weather", arguments: '{"city":"Oslo"}' }] },
        { role: "tool", content: [{ type: "tool-result", toolCallId: id, content: [{ type: "text", text: "cold" }] }] },
      ]),
    );
    const [, assistant, results] = encoded.value.messages;
    const toolUse = Array.isArray(assistant?.content) ? assistant.content[0] : undefined;
    const toolResult = Array.isArray(results?.content) ? results.content[0] : undefined;
    assert.ok(toolUse?.type === "tool_use" && toolResult?.type === "tool_result");
    assert.match(toolUse.id, /^[a-zA-Z0-9_-]+$/);
    assert.equal(toolUse.id, toolResult.tool_use_id);
  });

  test("temperature above 1 is clamped with a warning; sampling params are sent only when set", () => {
    const encoded = encodeRequest(request([hello], { temperature: 1.6, topP: 0.8 }));
    assert.equal(encoded.value.temperature, 1);
    assert.equal(encoded.value.top_p, 0.8);
    assert.equal("top_k" in encoded.value, false);
    assert.deepEqual(warningCodes(encoded), [["lossy-conversion", "temperature"]]);
    const plain = encodeRequest(request([hello])).value;
    assert.equal("temperature" in plain || "top_p" in plain || "stream" in plain, false);
  });

  test("reasoning without a signature and other dialects' extras are dropped with warnings", () => {
    const encoded = encodeRequest(
      request([
        hello,
        {
          role: "assistant",
          content: [
            { type: "reasoning", text: "thinking out loud" },
            { type: "text", text: "Hi!", extras: { gemini: { thoughtSignature: "abc" } } },
          ],
        },
      ]),
    );
    assert.deepEqual(encoded.value.messages[1], { role: "assistant", content: [{ type: "text", text: "Hi!" }] });
    assert.deepEqual(warningCodes(encoded), [
      ["unsupported-content", "messages[1].content[0]"],
      ["dropped-extras", "messages[1].content[1]"],
    ]);
  });

  test("images: URLs stay URLs, unsupported media types are dropped with a warning", () => {
    const encoded = encodeRequest(
      request([
        {
          role: "user",
          content: [
            { type: "image", source: { kind: "url", url: "https://example.com/cat.png" } },
            { type: "image", source: { kind: "base64", mediaType: "image/bmp", data: "Qk0=" } },
            { type: "text", text: "What is this?" },
          ],
        },
      ]),
    );
    assert.deepEqual(encoded.value.messages[0]?.content, [
      { type: "image", source: { type: "url", url: "https://example.com/cat.png" } },
      { type: "text", text: "What is this?" },
    ]);
    assert.deepEqual(warningCodes(encoded), [["unsupported-content", "messages[0].content[1]"]]);
  });

  test("a message left with nothing to send is dropped with a warning, and its neighbours merge", () => {
    const encoded = encodeRequest(
      request([hello, { role: "assistant", content: [{ type: "reasoning", text: "unsigned" }] }, { role: "user", content: [{ type: "text", text: "again" }] }]),
    );
    assert.deepEqual(encoded.value.messages, [
      {
        role: "user",
        content: [
          { type: "text", text: "Hello" },
          { type: "text", text: "again" },
        ],
      },
    ]);
    assert.deepEqual(
      encoded.warnings.map((warning) => warning.path),
      ["messages[1].content[0]", "messages[1]"],
    );
  });

  test("tools, tool choice and parallel flag", () => {
    const tools = [{ name: "f", description: "does f", parameters: {} }];
    const required = encodeRequest(request([hello], { tools, toolChoice: { type: "required" }, parallelToolCalls: false })).value;
    assert.deepEqual(required.tools, [{ name: "f", description: "does f", input_schema: { type: "object", properties: {} } }]);
    assert.deepEqual(required.tool_choice, { type: "any", disable_parallel_tool_use: true });
    const parallelOnly = encodeRequest(request([hello], { tools, parallelToolCalls: false })).value;
    assert.deepEqual(parallelOnly.tool_choice, { type: "auto", disable_parallel_tool_use: true });
    assert.deepEqual(encodeRequest(request([hello], { tools, toolChoice: { type: "none" } })).value.tool_choice, { type: "none" });
  });

  test("reasoning, user and structured output map to thinking, metadata and output_config", () => {
    const encoded = encodeRequest(
      request([hello], {
        reasoning: { enabled: true, effort: "minimal" },
        user: "user-42",
        responseFormat: { type: "json-schema", name: "person", schema: { type: "object" }, strict: true },
        stream: true,
      }),
    );
    assert.deepEqual(encoded.value.thinking, { type: "adaptive" });
    assert.deepEqual(encoded.value.output_config, { effort: "low", format: { type: "json_schema", schema: { type: "object" } } });
    assert.deepEqual(encoded.value.metadata, { user_id: "user-42" });
    assert.equal(encoded.value.stream, true);
    assert.deepEqual(warningCodes(encoded), [
      ["lossy-conversion", "reasoning.effort"],
      ["lossy-conversion", "responseFormat"],
    ]);
    assert.deepEqual(encodeRequest(request([hello], { reasoning: { enabled: false } })).value.thinking, { type: "disabled" });
  });

  test("a JSON schema output decodes back with its schema (the name is not on the wire)", () => {
    const schema = { type: "object", properties: { name: { type: "string" } }, required: ["name"] };
    const wire = encodeRequest(request([hello], { responseFormat: { type: "json-schema", name: "person", schema } })).value;
    assert.deepEqual(decodeRequest(wire).value.responseFormat, { type: "json-schema", name: "output", schema });
  });

  test("fields Anthropic lacks are reported, never silently dropped", () => {
    const encoded = encodeRequest(
      request([hello], {
        seed: 7,
        presencePenalty: 0.5,
        frequencyPenalty: 0.1,
        metadata: { team: "x" },
        responseFormat: { type: "json-object" },
        extras: { "openai-chat": { logprobs: true } },
      }),
    );
    assert.deepEqual(
      warningCodes(encoded).sort(),
      [
        ["dropped-extras", "extras"],
        ["unsupported-field", "frequencyPenalty"],
        ["unsupported-field", "metadata"],
        ["unsupported-field", "presencePenalty"],
        ["unsupported-field", "responseFormat"],
        ["unsupported-field", "seed"],
      ],
    );
    assert.equal("output_config" in encoded.value || "metadata" in encoded.value, false);
  });

  test("arguments that are not a JSON object are replaced by {} with a warning", () => {
    const encoded = encodeRequest(
      request([hello, { role: "assistant", content: [{ type: "tool-call", id: "c1", name: "f", arguments: '{"city": "Par' }] }]),
    );
    assert.deepEqual(encoded.value.messages[1]?.content, [{ type: "tool_use", id: "c1", name: "f", input: {} }]);
    assert.deepEqual(warningCodes(encoded), [["lossy-conversion", "messages[1].content[0]"]]);
  });

  test("system parts: one plain part is a string, several are text blocks", () => {
    assert.equal(encodeRequest(request([hello], { system: [{ type: "text", text: "Be brief." }] })).value.system, "Be brief.");
    assert.deepEqual(
      encodeRequest(request([hello], { system: [{ type: "text", text: "A." }, { type: "text", text: "B." }] })).value.system,
      [
        { type: "text", text: "A." },
        { type: "text", text: "B." },
      ],
    );
  });
});
