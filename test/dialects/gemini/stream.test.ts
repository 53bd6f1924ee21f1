import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { collectStream } from "../../../src/core/collect-stream.ts";
import { UpstreamError } from "../../../src/core/errors.ts";
import type { CanonicalEvent } from "../../../src/core/types/event.ts";
import { geminiDialect as dialect } from "../../../src/dialects/gemini/index.ts";
import { parseSse } from "../../../src/dialects/sse.ts";
import { fromArray, joinText, toBytes } from "../conformance.ts";
import { eventsFor, responseSamples } from "../samples.ts";
import { loadChunks } from "./load-fixture.ts";

async function decodeText(wire: string): Promise<CanonicalEvent[]> {
  return Array.fromAsync(dialect.decodeStream(toBytes([wire])));
}

/** Events as plain data: usage without its raw copy, errors as their JSON view. */
function plain(events: CanonicalEvent[]): unknown[] {
  return events.map((event) => {
    if (event.type === "error") return { type: "error", error: event.error.toJSON() };
    if (event.type === "usage" || event.type === "finish") {
      const { raw: _raw, ...usage } = event.usage;
      return { ...event, usage };
    }
    return event;
  });
}

async function encodeFrames(events: CanonicalEvent[]): Promise<Array<Record<string, unknown>>> {
  const wire = await joinText(dialect.encodeStream(fromArray(events)));
  const frames = await Array.fromAsync(parseSse(toBytes([wire])));
  return frames.map((frame) => JSON.parse(frame.data) as Record<string, unknown>);
}

const usage = { inputTokens: 2107, outputTokens: 24, cacheReadTokens: 2048, cacheWriteTokens: undefined, reasoningTokens: undefined };

describe("stream fixtures decode to canonical events", () => {
  test("text: metadata first, one block, usage, finish last", async () => {
    assert.deepEqual(plain(await decodeText(loadChunks("stream-text.chunks.txt"))), [
      { type: "response-metadata", id: "mK1oaKbXL_ux1MkP7ZjJ8Qs", model: "gemini-2.5-flash" },
      { type: "text-start", index: 0 },
      { type: "text-delta", index: 0, text: "Granite" },
      { type: "text-delta", index: 0, text: " shoulders rise,\nsnow keeps the old silence there,\n" },
      { type: "text-delta", index: 0, text: "clouds kneel at the peak." },
      { type: "text-end", index: 0 },
      { type: "usage", usage },
      { type: "finish", finishReason: { unified: "stop", raw: "STOP" }, usage },
    ]);
  });

  test("CRLF framing decodes the same", async () => {
    const lf = loadChunks("stream-text.chunks.txt");
    assert.deepEqual(plain(await decodeText(lf.replaceAll("\n", "\r\n"))), plain(await decodeText(lf)));
  });

  test("thoughts, text and whole function calls, each a block with a global index", async () => {
    const events = await decodeText(loadChunks("stream-tool-calls.chunks.txt"));
    assert.deepEqual(
      events.map((event) => ("index" in event ? `${event.type}#${event.index}` : event.type)),
      [
        "response-metadata",
        "reasoning-start#0",
        "reasoning-delta#0",
        "reasoning-end#0",
        "text-start#1",
        "text-delta#1",
        "text-end#1",
        "tool-call-start#2",
        "tool-call-delta#2",
        "tool-call-end#2",
        "tool-call-start#3",
        "tool-call-delta#3",
        "tool-call-end#3",
        "usage",
        "finish",
      ],
    );
    const response = await collectStream(fromArray(events));
    assert.deepEqual(
      response.content.map((part) => (part.type === "tool-call" ? [part.id, part.name, part.arguments] : part.type)),
      [
        "reasoning",
        "text",
        ["call_TA5Ok1MkPo-_GsQ4_0", "get_weather", '{"city":"Paris","unit":"celsius"}'],
        ["call_TA5Ok1MkPo-_GsQ4_1", "get_weather", '{"city":"Tokyo","unit":"celsius"}'],
      ],
    );
    assert.deepEqual(response.finishReason, { unified: "tool-calls", raw: "STOP" });
    assert.deepEqual([response.usage.inputTokens, response.usage.outputTokens, response.usage.reasoningTokens], [96, 166, 125]);
    const first = events.find((event) => event.type === "tool-call-start");
    assert.equal(first?.type === "tool-call-start" ? first.extras?.gemini?.["thoughtSignature"] : undefined, "CiQB0e2Kb7Qm4a9VhJxk2W1mYp8sLr3Tn6Hd5Fq0ZcXvBgUe");
  });

  test("a signature on the final empty text part is kept as an empty reasoning block", async () => {
    const response = await collectStream(dialect.decodeStream(toBytes([loadChunks("stream-signature.chunks.txt")])));
    assert.deepEqual(response.content, [
      { type: "text", text: "17 × 23 = **391**." },
      { type: "reasoning", text: "", signature: "EtwBCtkBAdHtim8P1qHdZt0Wv3bJ9Lq" },
    ]);
  });

  test("a mid-stream error frame ends the stream with a classified error and no finish", async () => {
    const events = await decodeText(loadChunks("stream-mid-error.chunks.txt"));
    assert.equal(events.some((event) => event.type === "finish"), false);
    const last = events.at(-1);
    assert.ok(last?.type === "error" && last.error instanceof UpstreamError);
    assert.equal(last.error.kind, "overloaded");
    assert.equal(last.error.status, 503);
    assert.equal(last.error.vendorCode, "UNAVAILABLE");
    assert.match(last.error.message, /The model is overloaded/);
  });

  test("an in-stream rate limit carries its RetryInfo delay", async () => {
    const frame = { error: { code: 429, message: "Resource exhausted.", status: "RESOURCE_EXHAUSTED", details: [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "7s" }] } };
    const last = (await decodeText(`data: ${JSON.stringify(frame)}\n\n`)).at(-1);
    assert.ok(last?.type === "error" && last.error instanceof UpstreamError);
    assert.equal(last.error.kind, "rate-limit");
    assert.equal(last.error.retryAfterMs, 7000);
  });

  test("a stream that closes without a finishReason is an error", async () => {
    const last = (await decodeText(loadChunks("stream-cut.chunks.txt"))).at(-1);
    assert.equal(last?.type, "error");
    assert.ok(last?.type === "error" && last.error instanceof UpstreamError && last.error.kind === "connection");
  });

  test("a malformed JSON frame is a server error naming the malformed chunk", async () => {
    const wire = `${loadChunks("stream-cut.chunks.txt")}data: {"candidates": [{"content": {"parts": [{"text": "x"\n\n`;
    const last = (await decodeText(wire)).at(-1);
    assert.ok(last?.type === "error" && last.error instanceof UpstreamError);
    assert.equal(last.error.kind, "server");
    assert.match(last.error.message, /malformed chunk/i);
  });

  test("a blocked prompt finishes with content-filter", async () => {
    const events = await decodeText(loadChunks("stream-blocked.chunks.txt"));
    const last = events.at(-1);
    assert.deepEqual(last?.type === "finish" ? last.finishReason : undefined, { unified: "content-filter", raw: "PROHIBITED_CONTENT" });
  });

  test("finish is held until the stream closes: usage after the finish reason still counts", async () => {
    const chunks = [
      { candidates: [{ content: { parts: [{ text: "Hi" }], role: "model" }, finishReason: "STOP" }], responseId: "r1" },
      { usageMetadata: { promptTokenCount: 3, candidatesTokenCount: 1, totalTokenCount: 4 } },
    ];
    const events = await decodeText(chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`).join(""));
    const last = events.at(-1);
    assert.equal(last?.type, "finish");
    assert.deepEqual(last?.type === "finish" ? [last.usage.inputTokens, last.usage.outputTokens] : [], [3, 1]);
  });
});

describe("encodeStream writes Gemini's SSE", () => {
  test("one chunk per delta, whole function calls, a final chunk with finishReason and usage", async () => {
    const frames = await encodeFrames(eventsFor(responseSamples["tool calls"]));
    const parts = frames.map((frame) => (frame["candidates"] as Array<{ content: { parts: unknown[]; role: string } }>)[0]?.content);
    assert.ok(parts.every((content) => content?.role === "model" && content.parts.length > 0), "every chunk has a role and parts");
    assert.deepEqual(
      parts.map((content) => content?.parts),
      [
        [{ text: "Let " }],
        [{ text: "me check." }],
        [{ functionCall: { name: "get_weather", id: "call_a", args: { city: "Paris" } } }],
        [{ functionCall: { name: "get_time", id: "call_b", args: { tz: "Europe/Paris" } } }],
        [{ text: "" }],
      ],
    );
    assert.deepEqual(frames.at(-1), {
      candidates: [{ content: { parts: [{ text: "" }], role: "model" }, finishReason: "STOP" }],
      usageMetadata: { promptTokenCount: 40, candidatesTokenCount: 22, totalTokenCount: 62 },
      modelVersion: "m-1",
      responseId: "resp_3",
    });
    assert.ok(frames.every((frame) => frame["responseId"] === "resp_3"));
  });

  test("reasoning goes out as thought parts, its signature in a last thought chunk", async () => {
    const frames = await encodeFrames(eventsFor(responseSamples["reasoning and cache usage"]));
    const parts = frames.map((frame) => (frame["candidates"] as Array<{ content: { parts: unknown[] } }>)[0]?.content.parts[0]);
    assert.deepEqual(parts.slice(0, 2), [
      { text: "Think first.", thought: true },
      { text: "", thought: true, thoughtSignature: "sig-1" },
    ]);
    assert.deepEqual(frames.at(-1)?.["usageMetadata"], {
      promptTokenCount: 100,
      candidatesTokenCount: 20,
      totalTokenCount: 130,
      cachedContentTokenCount: 60,
      thoughtsTokenCount: 10,
    });
  });

  test("an error event becomes the in-stream error frame, with no finish", async () => {
    const events = eventsFor(responseSamples["text answer"]).slice(0, -1);
    events.push({ type: "error", error: new UpstreamError({ provider: "p", model: "m", kind: "rate-limit", message: "slow down", retryAfterMs: 2500 }) });
    const frames = await encodeFrames(events);
    assert.ok(frames.every((frame) => !JSON.stringify(frame).includes("finishReason")));
    assert.deepEqual(frames.at(-1), {
      error: {
        code: 429,
        message: "slow down",
        status: "RESOURCE_EXHAUSTED",
        details: [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "2.5s" }],
      },
    });
  });

  test("encodeStreamError is the same in-stream error frame, and decodes back", async () => {
    const frame = dialect.encodeStreamError(new UpstreamError({ provider: "p", model: "m", kind: "timeout", message: "too slow" }));
    assert.equal(frame, 'data: {"error":{"code":504,"message":"too slow","status":"DEADLINE_EXCEEDED"}}\n\n');
    const last = (await decodeText(frame)).at(-1);
    assert.ok(last?.type === "error" && last.error instanceof UpstreamError && last.error.kind === "timeout");
  });

  test("events that end without finish end with an error frame", async () => {
    const frames = await encodeFrames(eventsFor(responseSamples["text answer"]).slice(0, -1));
    const last = frames.at(-1)?.["error"] as Record<string, unknown> | undefined;
    assert.equal(last?.["code"], 503);
    assert.match(String(last?.["message"]), /ended before the response finished/);
  });

  test("a decoded Gemini stream re-encodes to the same response", async () => {
    for (const name of ["stream-text.chunks.txt", "stream-tool-calls.chunks.txt", "stream-signature.chunks.txt"]) {
      const original = await collectStream(dialect.decodeStream(toBytes([loadChunks(name)])));
      const wire = await joinText(dialect.encodeStream(dialect.decodeStream(toBytes([loadChunks(name)]))));
      const again = await collectStream(dialect.decodeStream(toBytes([wire])));
      assert.deepEqual(again, original, name);
      assert.ok(!wire.includes('"id":"call_'), "synthesised ids are not sent to a Gemini client");
    }
  });
});
