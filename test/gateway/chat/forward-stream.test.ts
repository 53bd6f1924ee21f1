/**
 * The fast path's stream forwarding, read by read: an upstream body the test feeds one
 * network read at a time, and the strings the client would be written.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { UpstreamError } from "../../../src/core/errors.ts";
import { openaiChatDialect } from "../../../src/dialects/openai-chat/index.ts";
import { forwardStream } from "../../../src/gateway/chat/forward-stream.ts";
import type { FastPathRequest, ForwardedStream } from "../../../src/gateway/chat/fast-path.ts";
import type { HttpClient, UpstreamResponse } from "../../../src/providers/http-client.ts";
import { ProviderRegistry } from "../../../src/providers/registry.ts";
import { resolveTimeouts } from "../../../src/providers/timeouts.ts";
import type { UpstreamCall } from "../../../src/routing/call-upstream.ts";

/** An upstream body the test feeds read by read. */
class Reads {
  readonly #queue: Array<string | null> = [];
  #wake: (() => void) | undefined;

  push(...texts: string[]): void {
    this.#queue.push(texts.join(""));
    this.#wake?.();
  }

  close(): void {
    this.#queue.push(null);
    this.#wake?.();
  }

  async *body(): AsyncGenerator<Uint8Array> {
    const encoder = new TextEncoder();
    for (;;) {
      const next = this.#queue.shift();
      if (next === null) return;
      if (next !== undefined) {
        yield encoder.encode(next);
        continue;
      }
      await new Promise<void>((resolve) => (this.#wake = resolve));
    }
  }
}

function chunk(delta: Record<string, unknown>, finishReason: string | null = null): string {
  return `data: ${JSON.stringify({ id: "c1", object: "chat.completion.chunk", model: "gpt-4o-mini", choices: [{ index: 0, delta, finish_reason: finishReason }] })}\n\n`;
}
const usageChunk = `data: ${JSON.stringify({ id: "c1", object: "chat.completion.chunk", model: "gpt-4o-mini", choices: [], usage: { prompt_tokens: 10, completion_tokens: 2, total_tokens: 12 } })}\n\n`;
const done = "data: [DONE]\n\n";

function setup(options: { wantsUsage?: boolean } = {}): { reads: Reads; open: () => Promise<ForwardedStream> } {
  const reads = new Reads();
  const provider = ProviderRegistry.fromEnv({ OPENAI_API_KEY: "sk-test-0001", OPENAI_BASE_URL: "http://127.0.0.1:9/v1" }).require("openai");
  const response: UpstreamResponse = {
    status: 200,
    headers: { "content-type": "text/event-stream" },
    body: reads.body(),
    text: () => Promise.reject(new Error("read as a stream")),
    cancel: () => reads.close(),
  };
  const http: HttpClient = { send: () => Promise.resolve(response), close: () => Promise.resolve() };
  const call: UpstreamCall = {
    candidate: { provider, model: "gpt-4o-mini", upstreamModel: "gpt-4o-mini", origin: "requested", reason: "test", entry: undefined, group: 0, estimatedCostUsd: undefined },
    key: provider.keys[0],
    request: { model: "gpt-4o-mini", messages: [], stream: true },
    http,
    timeouts: resolveTimeouts({}),
    signal: new AbortController().signal,
    defaultMaxOutputTokens: 1024,
  };
  const request: FastPathRequest = {
    dialect: openaiChatDialect,
    body: { model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }], stream: true },
    stream: true,
    clientWantsStreamUsage: options.wantsUsage ?? false,
    headers: {},
    costOf: () => 0.25,
  };
  return { reads, open: () => forwardStream(call, request, 5_000) };
}

const pending = Symbol("pending");

/** The promise's value, or `pending` if it has not settled once queued work had time to run. */
function settledSoon<T>(promise: Promise<T>): Promise<T | typeof pending> {
  return Promise.race([promise, new Promise<typeof pending>((resolve) => setTimeout(() => resolve(pending), 20))]);
}

async function nextText(frames: AsyncIterator<string>): Promise<string | undefined> {
  const next = await frames.next();
  return next.done ? undefined : next.value;
}

describe("forwardStream", () => {
  test("gives the client one string per network read, as soon as the read arrives", async () => {
    const { reads, open } = setup();
    reads.push(chunk({ role: "assistant", content: "" }), chunk({ content: "Hel" }));
    const stream = await open();
    const frames = stream.frames[Symbol.asyncIterator]();
    assert.equal(await nextText(frames), chunk({ role: "assistant", content: "" }) + chunk({ content: "Hel" }));
    const waiting = frames.next();
    assert.equal(await settledSoon(waiting), pending, "nothing is given while the upstream is silent");
    reads.push(chunk({ content: "lo" }), chunk({ content: " there" }));
    assert.deepEqual(await settledSoon(waiting), { done: false, value: chunk({ content: "lo" }) + chunk({ content: " there" }) });
    reads.push(chunk({}, "stop"), usageChunk, done);
    reads.close();
    assert.equal(await nextText(frames), chunk({}, "stop") + done, "the usage chunk is dropped: the client did not ask for it");
    assert.equal(await nextText(frames), undefined);
    assert.equal(stream.collector.finished, true);
    assert.equal(stream.collector.error, undefined);
    assert.equal(stream.collector.response.usage.outputTokens, 2);
    assert.ok(stream.ttftMs !== undefined);
  });

  test("the usage chunk gets the cost when the client asked for usage; a lost [DONE] is added", async () => {
    const { reads, open } = setup({ wantsUsage: true });
    reads.push(chunk({ content: "Hi" }), chunk({}, "stop"), usageChunk);
    reads.close();
    const stream = await open();
    const text = (await Array.fromAsync(stream.frames)).join("");
    const usageData = JSON.parse(usageChunk.slice("data: ".length)) as { usage: Record<string, unknown> };
    usageData.usage["cost"] = 0.25;
    assert.equal(text, chunk({ content: "Hi" }) + chunk({}, "stop") + `data: ${JSON.stringify(usageData)}\n\n` + done);
  });

  test("a malformed frame after content, in the same read: the content, then the error frame, nothing after", async () => {
    const { reads, open } = setup();
    reads.push(chunk({ content: "Hi" }), "data: {broken\n\n", chunk({ content: "never" }));
    const stream = await open();
    const strings = await Array.fromAsync(stream.frames);
    assert.equal(strings.length, 1);
    const error = stream.collector.error;
    assert.ok(error instanceof UpstreamError && error.kind === "server" && error.provider === "openai");
    assert.equal(strings[0], chunk({ content: "Hi" }) + openaiChatDialect.encodeStreamError(error));
  });

  test("a failure before the first content throws, so the executor can fall back", async () => {
    const { reads, open } = setup();
    reads.push(chunk({ role: "assistant", content: "" }), "data: {broken\n\n");
    await assert.rejects(open(), (error: unknown) => error instanceof UpstreamError && error.provider === "openai" && /malformed chunk/i.test(error.message));
  });

  test("a body cut after content ends with the error frame, never a [DONE]", async () => {
    const { reads, open } = setup();
    reads.push(chunk({ content: "Hi" }));
    const stream = await open();
    reads.close();
    const text = (await Array.fromAsync(stream.frames)).join("");
    assert.ok(stream.collector.error instanceof UpstreamError);
    assert.equal(text, chunk({ content: "Hi" }) + openaiChatDialect.encodeStreamError(stream.collector.error));
    assert.doesNotMatch(text, /\[DONE\]/);
  });
});
