import assert from "node:assert/strict";
import { test } from "node:test";
import { formatSse, parseSse, type SseEvent } from "../../src/dialects/sse.ts";

async function parse(pieces: string[]): Promise<SseEvent[]> {
  async function* source(): AsyncGenerator<Uint8Array> {
    for (const piece of pieces) yield new TextEncoder().encode(piece);
  }
  return Array.fromAsync(parseSse(source()));
}

test("parses data-only events and named events", async () => {
  const events = await parse(['data: {"a":1}\n\n', 'event: ping\ndata: {"type":"ping"}\n\n']);
  assert.deepEqual(events, [
    { event: undefined, data: '{"a":1}' },
    { event: "ping", data: '{"type":"ping"}' },
  ]);
});

test("handles CRLF, CR, comments and multi-line data", async () => {
  const events = await parse([": OPENROUTER PROCESSING\r\n\r\n", "data: line1\r\ndata: line2\r\n\r\n", "data: x\r\rdata: y\n\n"]);
  assert.deepEqual(
    events.map((event) => event.data),
    ["line1\nline2", "x", "y"],
  );
});

test("events split across reads at every position give the same result", async () => {
  const wire = 'event: message_start\r\ndata: {"type":"message_start"}\r\n\r\ndata: [DONE]\r\n\r\n';
  const whole = await parse([wire]);
  for (let at = 1; at < wire.length; at++) {
    assert.deepEqual(await parse([wire.slice(0, at), wire.slice(at)]), whole, `split at ${at}`);
  }
});

test("multi-byte characters split across chunks decode intact", async () => {
  const bytes = new TextEncoder().encode("data: héllo ✓\n\n");
  async function* source(): AsyncGenerator<Uint8Array> {
    for (const byte of bytes) yield Uint8Array.of(byte);
  }
  const events = await Array.fromAsync(parseSse(source()));
  assert.equal(events[0]?.data, "héllo ✓");
});

test("an unterminated last event is dropped, as the spec says", async () => {
  assert.deepEqual(await parse(['data: {"a":1}\n\ndata: {"b"']), [{ event: undefined, data: '{"a":1}' }]);
});

test("a field without a value and the id field are read", async () => {
  const events = await parse(["id: 7\ndata\n\n"]);
  assert.deepEqual(events, [{ event: undefined, data: "", id: "7" }]);
});

test("formatSse writes one data line per line of data", () => {
  assert.equal(formatSse('{"a":1}'), 'data: {"a":1}\n\n');
  assert.equal(formatSse("a\nb", "x"), "event: x\ndata: a\ndata: b\n\n");
});
