import assert from "node:assert/strict";
import { test } from "node:test";
import { collectStream } from "../../src/core/collect-stream.ts";
import { UpstreamError } from "../../src/core/errors.ts";
import type { CanonicalEvent } from "../../src/core/types/event.ts";
import { emptyUsage } from "../../src/core/types/response.ts";
import { guardStream } from "../../src/dialects/stream-guard.ts";

async function* from(events: CanonicalEvent[]): AsyncGenerator<CanonicalEvent> {
  yield* events;
}

test("collects text, reasoning with signature and tool calls by block index", async () => {
  const usage = { ...emptyUsage(), inputTokens: 3, outputTokens: 9 };
  const response = await collectStream(
    from([
      { type: "response-metadata", id: "r1", model: "m" },
      { type: "reasoning-start", index: 0 },
      { type: "reasoning-delta", index: 0, text: "hmm" },
      { type: "reasoning-end", index: 0, signature: "sig" },
      { type: "text-start", index: 1 },
      { type: "text-delta", index: 1, text: "Hel" },
      { type: "text-delta", index: 1, text: "lo" },
      { type: "text-end", index: 1 },
      { type: "tool-call-start", index: 2, id: "c1", name: "f" },
      { type: "tool-call-delta", index: 2, argumentsDelta: '{"a":' },
      { type: "tool-call-delta", index: 2, argumentsDelta: "1}" },
      { type: "tool-call-end", index: 2 },
      { type: "finish", finishReason: { unified: "tool-calls", raw: "tool_calls" }, usage },
    ]),
  );
  assert.deepEqual(response.content, [
    { type: "reasoning", text: "hmm", signature: "sig" },
    { type: "text", text: "Hello" },
    { type: "tool-call", id: "c1", name: "f", arguments: '{"a":1}' },
  ]);
  assert.equal(response.id, "r1");
  assert.equal(response.usage.outputTokens, 9);
});

test("throws the terminal error, and refuses a stream that never finished", async () => {
  const error = new UpstreamError({ provider: "p", model: "m", kind: "connection", message: "cut" });
  await assert.rejects(collectStream(from([{ type: "text-delta", index: 0, text: "x" }, { type: "error", error }])), error);
  await assert.rejects(collectStream(from([{ type: "text-delta", index: 0, text: "x" }])), /without a finish/);
});

test("guardStream ends an unfinished stream with an error and a throwing one with a classified error", async () => {
  const unfinished = await Array.fromAsync(guardStream(from([{ type: "text-delta", index: 0, text: "x" }])));
  assert.equal(unfinished.at(-1)?.type, "error");
  async function* throwing(): AsyncGenerator<CanonicalEvent> {
    yield { type: "text-delta", index: 0, text: "x" };
    throw Object.assign(new Error("read ETIMEDOUT"), { code: "ETIMEDOUT" });
  }
  const events = await Array.fromAsync(guardStream(throwing(), { provider: "openai", model: "gpt-4o" }));
  const last = events.at(-1);
  assert.ok(last?.type === "error" && last.error instanceof UpstreamError);
  assert.equal(last.error.kind, "timeout");
  assert.equal(last.error.provider, "openai");
});

test("guardStream stops at the first terminal event", async () => {
  const usage = emptyUsage();
  const events = await Array.fromAsync(
    guardStream(
      from([
        { type: "finish", finishReason: { unified: "stop", raw: "stop" }, usage },
        { type: "text-delta", index: 0, text: "late" },
      ]),
    ),
  );
  assert.deepEqual(events.map((event) => event.type), ["finish"]);
});
