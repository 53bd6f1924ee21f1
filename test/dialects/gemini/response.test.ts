import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { InvalidRequestError } from "../../../src/core/errors.ts";
import type { CanonicalResponse, Usage } from "../../../src/core/types/response.ts";
import { geminiDialect as dialect } from "../../../src/dialects/gemini/index.ts";
import { encodeFinishReason, mapFinishReason } from "../../../src/dialects/gemini/map-finish-reason.ts";
import { viaWire } from "../conformance.ts";
import { loadJson } from "./load-fixture.ts";

function decode(name: string): CanonicalResponse {
  const decoded = dialect.decodeResponse(loadJson(name));
  assert.deepEqual(decoded.warnings, []);
  return decoded.value;
}

function counts(usage: Usage): Omit<Usage, "raw"> {
  const { raw: _raw, ...rest } = usage;
  return rest;
}

describe("response fixtures decode to canonical data", () => {
  test("text with cached prompt tokens", () => {
    const response = decode("response-text.json");
    assert.equal(response.id, "mK1oaKbXL_ux1MkP7ZjJ8Qs");
    assert.equal(response.model, "gemini-2.5-flash");
    assert.deepEqual(response.content, [
      { type: "text", text: "Granite shoulders rise,\nsnow keeps the old silence there,\nclouds kneel at the peak." },
    ]);
    assert.deepEqual(response.finishReason, { unified: "stop", raw: "STOP" });
    assert.deepEqual(counts(response.usage), {
      inputTokens: 2107,
      outputTokens: 24,
      cacheReadTokens: 2048,
      cacheWriteTokens: undefined,
      reasoningTokens: undefined,
    });
    assert.deepEqual(response.extras?.gemini?.["candidates"], [{ avgLogprobs: -0.41873, index: 0 }]);
  });

  test("parallel function calls: STOP means tool-calls, ids are synthesised and stable", () => {
    const response = decode("response-tool-calls.json");
    assert.deepEqual(response.finishReason, { unified: "tool-calls", raw: "STOP" });
    assert.deepEqual(
      response.content.map((part) => (part.type === "tool-call" ? [part.id, part.name, part.arguments] : part.type)),
      [
        "text",
        ["call_TA5Ok1MkPo-_GsQ4_0", "get_weather", '{"city":"Paris","unit":"celsius"}'],
        ["call_TA5Ok1MkPo-_GsQ4_1", "get_weather", '{"city":"Tokyo","unit":"celsius"}'],
      ],
    );
    assert.deepEqual(decode("response-tool-calls.json").content, response.content, "the same response gives the same ids");
    assert.equal(response.content[1]?.extras?.gemini?.["thoughtSignature"], "CiQB0e2Kb7Qm4a9VhJxk2W1mYp8sLr3Tn6Hd5Fq0ZcXvBgUe");
    // Thoughts are counted apart from candidates: output includes them.
    assert.deepEqual(counts(response.usage), {
      inputTokens: 96,
      outputTokens: 166,
      cacheReadTokens: undefined,
      cacheWriteTokens: undefined,
      reasoningTokens: 125,
    });
  });

  test("thoughts become reasoning; tool-use prompt tokens count as input", () => {
    const response = decode("response-reasoning.json");
    assert.deepEqual(
      response.content.map((part) => part.type),
      ["reasoning", "text"],
    );
    assert.match(response.content[0]?.type === "reasoning" ? response.content[0].text : "", /Working out the product/);
    assert.deepEqual(counts(response.usage), {
      inputTokens: 1270,
      outputTokens: 193,
      cacheReadTokens: 1024,
      cacheWriteTokens: undefined,
      reasoningTokens: 181,
    });
  });

  test("a blocked prompt is a content-filter finish with no content", () => {
    const response = decode("response-blocked.json");
    assert.deepEqual(response.content, []);
    assert.deepEqual(response.finishReason, { unified: "content-filter", raw: "PROHIBITED_CONTENT" });
    assert.equal(response.usage.inputTokens, 18);
    assert.equal(response.usage.outputTokens, undefined, "no candidate count is unknown, not zero");
  });

  test("a safety stop and a max-tokens stop without parts", () => {
    assert.deepEqual(decode("response-safety.json").finishReason, { unified: "content-filter", raw: "SAFETY" });
    const cut = decode("response-max-tokens.json");
    assert.deepEqual(cut.finishReason, { unified: "length", raw: "MAX_TOKENS" });
    assert.deepEqual(cut.content, []);
    assert.equal(cut.usage.outputTokens, 99);
  });
});

describe("same-dialect round trip is lossless (wire → canonical → wire)", () => {
  for (const name of [
    "response-text.json",
    "response-tool-calls.json",
    "response-reasoning.json",
    "response-blocked.json",
    "response-max-tokens.json",
    "response-safety.json",
  ]) {
    test(name, () => {
      const encoded = dialect.encodeResponse(viaWire(decode(name)));
      assert.deepEqual(encoded.warnings, []);
      assert.deepEqual(viaWire(encoded.value), loadJson(name));
    });
  }
});

describe("encodeResponse for canonical data from other dialects", () => {
  const base: CanonicalResponse = {
    id: "msg_01",
    model: "claude-sonnet-4-5",
    content: [{ type: "text", text: "Hi" }],
    finishReason: { unified: "stop", raw: "end_turn" },
    usage: { inputTokens: 10, outputTokens: 5, cacheReadTokens: undefined, cacheWriteTokens: undefined, reasoningTokens: undefined },
  };

  test("maps finish reason and usage, and keeps tool call ids", () => {
    const response: CanonicalResponse = {
      ...base,
      content: [{ type: "tool-call", id: "toolu_01", name: "f", arguments: '{"a":1}' }],
      finishReason: { unified: "tool-calls", raw: "tool_use" },
      usage: { inputTokens: 100, outputTokens: 30, cacheReadTokens: 60, cacheWriteTokens: undefined, reasoningTokens: 10 },
    };
    const encoded = dialect.encodeResponse(response);
    assert.deepEqual(encoded.warnings, []);
    assert.deepEqual(encoded.value, {
      candidates: [{ content: { parts: [{ functionCall: { name: "f", id: "toolu_01", args: { a: 1 } } }], role: "model" }, finishReason: "STOP" }],
      usageMetadata: { promptTokenCount: 100, candidatesTokenCount: 20, totalTokenCount: 130, cachedContentTokenCount: 60, thoughtsTokenCount: 10 },
      modelVersion: "claude-sonnet-4-5",
      responseId: "msg_01",
    });
  });

  test("a content filter with nothing produced is a candidate with no content", () => {
    const encoded = dialect.encodeResponse({ ...base, content: [], finishReason: { unified: "content-filter", raw: "content_filter" } });
    assert.deepEqual((encoded.value as { candidates: unknown }).candidates, [{ finishReason: "SAFETY" }]);
  });

  test("cache-write tokens and foreign extras are reported", () => {
    const encoded = dialect.encodeResponse({
      ...base,
      usage: { ...base.usage, cacheWriteTokens: 4 },
      extras: { "openai-chat": { system_fingerprint: "fp_1" } },
    });
    assert.deepEqual(
      encoded.warnings.map((warning) => warning.code),
      ["dropped-extras", "lossy-conversion"],
    );
  });

  test("decodeResponse rejects what is not a Gemini response", () => {
    for (const body of ["text", { error: { code: 500, message: "x", status: "INTERNAL" } }, { choices: [] }, { candidates: "x" }]) {
      assert.throws(() => dialect.decodeResponse(body), InvalidRequestError);
    }
  });
});

describe("finish reasons", () => {
  const table: Array<[string, string]> = [
    ["STOP", "stop"],
    ["MAX_TOKENS", "length"],
    ["SAFETY", "content-filter"],
    ["RECITATION", "content-filter"],
    ["LANGUAGE", "content-filter"],
    ["BLOCKLIST", "content-filter"],
    ["PROHIBITED_CONTENT", "content-filter"],
    ["SPII", "content-filter"],
    ["IMAGE_SAFETY", "content-filter"],
    ["IMAGE_PROHIBITED_CONTENT", "content-filter"],
    ["IMAGE_RECITATION", "content-filter"],
    ["MALFORMED_FUNCTION_CALL", "error"],
    ["UNEXPECTED_TOOL_CALL", "error"],
    ["TOO_MANY_TOOL_CALLS", "error"],
    ["MALFORMED_RESPONSE", "error"],
    ["OTHER", "other"],
    ["FINISH_REASON_UNSPECIFIED", "other"],
    ["NO_IMAGE", "other"],
    ["IMAGE_OTHER", "other"],
    ["CONTINUATION", "other"],
    ["SOMETHING_NEW", "other"],
  ];
  for (const [raw, unified] of table) {
    test(`${raw} → ${unified}, and back to ${raw}`, () => {
      const reason = mapFinishReason(raw, false);
      assert.deepEqual(reason, { unified, raw });
      if (raw !== "SOMETHING_NEW") assert.equal(encodeFinishReason(reason, false), raw);
    });
  }

  test("tool calls turn STOP into tool-calls, but not MAX_TOKENS", () => {
    assert.equal(mapFinishReason("STOP", true).unified, "tool-calls");
    assert.equal(mapFinishReason("MAX_TOKENS", true).unified, "length");
  });

  test("other dialects' reasons encode by their unified meaning", () => {
    assert.equal(encodeFinishReason({ unified: "length", raw: "max_tokens" }, false), "MAX_TOKENS");
    assert.equal(encodeFinishReason({ unified: "tool-calls", raw: "tool_calls" }, true), "STOP");
    assert.equal(encodeFinishReason({ unified: "content-filter", raw: "refusal" }, false), "SAFETY");
    assert.equal(encodeFinishReason({ unified: "stop", raw: "MAX_TOKENS" }, false), "STOP", "a raw value that no longer fits is not reused");
  });
});
