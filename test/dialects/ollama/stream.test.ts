import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { UpstreamError } from "../../../src/core/errors.ts";
import type { CanonicalEvent } from "../../../src/core/types/event.ts";
import { ollamaDialect } from "../../../src/dialects/ollama/index.ts";
import { eventsFor, responseSamples } from "../samples.ts";
import { fromArray, joinText, toBytes } from "../conformance.ts";
import { readChunksFixture } from "./load-fixture.ts";
import { validateChatResponse } from "./validate-wire.ts";

const { decodeStream, encodeStream } = ollamaDialect;

async function decodeFixture(name: string): Promise<CanonicalEvent[]> {
  return Array.fromAsync(decodeStream(toBytes([readChunksFixture(name)])));
}

/** Events without the raw usage object, which the fixtures' literal expectations leave out. */
function withoutRaw(events: CanonicalEvent[]): unknown[] {
  return events.map((event) => {
    if (event.type !== "usage" && event.type !== "finish") return event;
    const { raw: _raw, ...usage } = event.usage;
    return { ...event, usage };
  });
}

const usage = (input: number, output: number) => ({
  inputTokens: input,
  outputTokens: output,
  cacheReadTokens: undefined,
  cacheWriteTokens: undefined,
  reasoningTokens: undefined,
});

function lines(wire: string): Array<Record<string, unknown>> {
  assert.ok(wire.endsWith("\n"), "every line ends with a newline");
  return wire
    .trimEnd()
    .split("\n")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe("ollama stream fixtures", () => {
  test("text: metadata first, one text block, usage, finish last", async () => {
    const events = await decodeFixture("stream-text.chunks.txt");
    assert.deepEqual(withoutRaw(events), [
      { type: "response-metadata", id: "ollama-20250814T092133021876Z", model: "llama3.2", created: Date.UTC(2025, 7, 14, 9, 21, 33) / 1000 },
      { type: "text-start", index: 0 },
      { type: "text-delta", index: 0, text: "The" },
      { type: "text-delta", index: 0, text: " sky" },
      { type: "text-delta", index: 0, text: " is" },
      { type: "text-delta", index: 0, text: " blue." },
      { type: "text-end", index: 0 },
      { type: "usage", usage: usage(26, 5) },
      { type: "finish", finishReason: { unified: "stop", raw: "stop" }, usage: usage(26, 5) },
    ]);
  });

  test("thinking: a reasoning block, then a text block with the next index", async () => {
    const events = await decodeFixture("stream-thinking.chunks.txt");
    assert.deepEqual(withoutRaw(events).slice(1), [
      { type: "reasoning-start", index: 0 },
      { type: "reasoning-delta", index: 0, text: "Okay," },
      { type: "reasoning-delta", index: 0, text: " 17*23 = 391." },
      { type: "reasoning-end", index: 0 },
      { type: "text-start", index: 1 },
      { type: "text-delta", index: 1, text: "391" },
      { type: "text-end", index: 1 },
      { type: "usage", usage: usage(18, 64) },
      { type: "finish", finishReason: { unified: "length", raw: "length" }, usage: usage(18, 64) },
    ]);
  });

  test("tool calls: each whole call is one start/delta/end, finish says tool-calls", async () => {
    const events = await decodeFixture("stream-tool-calls.chunks.txt");
    assert.deepEqual(withoutRaw(events).slice(1), [
      { type: "text-start", index: 0 },
      { type: "text-delta", index: 0, text: "Let me check." },
      { type: "text-end", index: 0 },
      { type: "tool-call-start", index: 1, id: "call_k3bkxm0v", name: "get_weather", extras: { ollama: { functionFields: { index: 0 } } } },
      { type: "tool-call-delta", index: 1, argumentsDelta: '{"city":"Paris","unit":"c"}' },
      { type: "tool-call-end", index: 1 },
      {
        type: "tool-call-start",
        index: 2,
        id: "call_14T092501511002Z_1",
        name: "get_time",
        extras: { ollama: { functionFields: { index: 1 }, idSynthesized: true } },
      },
      { type: "tool-call-delta", index: 2, argumentsDelta: '{"tz":"Asia/Tokyo"}' },
      { type: "tool-call-end", index: 2 },
      { type: "usage", usage: usage(214, 63) },
      { type: "finish", finishReason: { unified: "tool-calls", raw: "stop" }, usage: usage(214, 63) },
    ]);
  });

  test("an error line mid-stream ends in a classified error, after the text already received", async () => {
    const events = await decodeFixture("stream-mid-error.chunks.txt");
    assert.deepEqual(
      events.filter((event) => event.type === "text-delta").map((event) => event.text),
      ["Once", " upon"],
    );
    const last = events.at(-1);
    assert.equal(last?.type, "error");
    const error = last.type === "error" ? last.error : undefined;
    assert.ok(error instanceof UpstreamError);
    assert.equal(error.kind, "server");
    assert.equal(error.model, "llama3.2");
    assert.match(error.message, /unexpected EOF/);
    assert.equal(events.some((event) => event.type === "finish"), false);
  });

  test("a stream that ends without the done line is an error, not a short answer", async () => {
    const events = await decodeFixture("stream-truncated.chunks.txt");
    assert.equal(events.at(-1)?.type, "error");
    assert.equal(events.some((event) => event.type === "finish"), false);
  });

  test("a malformed line ends in a server error that says so; nothing after it is read", async () => {
    const events = await decodeFixture("stream-malformed.chunks.txt");
    const last = events.at(-1);
    assert.equal(last?.type, "error");
    const error = last.type === "error" ? last.error : undefined;
    assert.ok(error instanceof UpstreamError);
    assert.equal(error.kind, "server");
    assert.match(error.message, /malformed chunk/i);
    assert.equal(events.some((event) => event.type === "finish"), false);
  });

  test("an error as the very first line is the only event", async () => {
    const events = await Array.fromAsync(decodeStream(toBytes(['{"error":"model \\"x\\" not found, try pulling it first"}\n'])));
    assert.equal(events.length, 1);
    assert.equal(events[0]?.type, "error");
  });

  test("a line with a broken tool call is a malformed chunk", async () => {
    const wire = '{"model":"m","created_at":"2025-01-01T00:00:00Z","message":{"role":"assistant","content":"","tool_calls":[{"function":{"name":"f","arguments":"{}"}}]},"done":false}\n';
    const last = (await Array.fromAsync(decodeStream(toBytes([wire])))).at(-1);
    assert.equal(last?.type, "error");
    assert.match(last.type === "error" ? last.error.message : "", /malformed chunk/i);
  });

  test("re-encoding a decoded stream keeps every line but the timestamps (and llmux's id)", async () => {
    for (const name of ["stream-text.chunks.txt", "stream-thinking.chunks.txt", "stream-tool-calls.chunks.txt"]) {
      const original = lines(readChunksFixture(name));
      const reencoded = lines(await joinText(encodeStream(decodeStream(toBytes([readChunksFixture(name)])))));
      const strip = (line: Record<string, unknown>): Record<string, unknown> => {
        const { created_at: _createdAt, id: _id, ...rest } = line;
        return rest;
      };
      assert.deepEqual(reencoded.map(strip), original.map(strip), name);
    }
  });
});

describe("ollama stream encoding", () => {
  test("streams as application/x-ndjson", () => {
    assert.equal(ollamaDialect.streamContentType, "application/x-ndjson");
  });

  test("every line is a valid Ollama chunk; done:true comes last with reason and counts", async () => {
    const wire = await joinText(encodeStream(fromArray(eventsFor(responseSamples["tool calls"]))));
    const parsed = lines(wire);
    for (const line of parsed) assert.deepEqual(validateChatResponse(line), []);
    assert.deepEqual(
      parsed.map((line) => line["done"]),
      [false, false, false, true],
    );
    const final = parsed.at(-1);
    assert.equal(final?.["done_reason"], "stop");
    assert.equal(final?.["prompt_eval_count"], 40);
    assert.equal(final?.["eval_count"], 22);
    // Calls arrive whole and together, arguments as objects, even though the events split them.
    assert.deepEqual(parsed[2]?.["message"], {
      role: "assistant",
      content: "",
      tool_calls: [
        { id: "call_a", function: { name: "get_weather", arguments: { city: "Paris" } } },
        { id: "call_b", function: { name: "get_time", arguments: { tz: "Europe/Paris" } } },
      ],
    });
    assert.equal(parsed[0]?.["id"], "resp_3");
    assert.equal(parsed[0]?.["model"], "m-1");
  });

  test("reasoning goes out as message.thinking pieces", async () => {
    const wire = await joinText(encodeStream(fromArray(eventsFor(responseSamples["reasoning and cache usage"]))));
    const messages = lines(wire).map((line) => line["message"]);
    assert.deepEqual(messages[0], { role: "assistant", content: "", thinking: "Think first." });
  });

  test("usage that arrives only in a usage event still reaches the done line", async () => {
    const events: CanonicalEvent[] = [
      { type: "response-metadata", id: "r", model: "m" },
      { type: "text-delta", index: 0, text: "hi" },
      { type: "usage", usage: usage(7, 2) },
      { type: "finish", finishReason: { unified: "stop", raw: undefined }, usage: { ...usage(0, 0), inputTokens: undefined, outputTokens: undefined } },
    ];
    const final = lines(await joinText(encodeStream(fromArray(events)))).at(-1);
    assert.equal(final?.["prompt_eval_count"], 7);
    assert.equal(final?.["eval_count"], 2);
  });

  test('an error event becomes a final {"error"} line, with no done line', async () => {
    const error = new UpstreamError({ provider: "p", model: "m", kind: "overloaded", message: "upstream overloaded" });
    const events = [...eventsFor(responseSamples["text answer"]).slice(0, -1), { type: "error", error } satisfies CanonicalEvent];
    const parsed = lines(await joinText(encodeStream(fromArray(events))));
    assert.deepEqual(parsed.at(-1), { error: "upstream overloaded" });
    assert.equal(parsed.some((line) => line["done"] === true), false);
  });

  test("events that stop without finish end with an error line, never a clean done", async () => {
    const events = eventsFor(responseSamples["text answer"]).slice(0, -1);
    const parsed = lines(await joinText(encodeStream(fromArray(events))));
    assert.equal(typeof parsed.at(-1)?.["error"], "string");
    assert.equal(parsed.some((line) => line["done"] === true), false);
  });

  test("the model from the options is used until the events name one", async () => {
    const events: CanonicalEvent[] = [
      { type: "text-delta", index: 0, text: "hi" },
      { type: "finish", finishReason: { unified: "stop", raw: undefined }, usage: usage(1, 1) },
    ];
    const parsed = lines(await joinText(encodeStream(fromArray(events), { model: "llama3.2" })));
    assert.deepEqual(
      parsed.map((line) => line["model"]),
      ["llama3.2", "llama3.2"],
    );
  });
});
