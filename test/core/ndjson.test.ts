import assert from "node:assert/strict";
import { test } from "node:test";
import { formatNdjson, parseNdjsonLines } from "../../src/dialects/ndjson.ts";

async function lines(pieces: string[]): Promise<string[]> {
  async function* source(): AsyncGenerator<string> {
    yield* pieces;
  }
  return Array.fromAsync(parseNdjsonLines(source()));
}

test("splits lines across reads and skips blank lines", async () => {
  assert.deepEqual(await lines(['{"a":', '1}\n\n{"b":2}\r\n', '{"c":3}']), ['{"a":1}', '{"b":2}', '{"c":3}']);
});

test("formats one JSON value per line", () => {
  assert.equal(formatNdjson({ done: true }), '{"done":true}\n');
});
