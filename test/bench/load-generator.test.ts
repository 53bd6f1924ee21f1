/**
 * The benchmark's load generator against its fake upstream: a functional check that every
 * request is counted once, as an answer or as an error (never a speed check).
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { runLoad } from "../../bench/load/load-generator.ts";
import type { LoadSpec } from "../../bench/load/load-spec.ts";
import { summarizePercentiles } from "../../bench/load/percentiles.ts";
import { startFakeUpstream, type FakeUpstream } from "../../bench/upstream/fake-upstream.ts";

const chat = (stream: boolean): string => JSON.stringify({ model: "gpt-4.1-mini", messages: [{ role: "user", content: "hi" }], ...(stream ? { stream: true } : {}) });

function spec(upstream: FakeUpstream, overrides: Partial<LoadSpec>): LoadSpec {
  return {
    origin: upstream.url,
    path: "/v1/chat/completions",
    headers: { "content-type": "application/json" },
    body: chat(false),
    stream: false,
    concurrency: 4,
    warmupMs: 0,
    durationMs: 400,
    expectTail: '"finish_reason":"stop"',
    ...overrides,
  };
}

describe("load generator", () => {
  let upstream: FakeUpstream;
  before(async () => {
    upstream = await startFakeUpstream({ latencyMs: 1, chunks: 5, chunkDelayMs: 2 });
  });
  after(() => upstream.close());

  test("counts every answered request once", async () => {
    const start = upstream.counts.requests;
    const result = await runLoad(spec(upstream, {}));
    assert.equal(result.errors, 0, result.errorSamples.join("; "));
    assert.ok(result.requests > 0);
    assert.equal(result.requests, upstream.counts.requests - start);
    assert.equal(result.latencyMs.p50 <= result.latencyMs.p99, true);
    assert.ok(result.bytesReceived > 0);
  });

  test("measures streams: every stream read to [DONE], with time to first byte", async () => {
    const start = upstream.counts.streams;
    const result = await runLoad(spec(upstream, { body: chat(true), stream: true, expectTail: "data: [DONE]" }));
    assert.equal(result.errors, 0, result.errorSamples.join("; "));
    assert.ok(result.requests > 0);
    assert.equal(result.requests, upstream.counts.streams - start);
    assert.ok(result.ttfbMs !== undefined && result.spanMs !== undefined);
    assert.ok(result.peakOpen >= 1 && result.peakOpen <= 4);
  });

  test("counts wrong answers as errors, not as requests", async () => {
    const rejectedBefore = upstream.counts.rejected;
    const notFound = await runLoad(spec(upstream, { path: "/v1/nowhere" }));
    assert.equal(notFound.requests, 0);
    assert.equal(notFound.errors, upstream.counts.rejected - rejectedBefore);
    assert.match(notFound.errorSamples[0] ?? "", /HTTP 404/);

    const truncated = await runLoad(spec(upstream, { expectTail: "a tail no answer has" }));
    assert.equal(truncated.requests, 0);
    assert.ok(truncated.errors > 0);
    assert.match(truncated.errorSamples[0] ?? "", /does not end with/);
  });
});

test("percentiles are nearest-rank", () => {
  const summary = summarizePercentiles(Float64Array.from({ length: 100 }, (_, index) => 100 - index));
  assert.deepEqual([summary.p50, summary.p90, summary.p99, summary.max, summary.mean], [50, 90, 99, 100, 50.5]);
});
