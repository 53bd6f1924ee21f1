import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { collectStream } from "../../../src/core/collect-stream.ts";
import { UpstreamError } from "../../../src/core/errors.ts";
import type { CanonicalEvent } from "../../../src/core/types/event.ts";
import { emptyUsage } from "../../../src/core/types/response.ts";
import { decodeStream } from "../../../src/dialects/anthropic-messages/decode-stream.ts";
import { encodeStream } from "../../../src/dialects/anthropic-messages/encode-stream.ts";
import { parseSse } from "../../../src/dialects/sse.ts";
import { fromArray, joinText, toBytes } from "../conformance.ts";
import { readTextFixture } from "./fixtures.ts";

async function decodeAll(wire: string | string[]): Promise<CanonicalEvent[]> {
  return Array.fromAsync(decodeStream(toBytes(typeof wire === "string" ? [wire] : wire)));
}

function withoutUsageRaw(event: CanonicalEvent | undefined): unknown {
  if (event?.type !== "finish" && event?.type !== "usage") return event;
  const { raw: _raw, ...usage } = event.usage;
  return { ...event, usage };
}

/** Parsed wire events of an encoded stream, checking each `event:` name matches `data.type`. */
async function wireEvents(events: CanonicalEvent[]): Promise<Array<Record<string, unknown>>> {
  const text = await joinText(encodeStream(fromArray(events)));
  const parsed: Array<Record<string, unknown>> = [];
  for await (const sse of parseSse(toBytes([text]))) {
    const data = JSON.parse(sse.data) as Record<string, unknown>;
    assert.equal(sse.event, data["type"], "every event has an event: line naming its type");
    parsed.push(data);
  }
  return parsed;
}

describe("anthropic-messages decodeStream: fixtures", () => {
  test("text: metadata first, block lifecycle, usage, finish last with cumulative usage", async () => {
    const events = await decodeAll(readTextFixture("stream-text.chunks.txt"));
    assert.deepEqual(
      events.map((event) => event.type),
      ["response-metadata", "usage", "text-start", "text-delta", "text-delta", "text-delta", "text-end", "usage", "finish"],
    );
    assert.deepEqual(events[0], { type: "response-metadata", id: "msg_01XFDUDYJgAACzvnptvVoYEL", model: "claude-sonnet-4-5-20250929" });
    assert.deepEqual(withoutUsageRaw(events.at(-1)), {
      type: "finish",
      finishReason: { unified: "stop", raw: "end_turn" },
      usage: { inputTokens: 1825, outputTokens: 15, cacheReadTokens: 1800, cacheWriteTokens: 0, reasoningTokens: undefined },
    });
    const response = await collectStream(fromArray(events));
    assert.deepEqual(response.content, [{ type: "text", text: "Hello! How can I help you today?" }]);
  });

  test("tool use: input_json_delta fragments (the first empty) concatenate into the arguments", async () => {
    const events = await decodeAll(readTextFixture("stream-tool-use.chunks.txt"));
    assert.equal(events.filter((event) => event.type === "tool-call-delta" && event.argumentsDelta === "").length, 0);
    assert.deepEqual(events.find((event) => event.type === "tool-call-start"), {
      type: "tool-call-start",
      index: 1,
      id: "toolu_01T1x1fJ34qAmk2tNTrN7Up6",
      name: "get_weather",
    });
    const response = await collectStream(fromArray(events));
    assert.deepEqual(response.content, [
      { type: "text", text: "Okay, let's check the weather for San Francisco, CA:" },
      {
        type: "tool-call",
        id: "toolu_01T1x1fJ34qAmk2tNTrN7Up6",
        name: "get_weather",
        arguments: '{"location": "San Francisco, CA", "unit": "fahrenheit"}',
      },
    ]);
    assert.deepEqual(response.finishReason, { unified: "tool-calls", raw: "tool_use" });
    assert.equal(response.usage.inputTokens, 472);
    assert.equal(response.usage.outputTokens, 89);
  });

  test("thinking: deltas, the signature at the block's end, redacted thinking, thinking tokens", async () => {
    const events = await decodeAll(readTextFixture("stream-thinking.chunks.txt"));
    assert.deepEqual(events.find((event) => event.type === "reasoning-end"), {
      type: "reasoning-end",
      index: 0,
      signature: "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds...",
    });
    const response = await collectStream(fromArray(events));
    assert.deepEqual(response.content, [
      { type: "reasoning", text: "17 * 20 = 340, 17 * 3 = 51, total 391.", signature: "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds..." },
      {
        type: "reasoning",
        text: "",
        redactedData: "EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpPkNRj2YfWXGmKDxH4mPnZ5sQ7vB8URj2pLmN2Jk=",
      },
      { type: "text", text: "17 × 23 = 391." },
    ]);
    assert.equal(response.usage.reasoningTokens, 120);
    assert.equal(response.usage.inputTokens, 38);
  });

  test("an error event mid-stream ends it with an error classified by its type", async () => {
    const events = await decodeAll(readTextFixture("stream-overloaded-midway.chunks.txt"));
    assert.ok(events.some((event) => event.type === "text-delta"));
    const last = events.at(-1);
    assert.equal(last?.type, "error");
    assert.ok(last.type === "error" && last.error instanceof UpstreamError);
    assert.equal(last.error.kind, "overloaded");
    assert.equal(last.error.vendorCode, "overloaded_error");
    assert.equal(last.error.message, "Overloaded");
    assert.equal(last.error.model, "claude-sonnet-4-5-20250929");
  });

  test("a stream that ends after message_delta named the stop reason still finishes", async () => {
    const events = await decodeAll(readTextFixture("stream-no-message-stop.chunks.txt"));
    assert.deepEqual(withoutUsageRaw(events.at(-1)), {
      type: "finish",
      finishReason: { unified: "length", raw: "max_tokens" },
      usage: { inputTokens: 9, outputTokens: 3, cacheReadTokens: undefined, cacheWriteTokens: undefined, reasoningTokens: undefined },
    });
  });

  test("a stream cut before any stop reason ends with a connection error", async () => {
    const last = (await decodeAll(readTextFixture("stream-cut.chunks.txt"))).at(-1);
    assert.ok(last?.type === "error" && last.error instanceof UpstreamError);
    assert.equal(last.error.kind, "connection");
  });

  test("a malformed frame ends the stream with a server error about a malformed chunk", async () => {
    const wire = readTextFixture("stream-text.chunks.txt").replace('"text":"Hello"}', '"text":"Hello"');
    const events = await decodeAll(wire);
    const last = events.at(-1);
    assert.ok(last?.type === "error" && last.error instanceof UpstreamError);
    assert.equal(last.error.kind, "server");
    assert.match(last.error.message, /malformed chunk/i);
    assert.equal(events.filter((event) => event.type === "error").length, 1);
  });

  test("a frame missing required fields is malformed too", async () => {
    const wire = 'event: content_block_start\ndata: {"type":"content_block_start","content_block":{"type":"text","text":""}}\n\n';
    const last = (await decodeAll(wire)).at(-1);
    assert.ok(last?.type === "error");
    assert.match(last.error.message, /malformed chunk/i);
  });

  test("decoding is the same however the bytes are split; pings and unknown events are ignored", async () => {
    const wire = readTextFixture("stream-thinking.chunks.txt").replace(
      "event: message_delta",
      'event: ping\ndata: {"type":"ping"}\n\nevent: future_event\ndata: {"type":"future_event","x":1}\n\nevent: message_delta',
    );
    const whole = await decodeAll(wire);
    for (const size of [1, 5, 64]) {
      const pieces: string[] = [];
      for (let at = 0; at < wire.length; at += size) pieces.push(wire.slice(at, at + size));
      assert.deepEqual(await decodeAll(pieces), whole, `split every ${size} characters`);
    }
  });

  test("same dialect: decode → encode → decode keeps the answer", async () => {
    for (const name of ["stream-text.chunks.txt", "stream-tool-use.chunks.txt", "stream-thinking.chunks.txt"]) {
      const original = await collectStream(decodeStream(toBytes([readTextFixture(name)])));
      const reencoded = await joinText(encodeStream(decodeStream(toBytes([readTextFixture(name)]))));
      const again = await collectStream(decodeStream(toBytes([reencoded])));
      assert.deepEqual({ ...again, usage: { ...again.usage, raw: undefined } }, { ...original, usage: { ...original.usage, raw: undefined } }, name);
    }
  });
});

describe("anthropic-messages encodeStream", () => {
  const finish: CanonicalEvent = {
    type: "finish",
    finishReason: { unified: "tool-calls", raw: "tool_calls" },
    usage: { ...emptyUsage(), inputTokens: 50, outputTokens: 12, cacheReadTokens: 20 },
  };

  test("events without block starts (as from OpenAI) still give sequential start/stop pairs", async () => {
    const wire = await wireEvents([
      { type: "response-metadata", id: "chatcmpl-1", model: "gpt-x" },
      { type: "text-delta", index: 0, text: "" },
      { type: "text-delta", index: 0, text: "Checking" },
      { type: "tool-call-start", index: 1, id: "call_1", name: "get_weather" },
      { type: "tool-call-delta", index: 1, argumentsDelta: '{"city":' },
      { type: "tool-call-delta", index: 1, argumentsDelta: '"Paris"}' },
      { type: "tool-call-start", index: 2, id: "call_2", name: "get_time" },
      { type: "tool-call-delta", index: 2, argumentsDelta: "{}" },
      finish,
    ]);
    const summary = wire.map((event) => {
      if (event["type"] === "content_block_start") return `start ${String(event["index"])} ${(event["content_block"] as { type: string }).type}`;
      if (event["type"] === "content_block_stop") return `stop ${String(event["index"])}`;
      if (event["type"] === "content_block_delta") return `delta ${String(event["index"])} ${(event["delta"] as { type: string }).type}`;
      return String(event["type"]);
    });
    assert.deepEqual(summary, [
      "message_start",
      "ping",
      "start 0 text",
      "delta 0 text_delta",
      "stop 0",
      "start 1 tool_use",
      "delta 1 input_json_delta",
      "delta 1 input_json_delta",
      "stop 1",
      "start 2 tool_use",
      "delta 2 input_json_delta",
      "stop 2",
      "message_delta",
      "message_stop",
    ]);
    assert.deepEqual(wire.at(-2), {
      type: "message_delta",
      delta: { stop_reason: "tool_use", stop_sequence: null },
      usage: { output_tokens: 12, input_tokens: 30, cache_read_input_tokens: 20 },
    });
  });

  test("message_start carries the message shell and usage known before the first content", async () => {
    const wire = await wireEvents([
      { type: "response-metadata", id: "msg_1", model: "claude-x" },
      { type: "usage", usage: { ...emptyUsage(), inputTokens: 40, cacheWriteTokens: 10, outputTokens: 1 } },
      { type: "text-start", index: 0 },
      { type: "text-delta", index: 0, text: "Hi" },
      { type: "text-end", index: 0 },
      { ...finish, finishReason: { unified: "stop", raw: "end_turn" } },
    ]);
    assert.deepEqual(wire[0], {
      type: "message_start",
      message: {
        id: "msg_1",
        type: "message",
        role: "assistant",
        model: "claude-x",
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: 30, output_tokens: 1, cache_creation_input_tokens: 10, cache_read_input_tokens: null },
      },
    });
  });

  test("thinking gets its signature as a signature_delta just before the stop; redacted thinking is whole in the start", async () => {
    const wire = await wireEvents([
      { type: "reasoning-start", index: 0 },
      { type: "reasoning-delta", index: 0, text: "Let me think." },
      { type: "reasoning-end", index: 0, signature: "sig-xyz" },
      { type: "reasoning-start", index: 1, redactedData: "opaque==" },
      { type: "reasoning-end", index: 1 },
      { type: "finish", finishReason: { unified: "stop", raw: undefined }, usage: emptyUsage() },
    ]);
    assert.deepEqual(wire.slice(2, 8), [
      { type: "content_block_start", index: 0, content_block: { type: "thinking", thinking: "", signature: "" } },
      { type: "content_block_delta", index: 0, delta: { type: "thinking_delta", thinking: "Let me think." } },
      { type: "content_block_delta", index: 0, delta: { type: "signature_delta", signature: "sig-xyz" } },
      { type: "content_block_stop", index: 0 },
      { type: "content_block_start", index: 1, content_block: { type: "redacted_thinking", data: "opaque==" } },
      { type: "content_block_stop", index: 1 },
    ]);
  });

  test("an error event becomes event: error with the native body, with no fake finish", async () => {
    const error = new UpstreamError({ provider: "p", model: "m", kind: "overloaded", message: "Overloaded" });
    const wire = await wireEvents([
      { type: "text-delta", index: 0, text: "Once" },
      { type: "error", error },
    ]);
    assert.deepEqual(wire.at(-1), { type: "error", error: { type: "overloaded_error", message: "Overloaded" } });
    assert.equal(wire.some((event) => event["type"] === "message_stop" || event["type"] === "message_delta"), false);
  });

  test("events that end without finish end with an in-stream error, never message_stop", async () => {
    const wire = await wireEvents([{ type: "text-delta", index: 0, text: "Once upon" }]);
    const last = wire.at(-1) as { type: string; error: { type: string } };
    assert.equal(last.type, "error");
    assert.equal(last.error.type, "api_error");
    assert.equal(wire.some((event) => event["type"] === "message_stop"), false);
  });

  test("the reported model falls back to the encode option until the upstream names one", async () => {
    const text = await joinText(
      encodeStream(fromArray<CanonicalEvent>([{ type: "text-delta", index: 0, text: "x" }, { ...finish }]), { model: "alias-model" }),
    );
    assert.match(text, /^event: message_start\ndata: \{"type":"message_start","message":\{"id":"msg_[0-9a-f]{32}".*"model":"alias-model"/);
    assert.equal(text.includes("[DONE]"), false);
  });
});
