import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { InvalidRequestError } from "../../../src/core/errors.ts";
import type { CanonicalResponse } from "../../../src/core/types/response.ts";
import { openaiChatDialect as dialect } from "../../../src/dialects/openai-chat/index.ts";
import { viaWire } from "../conformance.ts";
import { responseSamples } from "../samples.ts";
import { loadJson } from "./load-fixture.ts";

const fixtures = ["response-text.json", "response-tool-calls.json", "response-reasoning.json", "response-function-call.json", "response-openrouter.json"];

function decode(name: string): CanonicalResponse {
  const decoded = dialect.decodeResponse(loadJson(name));
  assert.deepEqual(decoded.warnings, []);
  return decoded.value;
}

function encode(response: CanonicalResponse, costOf?: (usage: CanonicalResponse["usage"]) => number | undefined) {
  const encoded = dialect.encodeResponse(response, costOf ? { costOf } : {});
  return { wire: viaWire(encoded.value) as Record<string, unknown>, warnings: encoded.warnings };
}

/** The canonical essentials: what a client of any dialect will see. */
function essentials(response: CanonicalResponse): unknown {
  const { raw: _raw, ...usage } = response.usage;
  return viaWire({ id: response.id, model: response.model, content: response.content, finishReason: response.finishReason, usage });
}

describe("same-dialect round trip is lossless (wire → canonical → wire)", () => {
  for (const name of fixtures) {
    test(name, () => {
      const { wire, warnings } = encode(viaWire(decode(name)));
      assert.deepEqual(warnings, []);
      assert.deepEqual(wire, loadJson(name));
    });
  }
});

describe("decoding fixtures", () => {
  test("text answer with cached prompt tokens", () => {
    assert.deepEqual(essentials(decode("response-text.json")), {
      id: "chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG",
      model: "gpt-4.1-mini-2025-04-14",
      content: [{ type: "text", text: "Sunlight scatters off air molecules, and blue light scatters the most." }],
      finishReason: { unified: "stop", raw: "stop" },
      usage: { inputTokens: 2006, outputTokens: 15, cacheReadTokens: 1920, reasoningTokens: 0 },
    });
    assert.equal(decode("response-text.json").created, 1741570283);
  });

  test("parallel tool calls", () => {
    assert.deepEqual(essentials(decode("response-tool-calls.json")), {
      id: "chatcmpl-BtXk2Qm9aYV0hRn8s1ZpKqLw3cD4e",
      model: "gpt-4.1-2025-04-14",
      content: [
        { type: "tool-call", id: "call_9jPDCwhhcb4GpRV1lDKZ5Uxa", name: "get_weather", arguments: '{"city":"Paris","unit":"c"}' },
        { type: "tool-call", id: "call_Y3uJQ0m8yZr9bT2qQ1pGxLd7", name: "get_time", arguments: '{"tz":"Europe/Paris"}' },
      ],
      finishReason: { unified: "tool-calls", raw: "tool_calls" },
      usage: { inputTokens: 112, outputTokens: 51, cacheReadTokens: 0, reasoningTokens: 0 },
    });
  });

  test("DeepSeek reasoning_content, cache read and cache write tokens", () => {
    const response = decode("response-reasoning.json");
    assert.deepEqual(viaWire(response.content), [
      { type: "reasoning", text: "17 * 20 = 340, 17 * 3 = 51, 340 + 51 = 391." },
      { type: "text", text: "17 × 23 = 391." },
    ]);
    const { raw, ...usage } = response.usage;
    assert.deepEqual(usage, { inputTokens: 1200, outputTokens: 180, cacheReadTokens: 1024, cacheWriteTokens: 128, reasoningTokens: 160 });
    assert.equal((raw as Record<string, unknown>)["prompt_cache_hit_tokens"], 1024, "raw usage is kept for records");
  });

  test("legacy function_call decodes to a tool call", () => {
    const response = decode("response-function-call.json");
    assert.deepEqual(response.finishReason, { unified: "tool-calls", raw: "function_call" });
    const [call] = response.content;
    assert.equal(call?.type, "tool-call");
    assert.equal(call?.type === "tool-call" && call.name, "get_current_weather");
    assert.equal(call?.type === "tool-call" && call.arguments, '{\n  "location": "Boston, MA"\n}');
    assert.match(call?.type === "tool-call" ? call.id : "", /^call_/);
  });

  test("OpenRouter reasoning field and usage cost", () => {
    const response = decode("response-openrouter.json");
    assert.deepEqual(response.content.map((part) => part.type), ["reasoning", "text"]);
    assert.equal(response.usage.reasoningTokens, 20);
  });

  test("a body that is not a chat completion is rejected", () => {
    assert.throws(() => dialect.decodeResponse({ type: "message", content: [] }), InvalidRequestError);
    assert.throws(() => dialect.decodeResponse("oops"), InvalidRequestError);
  });

  test("a refusal decodes to text and encodes back into `refusal`", () => {
    const body = {
      id: "chatcmpl-r",
      object: "chat.completion",
      created: 1,
      model: "gpt-4o",
      choices: [{ index: 0, message: { role: "assistant", content: null, refusal: "I can't help with that." }, logprobs: null, finish_reason: "stop" }],
    };
    const response = dialect.decodeResponse(body).value;
    assert.deepEqual(response.content.map((part) => (part.type === "text" ? part.text : "")), ["I can't help with that."]);
    assert.deepEqual(encode(response).wire, body);
  });

  test("extra choices (n > 1) and a provider's own finish_reason survive a round trip", () => {
    const body = {
      id: "chatcmpl-n",
      object: "chat.completion",
      created: 1,
      model: "m",
      choices: [
        { index: 0, message: { role: "assistant", content: "A" }, finish_reason: "insufficient_system_resource" },
        { index: 1, message: { role: "assistant", content: "B" }, finish_reason: "stop" },
      ],
    };
    const response = dialect.decodeResponse(body).value;
    assert.deepEqual(response.finishReason, { unified: "other", raw: "insufficient_system_resource" });
    assert.deepEqual(encode(response).wire, body);
  });
});

describe("encoding canonical responses from other dialects", () => {
  test("OpenAI's full shape with defaults, finish_reason derived from tool calls", () => {
    const sample = { ...responseSamples["tool calls"], created: 1752500000, finishReason: { unified: "stop" as const, raw: "end_turn" } };
    const { wire, warnings } = encode(sample);
    assert.deepEqual(warnings, []);
    assert.deepEqual(wire, {
      id: "resp_3",
      object: "chat.completion",
      created: 1752500000,
      model: "m-1",
      choices: [
        {
          index: 0,
          message: {
            role: "assistant",
            content: "Let me check.",
            refusal: null,
            annotations: [],
            tool_calls: [
              { id: "call_a", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } },
              { id: "call_b", type: "function", function: { name: "get_time", arguments: '{"tz":"Europe/Paris"}' } },
            ],
          },
          logprobs: null,
          finish_reason: "tool_calls",
        },
      ],
      usage: { prompt_tokens: 40, completion_tokens: 22, total_tokens: 62 },
      system_fingerprint: null,
    });
  });

  test("a tool-use reason without calls is not reported as tool_calls; filters and limits map", () => {
    const base = responseSamples["text answer"];
    const finish = (unified: CanonicalResponse["finishReason"]["unified"]) => {
      const choices = encode({ ...base, finishReason: { unified, raw: "x" } }).wire["choices"] as Array<Record<string, unknown>>;
      return choices[0]?.["finish_reason"];
    };
    assert.equal(finish("tool-calls"), "stop");
    assert.equal(finish("length"), "length");
    assert.equal(finish("content-filter"), "content_filter");
    assert.equal(finish("other"), "stop");
  });

  test("reasoning goes to reasoning_content; a signature is dropped with a warning", () => {
    const { wire, warnings } = encode(responseSamples["reasoning and cache usage"]);
    const choices = wire["choices"] as Array<{ message: Record<string, unknown> }>;
    assert.equal(choices[0]?.message["reasoning_content"], "Think first.");
    assert.equal(choices[0]?.message["content"], "391");
    assert.deepEqual(warnings.map((warning) => warning.code), ["unsupported-content"]);
    assert.deepEqual(wire["usage"], {
      prompt_tokens: 100,
      completion_tokens: 30,
      total_tokens: 130,
      prompt_tokens_details: { cached_tokens: 60 },
      completion_tokens_details: { reasoning_tokens: 10 },
    });
  });

  test("costOf becomes usage.cost in USD", () => {
    const { wire } = encode(responseSamples["text answer"], (usage) => ((usage.inputTokens ?? 0) * 2 + (usage.outputTokens ?? 0) * 8) / 1e6);
    assert.equal((wire["usage"] as Record<string, unknown>)["cost"], 0.000072);
  });

  test("unknown usage is left off, never written as zero", () => {
    const { wire } = encode({ ...responseSamples["text answer"], usage: { ...responseSamples["text answer"].usage, inputTokens: undefined, outputTokens: undefined } });
    assert.equal(wire["usage"], undefined);
    const partial = encode({ ...responseSamples["text answer"], usage: { ...responseSamples["text answer"].usage, outputTokens: undefined } });
    assert.deepEqual(partial.wire["usage"], { prompt_tokens: 12 });
  });
});
