/**
 * The synchronous splitters (SSE events, NDJSON lines) and what is built on them: the async
 * parsers, `createFrameSplitter`/`formatFrame`, and `decodeFramedStream`.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { UpstreamError } from "../../src/core/errors.ts";
import { openaiChatDialect } from "../../src/dialects/openai-chat/index.ts";
import { NdjsonSplitter, parseNdjsonLines } from "../../src/dialects/ndjson.ts";
import { parseSse, SseSplitter, type SseEvent } from "../../src/dialects/sse.ts";
import { createFrameSplitter, decodeFramedStream, formatFrame } from "../../src/dialects/stream-frames.ts";

const encoder = new TextEncoder();

/** Every way to cut the bytes in two, as two reads. */
function* twoWaySplits(text: string): Generator<[Uint8Array, Uint8Array]> {
  const bytes = encoder.encode(text);
  for (let at = 1; at < bytes.length; at++) yield [bytes.subarray(0, at), bytes.subarray(at)];
}

function splitAll<T>(splitter: { push(chunk: Uint8Array | string): T[]; end(): T[] }, pieces: Array<Uint8Array | string>): T[] {
  return [...pieces.flatMap((piece) => splitter.push(piece)), ...splitter.end()];
}

describe("SseSplitter", () => {
  const wire =
    ": keep-alive\r\n\r\n" +
    'event: message_start\r\ndata: {"type":"message_start"}\r\n\r\n' +
    "id: 7\ndata: line1\ndata: line2 ✓\n\n" +
    'data: {"text":"日本語 🎉"}\r\rdata: [DONE]\n\n' +
    "data: unterminated";

  test("gives what parseSse gives, for every split of the bytes into two reads", async () => {
    const expected = await Array.fromAsync(parseSse(ReadableStream.from([encoder.encode(wire)])));
    assert.equal(expected.length, 4);
    assert.deepEqual(expected[1], { event: undefined, data: "line1\nline2 ✓", id: "7" });
    for (const pieces of twoWaySplits(wire)) {
      assert.deepEqual(splitAll(new SseSplitter(), pieces), expected);
    }
  });

  test("each read returns the events it completes, no later", () => {
    const splitter = new SseSplitter();
    assert.deepEqual(splitter.push("data: a\n"), []);
    assert.deepEqual(splitter.push("\ndata: b\n\ndata: c"), [
      { event: undefined, data: "a" },
      { event: undefined, data: "b" },
    ]);
    assert.deepEqual(splitter.push("\n\n"), [{ event: undefined, data: "c" }]);
  });

  test("a CR at the end of a read waits for the next, which may bring its LF", () => {
    const splitter = new SseSplitter();
    assert.deepEqual(splitter.push("data: a\r"), []);
    assert.deepEqual(splitter.push("\n\r"), []);
    assert.deepEqual(splitter.push("\ndata: b\r\n\r\n"), [
      { event: undefined, data: "a" },
      { event: undefined, data: "b" },
    ]);
  });

  test("at the end, a held CR still ends its line; an unterminated event is dropped", () => {
    const held = new SseSplitter();
    assert.deepEqual(held.push("data: a\n\r"), []);
    assert.deepEqual(held.end(), [{ event: undefined, data: "a" }]);
    const unterminated = new SseSplitter();
    assert.deepEqual(unterminated.push("data: a\n"), []);
    assert.deepEqual(unterminated.end(), []);
  });

  test("a character split across reads byte by byte decodes intact", () => {
    const events: SseEvent[] = splitAll(new SseSplitter(), [...encoder.encode("data: héllo ✓ 🎉\n\n")].map((byte) => Uint8Array.of(byte)));
    assert.deepEqual(events, [{ event: undefined, data: "héllo ✓ 🎉" }]);
  });
});

describe("NdjsonSplitter", () => {
  const wire = '{"a":1}\n\n{"b":"✓ 日本"}\r\n  {"c":3}  \n{"d":4}';

  test("gives what parseNdjsonLines gives, for every split of the bytes into two reads", async () => {
    const expected = await Array.fromAsync(parseNdjsonLines(ReadableStream.from([encoder.encode(wire)])));
    assert.deepEqual(expected, ['{"a":1}', '{"b":"✓ 日本"}', '{"c":3}', '{"d":4}']);
    for (const pieces of twoWaySplits(wire)) assert.deepEqual(splitAll(new NdjsonSplitter(), pieces), expected);
  });

  test("each read returns the lines it completes; the end keeps a last line without a newline", () => {
    const splitter = new NdjsonSplitter();
    assert.deepEqual(splitter.push('{"a":'), []);
    assert.deepEqual(splitter.push('1}\n{"b"'), ['{"a":1}']);
    assert.deepEqual(splitter.push(":2}"), []);
    assert.deepEqual(splitter.end(), ['{"b":2}']);
  });
});

describe("frames of a dialect's stream", () => {
  test("createFrameSplitter gives SSE events and NDJSON lines as frames, formatFrame writes them back", () => {
    const sse = createFrameSplitter("sse").push('event: ping\ndata: {"type":"ping"}\n\n');
    assert.deepEqual(sse, [{ event: "ping", data: '{"type":"ping"}' }]);
    assert.equal(formatFrame("sse", sse[0] ?? { data: "" }), 'event: ping\ndata: {"type":"ping"}\n\n');
    const ndjson = createFrameSplitter("ndjson").push('{"done":false}\n');
    assert.deepEqual(ndjson, [{ data: '{"done":false}' }]);
    assert.equal(formatFrame("ndjson", ndjson[0] ?? { data: "" }), '{"done":false}\n');
  });

  test("decodeFramedStream stops reading at the terminal event, which closes the source", async () => {
    let closed = false;
    let readAfterEnd = false;
    async function* source(): AsyncGenerator<string> {
      try {
        yield 'data: {"id":"c1","model":"m","choices":[{"index":0,"delta":{"content":"hi"},"finish_reason":"stop"}]}\n\n';
        yield "data: [DONE]\n\n";
        readAfterEnd = true;
        yield "data: {not json\n\n";
      } finally {
        closed = true;
      }
    }
    const events = await Array.fromAsync(decodeFramedStream(source(), "sse", openaiChatDialect.createStreamDecoder()));
    assert.equal(events.at(-1)?.type, "finish");
    assert.equal(readAfterEnd, false);
    assert.equal(closed, true);
  });

  test("decodeFramedStream turns a source that throws into a terminal error", async () => {
    async function* source(): AsyncGenerator<string> {
      yield 'data: {"id":"c1","model":"m","choices":[{"index":0,"delta":{"content":"hi"}}]}\n\n';
      throw Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
    }
    const events = await Array.fromAsync(decodeFramedStream(source(), "sse", openaiChatDialect.createStreamDecoder()));
    const last = events.at(-1);
    assert.ok(last?.type === "error" && last.error instanceof UpstreamError);
    assert.equal(events.filter((event) => event.type === "error").length, 1);
  });
});
