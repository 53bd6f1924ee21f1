import assert from "node:assert/strict";
import { test } from "node:test";
import { parseDuration, parseRetryAfter } from "../../src/core/retry-after.ts";

test("retry-after in seconds, fractional seconds and HTTP date", () => {
  const now = Date.parse("2026-11-22T10:00:00Z");
  assert.equal(parseRetryAfter({ "retry-after": "2" }, now), 2000);
  assert.equal(parseRetryAfter({ "retry-after": "0.5" }, now), 500);
  assert.equal(parseRetryAfter({ "retry-after": "Sun, 22 Nov 2026 10:00:07 GMT" }, now), 7000);
  assert.equal(parseRetryAfter({ "retry-after": "Sun, 22 Nov 2026 09:00:00 GMT" }, now), 0);
  assert.equal(parseRetryAfter({ "retry-after": "soon" }, now), undefined);
  assert.equal(parseRetryAfter({}, now), undefined);
});

test("retry-after-ms wins over retry-after", () => {
  assert.equal(parseRetryAfter({ "retry-after-ms": "120", "retry-after": "5" }), 120);
});

test("Go-style durations", () => {
  assert.equal(parseDuration("13s"), 13_000);
  assert.equal(parseDuration("6m0s"), 360_000);
  assert.equal(parseDuration("250ms"), 250);
  assert.equal(parseDuration("1h2m"), 3_720_000);
  assert.equal(parseDuration("0.5s"), 500);
  assert.equal(parseDuration("later"), undefined);
});
