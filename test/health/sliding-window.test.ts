import assert from "node:assert/strict";
import { test } from "node:test";
import { updateEwma } from "../../src/health/ewma.ts";
import { pickPercentile } from "../../src/health/percentile.ts";
import { SlidingWindow } from "../../src/health/sliding-window.ts";

test("error rate counts successes and failures, not neutral outcomes", () => {
  const window = new SlidingWindow({ windowMs: 60_000, maxSamples: 1000 });
  assert.equal(window.errorRate(0), undefined);
  window.add(0, "success");
  window.add(1, "success");
  window.add(2, "failure");
  window.add(3, "neutral");
  window.add(4, "success");
  assert.equal(window.errorRate(5), 0.25);
  assert.deepEqual(window.counts(5), { successes: 3, failures: 1, neutral: 1 });
});

test("outcomes older than the window expire", () => {
  const window = new SlidingWindow({ windowMs: 60_000, maxSamples: 1000 });
  window.add(0, "failure");
  window.add(0, "failure");
  window.add(30_000, "success");
  assert.equal(window.errorRate(59_999), 2 / 3);
  assert.equal(window.errorRate(60_000), 0, "the two failures at t=0 left the window");
  assert.equal(window.errorRate(90_000), undefined, "everything expired");
  assert.deepEqual(window.counts(90_000), { successes: 0, failures: 0, neutral: 0 });
});

test("a long run keeps counts right across compaction", () => {
  const window = new SlidingWindow({ windowMs: 1000, maxSamples: 100_000 });
  for (let at = 0; at < 10_000; at++) window.add(at, at % 4 === 0 ? "failure" : "success");
  // Samples in (8999, 9999]: 1000 of them, a quarter failures.
  assert.deepEqual(window.counts(9999), { successes: 750, failures: 250, neutral: 0 });
});

test("maxSamples bounds memory by dropping the oldest early", () => {
  const window = new SlidingWindow({ windowMs: 60_000, maxSamples: 3 });
  window.add(0, "failure");
  window.add(1, "success");
  window.add(2, "success");
  window.add(3, "success");
  assert.deepEqual(window.counts(4), { successes: 3, failures: 0, neutral: 0 });
});

test("latency and TTFT percentiles over the window (nearest rank)", () => {
  const window = new SlidingWindow({ windowMs: 60_000, maxSamples: 1000 });
  for (let index = 1; index <= 100; index++) window.add(index, "success", { latencyMs: index * 10, ttftMs: index });
  window.add(101, "failure");
  assert.deepEqual(window.percentiles(200, "latencyMs"), { p50: 500, p95: 950 });
  assert.deepEqual(window.percentiles(200, "ttftMs"), { p50: 50, p95: 95 });
  // Expiry drops old samples from percentiles too: only 51..100 remain.
  assert.deepEqual(window.percentiles(60_050, "latencyMs"), { p50: 750, p95: 980 });
  assert.deepEqual(window.percentiles(200_000, "ttftMs"), { p50: undefined, p95: undefined });
});

test("percentiles are recomputed after new samples arrive", () => {
  const window = new SlidingWindow({ windowMs: 60_000, maxSamples: 1000 });
  window.add(0, "success", { latencyMs: 100 });
  assert.equal(window.percentiles(1, "latencyMs").p95, 100);
  window.add(2, "success", { latencyMs: 900 });
  assert.equal(window.percentiles(3, "latencyMs").p95, 900);
});

test("pickPercentile and updateEwma", () => {
  assert.equal(pickPercentile([], 0.5), undefined);
  assert.equal(pickPercentile([7], 0.95), 7);
  assert.equal(pickPercentile([1, 2, 3, 4], 0.5), 2);
  assert.equal(updateEwma(undefined, 100, 0.3), 100);
  assert.equal(updateEwma(100, 200, 0.5), 150);
});

test("the ring grows past its first slots, wraps, and keeps the newest maxSamples in order", () => {
  const window = new SlidingWindow({ windowMs: 60_000, maxSamples: 200 });
  // 500 calls: the ring grows 64 → 128 → 200, then wraps; latency i for call i.
  for (let index = 0; index < 500; index++) window.add(1_000 + index, index % 5 === 0 ? "failure" : "success", { latencyMs: index });
  const counts = window.counts(1_500);
  assert.equal(counts.successes + counts.failures, 200);
  assert.equal(counts.failures, 40);
  // The newest 200 latencies are 300..499: the median is 399 (nearest rank), p95 489.
  assert.deepEqual(window.percentiles(1_500, "latencyMs"), { p50: 399, p95: 489 });
  // A sample without TTFT counts for latency but not for TTFT.
  assert.deepEqual(window.percentiles(1_500, "ttftMs"), { p50: undefined, p95: undefined });
});
