import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { InvalidRequestError } from "../../../src/core/errors.ts";
import type { CanonicalResponse, Usage } from "../../../src/core/types/response.ts";
import { decodeResponse } from "../../../src/dialects/anthropic-messages/decode-response.ts";
import { encodeResponse } from "../../../src/dialects/anthropic-messages/encode-response.ts";
import { readJsonFixture } from "./fixtures.ts";

function usage(fields: Partial<Usage>): Omit<Usage, "raw"> {
  return {
    inputTokens: undefined,
    outputTokens: undefined,
    cacheReadTokens: undefined,
    cacheWriteTokens: undefined,
    reasoningTokens: undefined,
    ...fields,
  };
}

function withoutRaw(response: CanonicalResponse): unknown {
  const { raw: _raw, ...rest } = response.usage;
  return { ...response, usage: rest };
}

describe("anthropic-messages decodeResponse: fixtures", () => {
  test("a text answer", () => {
    const decoded = decodeResponse(readJsonFixture("response-text.json"));
    assert.deepEqual(decoded.warnings, []);
    assert.deepEqual(withoutRaw(decoded.value), {
      id: "msg_01XFDUDYJgAACzvnptvVoYEL",
      model: "claude-sonnet-4-5-20250929",
      content: [{ type: "text", text: "Hello! How can I help you today?" }],
      finishReason: { unified: "stop", raw: "end_turn" },
      usage: usage({ inputTokens: 12, outputTokens: 11, cacheReadTokens: 0, cacheWriteTokens: 0 }),
      extras: {
        "anthropic-messages": {
          container: null,
          stop_details: null,
          usage: {
            cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
            server_tool_use: null,
            service_tier: "standard",
          },
        },
      },
    });
  });

  test("tool calls, with the whole prompt counted as input (uncached + cache write + cache read)", () => {
    const decoded = decodeResponse(readJsonFixture("response-tool-use.json")).value;
    assert.deepEqual(decoded.content, [
      { type: "text", text: "I'll check the weather in Paris and the time in Tokyo." },
      { type: "tool-call", id: "toolu_01A09q90qw90lq917835lq9", name: "get_weather", arguments: '{"city":"Paris","unit":"c"}' },
      { type: "tool-call", id: "toolu_01B7cXyZ4mN3pQ8rT2vW6kJh", name: "get_time", arguments: '{"tz":"Asia/Tokyo"}' },
    ]);
    assert.deepEqual(decoded.finishReason, { unified: "tool-calls", raw: "tool_use" });
    const { raw, ...counts } = decoded.usage;
    assert.deepEqual(counts, usage({ inputTokens: 45 + 312 + 2048, outputTokens: 96, cacheReadTokens: 2048, cacheWriteTokens: 312 }));
    assert.equal((raw as { input_tokens: number }).input_tokens, 45);
  });

  test("thinking, redacted thinking and thinking tokens", () => {
    const decoded = decodeResponse(readJsonFixture("response-thinking.json")).value;
    assert.deepEqual(decoded.content, [
      {
        type: "reasoning",
        text: "17 * 23: 17 * 20 = 340, 17 * 3 = 51, total 391.",
        signature: "EuYBCkQYAiJAgCs1le6/Pol5Z4/JMomVOouGrWdhYNsH3ukzUECbB6iWrSQtsQuRHJID6lWV9kUGH9w6fT1XKlKzFg==",
      },
      {
        type: "reasoning",
        text: "",
        redactedData: "EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpPkNRj2YfWXGmKDxH4mPnZ5sQ7vB8URj2pLmN2Jk=",
      },
      { type: "text", text: "17 × 23 = 391." },
    ]);
    assert.equal(decoded.usage.reasoningTokens, 120);
    assert.equal(decoded.usage.outputTokens, 154);
  });

  test("a stop sequence keeps the raw reason and the matched string", () => {
    const decoded = decodeResponse(readJsonFixture("response-stop-sequence.json")).value;
    assert.deepEqual(decoded.finishReason, { unified: "stop", raw: "stop_sequence" });
    assert.deepEqual(decoded.extras, { "anthropic-messages": { stop_sequence: ", 5" } });
  });

  test("pause_turn is 'other' with the raw value; a server-tool block is dropped with a warning", () => {
    const decoded = decodeResponse(readJsonFixture("response-pause-turn.json"));
    assert.deepEqual(decoded.value.finishReason, { unified: "other", raw: "pause_turn" });
    assert.deepEqual(decoded.value.content, [{ type: "text", text: "Let me search for that." }]);
    assert.deepEqual(
      decoded.warnings.map((warning) => [warning.code, warning.path]),
      [["unsupported-content", "content[1]"]],
    );
  });

  for (const name of ["response-text.json", "response-tool-use.json", "response-thinking.json", "response-stop-sequence.json"]) {
    test(`${name} survives wire → canonical → wire unchanged`, () => {
      const fixture = readJsonFixture(name);
      const encoded = encodeResponse(decodeResponse(fixture).value);
      assert.deepEqual(encoded.warnings, []);
      assert.deepEqual(encoded.value, fixture);
    });
  }

  test("an error body or a non-object is not a response", () => {
    assert.throws(() => decodeResponse(readJsonFixture("errors.json")), InvalidRequestError);
    assert.throws(() => decodeResponse({ type: "error", error: { type: "api_error", message: "x" } }), InvalidRequestError);
    assert.throws(() => decodeResponse({ id: "msg_1", type: "message" }), InvalidRequestError);
  });
});

describe("anthropic-messages stop reasons", () => {
  const cases: Array<[string, string]> = [
    ["end_turn", "stop"],
    ["stop_sequence", "stop"],
    ["max_tokens", "length"],
    ["model_context_window_exceeded", "length"],
    ["tool_use", "tool-calls"],
    ["refusal", "content-filter"],
    ["pause_turn", "other"],
    ["some_future_reason", "other"],
  ];
  for (const [raw, unified] of cases) {
    test(`${raw} → ${unified}, and back to ${raw === "some_future_reason" ? "end_turn" : raw}`, () => {
      const body = { id: "msg_1", type: "message", role: "assistant", model: "m", content: [], stop_reason: raw, stop_sequence: null, usage: { input_tokens: 1, output_tokens: 1 } };
      const decoded = decodeResponse(body).value;
      assert.deepEqual(decoded.finishReason, { unified, raw });
      assert.equal(encodeResponse(decoded).value.stop_reason, raw === "some_future_reason" ? "end_turn" : raw);
    });
  }
});

describe("anthropic-messages encodeResponse from other dialects", () => {
  const base: CanonicalResponse = {
    id: "chatcmpl-abc",
    model: "gpt-x",
    content: [
      { type: "text", text: "" },
      { type: "tool-call", id: "call_1", name: "f", arguments: '{"a":1}' },
    ],
    finishReason: { unified: "tool-calls", raw: "tool_calls" },
    usage: usage({ inputTokens: 100, outputTokens: 20, cacheReadTokens: 40, reasoningTokens: 5 }),
  };

  test("empty text is skipped, the unified reason picks the stop reason, usage splits out cached input", () => {
    const encoded = encodeResponse(base);
    assert.deepEqual(encoded.warnings, []);
    assert.deepEqual(encoded.value, {
      id: "chatcmpl-abc",
      type: "message",
      role: "assistant",
      model: "gpt-x",
      content: [{ type: "tool_use", id: "call_1", name: "f", input: { a: 1 } }],
      stop_reason: "tool_use",
      stop_sequence: null,
      usage: {
        input_tokens: 60,
        output_tokens: 20,
        cache_creation_input_tokens: null,
        cache_read_input_tokens: 40,
        output_tokens_details: { thinking_tokens: 5 },
      },
    });
  });

  test("unknown usage is null on the wire, never 0, and decodes back to undefined", () => {
    const encoded = encodeResponse({ ...base, usage: usage({}) }).value;
    assert.deepEqual(encoded.usage, { input_tokens: null, output_tokens: null, cache_creation_input_tokens: null, cache_read_input_tokens: null });
    const { raw: _raw, ...decoded } = decodeResponse(encoded).value.usage;
    assert.deepEqual(decoded, usage({}));
  });

  test("a finish reason Anthropic cannot express is reported", () => {
    const encoded = encodeResponse({ ...base, finishReason: { unified: "error", raw: "MALFORMED_FUNCTION_CALL" } });
    assert.equal(encoded.value.stop_reason, "end_turn");
    assert.deepEqual(
      encoded.warnings.map((warning) => warning.path),
      ["finishReason"],
    );
  });

  test("reasoning without a signature is shown to the client with an empty signature", () => {
    const encoded = encodeResponse({ ...base, content: [{ type: "reasoning", text: "hmm" }, { type: "text", text: "ok" }] });
    assert.deepEqual(encoded.value.content, [
      { type: "thinking", thinking: "hmm", signature: "" },
      { type: "text", text: "ok" },
    ]);
  });
});
