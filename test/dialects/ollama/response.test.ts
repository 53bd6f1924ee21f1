import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { InvalidRequestError } from "../../../src/core/errors.ts";
import type { CanonicalResponse } from "../../../src/core/types/response.ts";
import { ollamaDialect } from "../../../src/dialects/ollama/index.ts";
import { responseSamples } from "../samples.ts";
import { readJsonFixture } from "./load-fixture.ts";
import { validateChatResponse } from "./validate-wire.ts";

const { decodeResponse, encodeResponse } = ollamaDialect;

describe("ollama response fixtures", () => {
  test("text answer: id from created_at, usage from the counts, durations kept raw", () => {
    const { value, warnings } = decodeResponse(readJsonFixture("response-text.json"));
    assert.deepEqual(warnings, []);
    assert.equal(value.id, "ollama-20250814T092137412873649Z");
    assert.equal(value.model, "llama3.2");
    assert.equal(value.created, Date.UTC(2025, 7, 14, 9, 21, 37) / 1000);
    assert.deepEqual(value.content, [
      { type: "text", text: "The sky looks red at sunset because light crosses more air, which scatters the blue away." },
    ]);
    assert.deepEqual(value.finishReason, { unified: "stop", raw: "stop" });
    const { raw, ...usage } = value.usage;
    assert.deepEqual(usage, { inputTokens: 26, outputTokens: 21, cacheReadTokens: undefined, cacheWriteTokens: undefined, reasoningTokens: undefined });
    assert.deepEqual(raw, {
      total_duration: 4883583458,
      load_duration: 1334875,
      prompt_eval_count: 26,
      prompt_eval_duration: 342546000,
      eval_count: 21,
      eval_duration: 4535599000,
    });
  });

  test("tool calls: reasoning first, ids kept or synthesised from the response id, finish tool-calls", () => {
    const { value } = decodeResponse(readJsonFixture("response-tool-calls.json"));
    assert.deepEqual(value.finishReason, { unified: "tool-calls", raw: "stop" });
    assert.deepEqual(
      value.content.map((part) => (part.type === "tool-call" ? [part.type, part.id, part.name, part.arguments] : [part.type])),
      [
        ["reasoning"],
        ["tool-call", "call_k3bkxm0v", "get_weather", '{"city":"Paris","unit":"c"}'],
        ["tool-call", "call_14T092502118245Z_1", "get_time", '{"tz":"Asia/Tokyo"}'],
      ],
    );
    assert.equal(value.usage.inputTokens, 214);
    assert.equal(value.usage.outputTokens, 63);
  });

  test("length cut with thinking and a local-time offset", () => {
    const { value } = decodeResponse(readJsonFixture("response-length.json"));
    assert.deepEqual(value.finishReason, { unified: "length", raw: "length" });
    assert.equal(value.created, Date.UTC(2025, 7, 14, 18, 2, 45) / 1000);
    assert.deepEqual(value.content, [
      { type: "reasoning", text: "17*23 = 17*20 + 17*3 = 340 + 51 = 391." },
      { type: "text", text: "17 times 23 is" },
    ]);
  });

  for (const name of ["response-text.json", "response-tool-calls.json", "response-length.json"]) {
    test(`${name}: encode(decode(wire)) gives the same body back`, () => {
      const fixture = readJsonFixture(name);
      const encoded = encodeResponse(decodeResponse(fixture).value);
      assert.deepEqual(encoded.warnings, []);
      assert.deepEqual(encoded.value, fixture);
    });
  }
});

describe("ollama response edge cases", () => {
  test("encoded canonical samples are valid Ollama answers", () => {
    for (const [name, sample] of Object.entries(responseSamples)) {
      assert.deepEqual(validateChatResponse(encodeResponse(sample).value), [], name);
    }
  });

  test("an id Ollama did not make travels as `id` and is read back", () => {
    const encoded = encodeResponse(responseSamples["text answer"]).value as { id?: string; done: boolean };
    assert.equal(encoded.id, "resp_1");
    assert.equal(encoded.done, true);
    assert.equal(decodeResponse(encoded).value.id, "resp_1");
  });

  test("a tool-calls finish goes out as done_reason stop with the calls, arguments as objects", () => {
    const encoded = encodeResponse(responseSamples["tool calls"]).value as {
      done_reason: string;
      message: { content: string; tool_calls: Array<{ id: string; function: { name: string; arguments: unknown } }> };
    };
    assert.equal(encoded.done_reason, "stop");
    assert.equal(encoded.message.content, "Let me check.");
    assert.deepEqual(encoded.message.tool_calls, [
      { id: "call_a", function: { name: "get_weather", arguments: { city: "Paris" } } },
      { id: "call_b", function: { name: "get_time", arguments: { tz: "Europe/Paris" } } },
    ]);
  });

  test("a signature and cache/reasoning counts Ollama cannot carry are dropped with warnings", () => {
    const { value, warnings } = encodeResponse(responseSamples["reasoning and cache usage"]);
    const body = value as { message: { thinking?: string; content: string }; prompt_eval_count: number; eval_count: number };
    assert.equal(body.message.thinking, "Think first.");
    assert.equal(body.message.content, "391");
    assert.equal(body.prompt_eval_count, 100);
    assert.equal(body.eval_count, 30);
    assert.deepEqual(
      warnings.map((warning) => warning.path),
      ["usage", "content[0]"],
    );
    assert.match(warnings[0]?.message ?? "", /cacheReadTokens, reasoningTokens/);
  });

  test("unknown usage stays unknown: no counts are made up", () => {
    const response: CanonicalResponse = {
      ...responseSamples["text answer"],
      usage: { inputTokens: undefined, outputTokens: undefined, cacheReadTokens: undefined, cacheWriteTokens: undefined, reasoningTokens: undefined },
    };
    const body = encodeResponse(response).value as Record<string, unknown>;
    assert.equal("prompt_eval_count" in body, false);
    assert.equal("eval_count" in body, false);
    const decoded = decodeResponse({ model: "m", created_at: "2025-01-01T00:00:00Z", message: { role: "assistant", content: "x" }, done: true });
    assert.equal(decoded.value.usage.inputTokens, undefined);
    assert.equal(decoded.value.usage.outputTokens, undefined);
  });

  test("finish reasons: load is other, a missing reason on a done answer is stop, raw kept", () => {
    const base = { model: "m", created_at: "2025-01-01T00:00:00Z", message: { role: "assistant", content: "" }, done: true };
    assert.deepEqual(decodeResponse({ ...base, done_reason: "load" }).value.finishReason, { unified: "other", raw: "load" });
    assert.deepEqual(decodeResponse(base).value.finishReason, { unified: "stop", raw: undefined });
    const filtered = encodeResponse({ ...responseSamples["text answer"], finishReason: { unified: "content-filter", raw: "content_filter" } });
    assert.equal((filtered.value as { done_reason: string }).done_reason, "stop");
    const loaded = encodeResponse({ ...responseSamples["text answer"], finishReason: { unified: "other", raw: "load" } });
    assert.equal((loaded.value as { done_reason: string }).done_reason, "load");
  });

  test("a body that is not an Ollama answer is rejected", () => {
    for (const body of [null, "text", { error: "model not found" }, { model: "m", choices: [] }]) {
      assert.throws(() => decodeResponse(body), InvalidRequestError);
    }
  });
});
