import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { collectStream } from "../../../src/core/collect-stream.ts";
import { UpstreamError } from "../../../src/core/errors.ts";
import type { CanonicalEvent } from "../../../src/core/types/event.ts";
import { openaiChatDialect as dialect } from "../../../src/dialects/openai-chat/index.ts";
import { eventsFor, responseSamples } from "../samples.ts";
import { fromArray, joinText, toBytes, viaWire } from "../conformance.ts";
import { loadChunks } from "./load-fixture.ts";

async function decode(wire: string | string[]): Promise<CanonicalEvent[]> {
  return Array.fromAsync(dialect.decodeStream(toBytes(Array.isArray(wire) ? wire : [wire])));
}

/** Events with errors reduced to what a caller reads from them. */
function plain(events: CanonicalEvent[]): unknown[] {
  return events.map((event) => {
    if (event.type === "error") {
      const error = event.error;
      return { type: "error", kind: error instanceof UpstreamError ? error.kind : undefined, message: error.message };
    }
    if (event.type === "usage" || event.type === "finish") {
      const { raw: _raw, ...usage } = event.usage;
      return viaWire({ ...event, usage });
    }
    return viaWire(event);
  });
}

/** The JSON payloads of an SSE transcript, `[DONE]` as a string. */
function frames(wire: string): unknown[] {
  return wire
    .split("\n\n")
    .filter((block) => block !== "")
    .map((block) => {
      assert.ok(block.startsWith("data: "), `every event is a data line: ${block}`);
      const data = block.slice("data: ".length);
      return data === "[DONE]" ? data : (JSON.parse(data) as unknown);
    });
}

const noUsage = { inputTokens: undefined, outputTokens: undefined, cacheReadTokens: undefined, cacheWriteTokens: undefined, reasoningTokens: undefined };

describe("decoding recorded streams", () => {
  test("text with include_usage: usage after the finish_reason, finish last", async () => {
    const usage = { inputTokens: 2006, outputTokens: 15, cacheReadTokens: 1920, reasoningTokens: 0 };
    assert.deepEqual(plain(await decode(loadChunks("stream-text.chunks.txt"))), [
      { type: "response-metadata", id: "chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG", model: "gpt-4.1-mini-2025-04-14", created: 1741570283 },
      { type: "text-start", index: 0 },
      { type: "text-delta", index: 0, text: "Sunlight" },
      { type: "text-delta", index: 0, text: " scatters" },
      { type: "text-delta", index: 0, text: " off air." },
      { type: "text-end", index: 0 },
      { type: "usage", usage },
      { type: "finish", finishReason: { unified: "stop", raw: "stop" }, usage },
    ]);
  });

  test("parallel tool calls: one block per call, fragments joined per tool index", async () => {
    assert.deepEqual(plain(await decode(loadChunks("stream-tool-calls.chunks.txt"))), [
      { type: "response-metadata", id: "chatcmpl-BtXk2Qm9aYV0hRn8s1ZpKqLw3cD4e", model: "gpt-4.1-2025-04-14", created: 1752500000 },
      { type: "tool-call-start", index: 0, id: "call_9jPDCwhhcb4GpRV1lDKZ5Uxa", name: "get_weather" },
      { type: "tool-call-delta", index: 0, argumentsDelta: '{"ci' },
      { type: "tool-call-delta", index: 0, argumentsDelta: 'ty":"Paris","unit":"c"}' },
      { type: "tool-call-end", index: 0 },
      { type: "tool-call-start", index: 1, id: "call_Y3uJQ0m8yZr9bT2qQ1pGxLd7", name: "get_time" },
      { type: "tool-call-delta", index: 1, argumentsDelta: '{"tz":' },
      { type: "tool-call-delta", index: 1, argumentsDelta: '"Europe/Paris"}' },
      { type: "tool-call-end", index: 1 },
      { type: "finish", finishReason: { unified: "tool-calls", raw: "tool_calls" }, usage: {} },
    ]);
  });

  test("DeepSeek reasoning then text, usage with cache read and write", async () => {
    const response = await collectStream(dialect.decodeStream(toBytes([loadChunks("stream-reasoning.chunks.txt")])));
    assert.deepEqual(viaWire(response.content), [
      { type: "reasoning", text: "17 * 20 = 340, 340 + 51 = 391." },
      { type: "text", text: "17 × 23 = 391." },
    ]);
    const { raw: _raw, ...usage } = response.usage;
    assert.deepEqual(usage, { inputTokens: 1200, outputTokens: 180, cacheReadTokens: 1024, cacheWriteTokens: 128, reasoningTokens: 160 });
  });

  test("an error frame mid-stream ends with a classified error", async () => {
    const events = plain(await decode(loadChunks("stream-mid-error.chunks.txt")));
    assert.deepEqual(events.slice(1, 3), [
      { type: "text-start", index: 0 },
      { type: "text-delta", index: 0, text: "Once upon" },
    ]);
    assert.deepEqual(events.at(-1), {
      type: "error",
      kind: "server",
      message: "The server had an error while processing your request. Sorry about that!",
    });
  });

  test("a finish_reason without [DONE] is a complete answer", async () => {
    const last = (await decode(loadChunks("stream-no-done.chunks.txt"))).at(-1);
    assert.deepEqual(last && plain([last]), [{ type: "finish", finishReason: { unified: "length", raw: "length" }, usage: {} }]);
  });

  test("a stream without finish_reason is cut: error", async () => {
    const last = (await decode(loadChunks("stream-cut.chunks.txt"))).at(-1);
    assert.equal(last?.type, "error");
    assert.match(last?.type === "error" ? last.error.message : "", /without a finish_reason/);
  });

  test("OpenRouter keep-alive comments are skipped; its error frame's numeric code is the status", async () => {
    const events = plain(await decode(loadChunks("stream-openrouter-error.chunks.txt")));
    assert.deepEqual(events.slice(1, 3), [
      { type: "reasoning-start", index: 0 },
      { type: "reasoning-delta", index: 0, text: "Thinking" },
    ]);
    assert.deepEqual(events.at(-1), { type: "error", kind: "server", message: "Provider returned error" });
  });

  test("a rate-limit error frame is classified as rate-limit", async () => {
    const frame = { error: { message: "Rate limit reached for requests", type: "requests", param: null, code: "rate_limit_exceeded" } };
    const last = (await decode(`data: ${JSON.stringify(frame)}\n\n`)).at(-1);
    assert.equal(last?.type === "error" && last.error instanceof UpstreamError && last.error.kind, "rate-limit");
  });

  test("a malformed JSON frame ends with a server error naming the malformed chunk", async () => {
    const wire = loadChunks("stream-text.chunks.txt").replace('{"content":" scatters"}', '{"content":" scat');
    const last = plain(await decode(wire)).at(-1) as { type: string; kind: string; message: string };
    assert.equal(last.type, "error");
    assert.equal(last.kind, "server");
    assert.match(last.message, /malformed chunk/i);
  });

  test("byte-at-a-time delivery decodes the same as one piece", async () => {
    for (const name of ["stream-text.chunks.txt", "stream-tool-calls.chunks.txt", "stream-reasoning.chunks.txt"]) {
      const wire = loadChunks(name);
      const bytes = Buffer.from(wire, "utf8");
      // Byte by byte, so multi-byte characters (×) are split too.
      async function* single(): AsyncGenerator<Uint8Array> {
        for (const byte of bytes) yield Uint8Array.of(byte);
      }
      assert.deepEqual(plain(await Array.fromAsync(dialect.decodeStream(single()))), plain(await decode(wire)), name);
    }
  });
});

describe("encoding streams", () => {
  test("chunks exactly as OpenAI sends them, tool fragments keyed by tool ordinal, usage chunk, [DONE]", async () => {
    const sample = { ...responseSamples["tool calls"], finishReason: { unified: "stop" as const, raw: "tool_use" } };
    const wire = await joinText(dialect.encodeStream(fromArray(eventsFor(sample)), { includeUsage: true }));
    const all = frames(wire);
    assert.equal(all.at(-1), "[DONE]");
    const chunks = all.slice(0, -1) as Array<Record<string, unknown>>;
    for (const chunk of chunks) {
      assert.equal(chunk["id"], "resp_3");
      assert.equal(chunk["object"], "chat.completion.chunk");
      assert.equal(chunk["model"], "m-1");
      assert.equal(typeof chunk["created"], "number");
    }
    const choices = chunks.map((chunk) => chunk["choices"]);
    assert.deepEqual(choices, [
      [{ index: 0, delta: { role: "assistant", content: "" }, logprobs: null, finish_reason: null }],
      [{ index: 0, delta: { content: "Let " }, logprobs: null, finish_reason: null }],
      [{ index: 0, delta: { content: "me check." }, logprobs: null, finish_reason: null }],
      [{ index: 0, delta: { tool_calls: [{ index: 0, id: "call_a", type: "function", function: { name: "get_weather", arguments: "" } }] }, logprobs: null, finish_reason: null }],
      [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] }, logprobs: null, finish_reason: null }],
      [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] }, logprobs: null, finish_reason: null }],
      [{ index: 0, delta: { tool_calls: [{ index: 1, id: "call_b", type: "function", function: { name: "get_time", arguments: "" } }] }, logprobs: null, finish_reason: null }],
      [{ index: 0, delta: { tool_calls: [{ index: 1, function: { arguments: '{"tz":"Eur' } }] }, logprobs: null, finish_reason: null }],
      [{ index: 0, delta: { tool_calls: [{ index: 1, function: { arguments: 'ope/Paris"}' } }] }, logprobs: null, finish_reason: null }],
      [{ index: 0, delta: {}, logprobs: null, finish_reason: "tool_calls" }],
      [],
    ]);
    assert.deepEqual(chunks.slice(0, -1).map((chunk) => chunk["usage"]), Array(10).fill(null), "every chunk carries usage:null");
    assert.deepEqual(chunks.at(-1)?.["usage"], { prompt_tokens: 40, completion_tokens: 22, total_tokens: 62 });
  });

  test("without includeUsage: no usage key and no usage chunk", async () => {
    const wire = await joinText(dialect.encodeStream(fromArray(eventsFor(responseSamples["text answer"]))));
    const chunks = frames(wire).slice(0, -1) as Array<Record<string, unknown>>;
    assert.ok(chunks.every((chunk) => !("usage" in chunk)));
    assert.deepEqual(chunks.at(-1)?.["choices"], [{ index: 0, delta: {}, logprobs: null, finish_reason: "stop" }]);
  });

  test("costOf adds usage.cost to the usage chunk", async () => {
    const wire = await joinText(dialect.encodeStream(fromArray(eventsFor(responseSamples["text answer"])), { includeUsage: true, costOf: () => 0.0042 }));
    const usageChunk = frames(wire).at(-2) as Record<string, unknown>;
    assert.deepEqual(usageChunk["choices"], []);
    assert.deepEqual(usageChunk["usage"], { prompt_tokens: 12, completion_tokens: 6, total_tokens: 18, cost: 0.0042 });
  });

  test("reasoning deltas go out as reasoning_content and read back with cache usage", async () => {
    const sample = { ...responseSamples["reasoning and cache usage"], content: [{ type: "reasoning" as const, text: "Think first." }, { type: "text" as const, text: "391" }] };
    const wire = await joinText(dialect.encodeStream(fromArray(eventsFor(sample)), { includeUsage: true }));
    assert.ok(frames(wire).some((frame) => JSON.stringify(frame).includes('"delta":{"reasoning_content":"Think first."}')));
    const decoded = await collectStream(dialect.decodeStream(toBytes([wire])));
    assert.deepEqual(viaWire(decoded.content), viaWire(sample.content));
    const { raw: _raw, ...usage } = decoded.usage;
    assert.deepEqual(viaWire(usage), viaWire(sample.usage));
  });

  test("an error event ends with the error frame: no finish chunk, no [DONE]", async () => {
    const events = eventsFor(responseSamples["text answer"]).slice(0, -1);
    const error = new UpstreamError({ provider: "p", model: "m-1", kind: "rate-limit", message: "slow down" });
    const wire = await joinText(dialect.encodeStream(fromArray([...events, { type: "error", error }]), { includeUsage: true }));
    const all = frames(wire);
    assert.deepEqual(all.at(-1), { error: { message: "slow down", type: "requests", param: null, code: "rate_limit_exceeded" } });
    assert.ok(!all.includes("[DONE]"));
    assert.ok(!JSON.stringify(all).includes('"finish_reason":"stop"'));
  });

  test("events that end without finish end with an error frame", async () => {
    const events = eventsFor(responseSamples["text answer"]).slice(0, 3);
    const all = frames(await joinText(dialect.encodeStream(fromArray(events))));
    const last = all.at(-1) as { error?: { message: string } };
    assert.match(last.error?.message ?? "", /ended before/);
    assert.ok(!all.includes("[DONE]"));
  });

  test("the model option names the stream until metadata arrives", async () => {
    const events: CanonicalEvent[] = [
      { type: "text-start", index: 0 },
      { type: "text-delta", index: 0, text: "hi" },
      { type: "text-end", index: 0 },
      { type: "finish", finishReason: { unified: "stop", raw: undefined }, usage: noUsage },
    ];
    const chunks = frames(await joinText(dialect.encodeStream(fromArray(events), { model: "fallback-model" }))).slice(0, -1) as Array<Record<string, unknown>>;
    assert.ok(chunks.every((chunk) => chunk["model"] === "fallback-model"));
    assert.equal(new Set(chunks.map((chunk) => chunk["id"])).size, 1, "one id for every chunk");
    assert.match(String(chunks[0]?.["id"]), /^chatcmpl-/);
  });
});

test("a reasoning signature dropped from a stream is reported through onWarning", async () => {
  const warnings: string[] = [];
  const sample = responseSamples["reasoning and cache usage"];
  await joinText(dialect.encodeStream(fromArray(eventsFor(sample)), { onWarning: (warning) => warnings.push(warning.message) }));
  assert.deepEqual(warnings, ["Chat Completions cannot carry a reasoning signature: dropped."]);
});
