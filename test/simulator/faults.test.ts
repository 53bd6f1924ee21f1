/**
 * Scripted faults, for every dialect: what a client of that vendor sees, read back with the
 * dialect's own decoders (classifyFailure for error answers, decodeStream for streams).
 */
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import type { FailureKind } from "../../src/core/errors.ts";
import { getDialect } from "../../src/dialects/registry.ts";
import { startSimulatedProvider, type Behaviour, type SimulatedProvider } from "../../src/simulator/index.ts";
import { allDialects, callSimulator, readEvents, textOf } from "./sim-client.ts";

const providers: SimulatedProvider[] = [];
after(() => Promise.all(providers.map((provider) => provider.close())));

async function start(dialect: (typeof allDialects)[number], script: Behaviour): Promise<SimulatedProvider> {
  const provider = await startSimulatedProvider({ dialect, script });
  providers.push(provider);
  return provider;
}

async function readFailure(dialect: (typeof allDialects)[number], response: Response): Promise<{ kind: FailureKind; message: string; retryAfterMs: number | undefined }> {
  const headers = Object.fromEntries(response.headers);
  return getDialect(dialect).decodeError({ status: response.status, headers, body: await response.json() });
}

for (const dialect of allDialects) {
  describe(`${dialect}: scripted faults`, () => {
    test("fail: the vendor's error body for the kind, with retry-after", async () => {
      const provider = await start(dialect, { fail: { kind: "rate-limit", retryAfterMs: 1500 } });
      const response = await callSimulator(provider);
      assert.equal(response.status, 429);
      const failure = await readFailure(dialect, response);
      assert.equal(failure.kind, "rate-limit");
      assert.equal(failure.retryAfterMs, 1500);
      // Gemini sends no rate-limit headers: the back-off is RetryInfo in the body.
      assert.equal(response.headers.get("retry-after"), dialect === "gemini" ? null : "1.5");
    });

    test("fail: every kind reads back as itself, status and headers overridable", async () => {
      const provider = await start(dialect, { fail: { kind: "overloaded", status: 503, headers: { "x-should-retry": "false" } } });
      const response = await callSimulator(provider);
      assert.equal(response.status, 503);
      assert.equal(response.headers.get("x-should-retry"), "false");
      assert.equal((await readFailure(dialect, response)).kind, "overloaded");
      for (const kind of ["quota", "auth", "server", "not-found"] as const) {
        provider.setScript({ fail: { kind } });
        assert.equal((await readFailure(dialect, await callSimulator(provider))).kind, kind, kind);
      }
    });

    test("cutAfterChunks: the stream breaks after n content chunks, the decoder ends in error", async () => {
      const provider = await start(dialect, { reply: { text: "one two three four five" }, cutAfterChunks: 2 });
      const events = await readEvents(dialect, await callSimulator(provider, { stream: true }));
      assert.equal(textOf(events), "one two ");
      assert.equal(events.at(-1)?.type, "error");
      assert.ok(!events.some((event) => event.type === "finish"));
    });

    test("malformedChunkAt: a garbage frame where the n-th chunk starts ends the decode in error", async () => {
      const provider = await start(dialect, { reply: { text: "one two three" }, malformedChunkAt: 2 });
      const events = await readEvents(dialect, await callSimulator(provider, { stream: true }));
      assert.equal(textOf(events), "one ");
      const last = events.at(-1);
      assert.equal(last?.type, "error");
    });

    test("stallAfterChunks: the first chunks arrive, then nothing, the socket stays open", async () => {
      const provider = await start(dialect, { reply: { text: "one two three" }, stallAfterChunks: 1 });
      const controller = new AbortController();
      const response = await callSimulator(provider, { stream: true, signal: controller.signal });
      const received: string[] = [];
      const stalled = (async () => {
        for await (const event of getDialect(dialect).decodeStream(response.body ?? new ReadableStream())) {
          if (event.type === "text-delta") {
            received.push(event.text);
            // The first chunk is in; give the stall a moment to show, then hang up.
            setTimeout(() => controller.abort(), 150);
          }
          if (event.type === "finish" || event.type === "error") return event.type;
        }
        return "ended";
      })();
      assert.equal(await stalled, "error");
      assert.deepEqual(received, ["one "]);
    });

    test("contextWindow: over the window the vendor's context-length error, under it an answer", async () => {
      const provider = await start(dialect, { contextWindow: 20 });
      const long = await callSimulator(provider, { text: "word ".repeat(200) });
      assert.equal(long.status, 400);
      assert.equal((await readFailure(dialect, long)).kind, "context-window");
      const short = await callSimulator(provider, { text: "hi" });
      assert.equal(short.status, 200);
    });

    test("chunks: the text arrives in exactly n deltas, whole", async () => {
      const provider = await start(dialect, { reply: { text: "The quick brown fox jumps over the lazy dog." }, chunks: 4, chunkDelayMs: 2 });
      const events = await readEvents(dialect, await callSimulator(provider, { stream: true }));
      assert.equal(events.filter((event) => event.type === "text-delta").length, 4);
      assert.equal(textOf(events), "The quick brown fox jumps over the lazy dog.");
      assert.equal(events.at(-1)?.type, "finish");
    });

    test("an invalid body is answered 400 in the vendor's format, naming the problem", async () => {
      const provider = await start(dialect, {});
      const response = await callSimulator(provider, { body: { model: "m", messages: "none", contents: [] } });
      assert.equal(response.status, 400);
      const failure = await readFailure(dialect, response);
      assert.equal(failure.kind, "invalid-request");
      assert.match(failure.message, /messages|contents/);
    });
  });
}

describe("socket faults", () => {
  test("reset before headers: the client sees a connection error", async () => {
    const provider = await start("openai-chat", { reset: "before-headers" });
    await assert.rejects(callSimulator(provider), TypeError);
    assert.equal(provider.count("chat-completions"), 1);
  });

  test("hang: the request is accepted and never answered", async () => {
    const provider = await start("anthropic-messages", { hang: true });
    await assert.rejects(callSimulator(provider, { signal: AbortSignal.timeout(200) }), { name: "TimeoutError" });
    assert.equal(provider.count("messages"), 1);
  });

  test("delayMs holds the answer: a later, undelayed request is answered first", async () => {
    const provider = await start("gemini", {});
    provider.setScript((_request, index) => (index === 0 ? { delayMs: 400, reply: { text: "slow" } } : { reply: { text: "fast" } }));
    const order: string[] = [];
    const slow = callSimulator(provider).then(async (response) => order.push(JSON.stringify(await response.json()).includes("slow") ? "slow" : "?"));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const fast = callSimulator(provider).then(async (response) => order.push(JSON.stringify(await response.json()).includes("fast") ? "fast" : "?"));
    await Promise.all([slow, fast]);
    assert.deepEqual(order, ["fast", "slow"]);
  });

  test("slowFirstTokenMs: Anthropic's message_start arrives at once, the first content later", async () => {
    const provider = await start("anthropic-messages", { reply: { text: "Hello there" }, slowFirstTokenMs: 400 });
    const response = await callSimulator(provider, { stream: true });
    const reader = (response.body ?? new ReadableStream<Uint8Array>()).getReader();
    const first = await reader.read();
    const firstText = new TextDecoder().decode(first.value);
    assert.match(firstText, /event: message_start/);
    assert.doesNotMatch(firstText, /text_delta/);
    let rest = "";
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += new TextDecoder().decode(chunk.value);
    assert.match(rest, /"text":"Hello "/);
    assert.match(rest, /event: message_stop/);
  });

  test("omitTerminator: OpenAI without [DONE] is otherwise complete; Anthropic without message_stop", async () => {
    const openai = await start("openai-chat", { omitTerminator: true });
    const openaiText = await (await callSimulator(openai, { stream: true })).text();
    assert.doesNotMatch(openaiText, /\[DONE\]/);
    assert.match(openaiText, /"finish_reason":"stop"/);
    const anthropic = await start("anthropic-messages", { omitTerminator: true });
    const anthropicText = await (await callSimulator(anthropic, { stream: true })).text();
    assert.doesNotMatch(anthropicText, /message_stop/);
    assert.match(anthropicText, /event: message_delta/);
  });
});

describe("content filter", () => {
  test("OpenAI: 400 content_policy_violation", async () => {
    const provider = await start("openai-chat", { contentFilter: true });
    const response = await callSimulator(provider);
    assert.equal(response.status, 400);
    const body = (await response.json()) as { error: { code: string } };
    assert.equal(body.error.code, "content_policy_violation");
  });

  test("Anthropic: stop_reason refusal; Gemini: finishReason SAFETY, also streamed", async () => {
    const anthropic = await start("anthropic-messages", { contentFilter: true });
    const message = (await (await callSimulator(anthropic)).json()) as { stop_reason: string; content: unknown[] };
    assert.equal(message.stop_reason, "refusal");
    assert.deepEqual(message.content, []);
    const gemini = await start("gemini", { contentFilter: true });
    const answer = (await (await callSimulator(gemini)).json()) as { candidates: Array<{ finishReason: string }> };
    assert.equal(answer.candidates[0]?.finishReason, "SAFETY");
    const events = await readEvents("gemini", await callSimulator(gemini, { stream: true }));
    const finish = events.at(-1);
    assert.equal(finish?.type === "finish" ? finish.finishReason.raw : undefined, "SAFETY");
  });
});
