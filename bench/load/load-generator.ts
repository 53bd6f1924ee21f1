/**
 * @module
 * The load generator: `concurrency` workers, each with its own keep-alive connection
 * (undici Pool), send the same request back to back for a warm-up and then for the
 * measured window. Every answer is read to its last byte and checked; latency, time to
 * first byte and stream span are recorded per answer.
 */
import { Pool } from "undici";
import type { LoadResult, LoadSpec } from "./load-spec.ts";
import { median, summarizePercentiles } from "./percentiles.ts";

/** A growable list of doubles (a plain array of numbers would box them). */
class Samples {
  #values = new Float64Array(4096);
  #length = 0;

  push(value: number): void {
    if (this.#length === this.#values.length) {
      const grown = new Float64Array(this.#values.length * 2);
      grown.set(this.#values);
      this.#values = grown;
    }
    this.#values[this.#length] = value;
    this.#length += 1;
  }

  get length(): number {
    return this.#length;
  }

  values(): Float64Array {
    return this.#values.slice(0, this.#length);
  }
}

interface Phase {
  endAt: number;
  record: boolean;
}

interface Tally {
  requests: number;
  errors: number;
  errorKinds: Map<string, number>;
  latency: Samples;
  ttfb: Samples;
  span: Samples;
  reads: number[];
  open: number;
  peakOpen: number;
  bytes: number;
}

function createTally(): Tally {
  return { requests: 0, errors: 0, errorKinds: new Map(), latency: new Samples(), ttfb: new Samples(), span: new Samples(), reads: [], open: 0, peakOpen: 0, bytes: 0 };
}

function countError(tally: Tally, kind: string): void {
  tally.errors += 1;
  tally.errorKinds.set(kind, (tally.errorKinds.get(kind) ?? 0) + 1);
}

const tailBytes = 256;

async function sendOne(pool: Pool, spec: LoadSpec, body: Buffer, tally: Tally, record: boolean): Promise<void> {
  const started = performance.now();
  let opened = false;
  try {
    const answer = await pool.request({ path: spec.path, method: "POST", headers: spec.headers, body });
    opened = true;
    tally.open += 1;
    if (tally.open > tally.peakOpen) tally.peakOpen = tally.open;
    let firstByteAt = -1;
    let reads = 0;
    let bytes = 0;
    let tail = "";
    for await (const piece of answer.body as AsyncIterable<Buffer>) {
      if (firstByteAt < 0) firstByteAt = performance.now();
      reads += 1;
      bytes += piece.length;
      tail = (tail + piece.toString("latin1", Math.max(0, piece.length - tailBytes))).slice(-tailBytes);
    }
    const endedAt = performance.now();
    if (!record) return;
    tally.bytes += bytes;
    if (answer.statusCode !== 200) {
      countError(tally, `HTTP ${answer.statusCode}: ${tail.slice(-120)}`);
      return;
    }
    if (!tail.includes(spec.expectTail)) {
      countError(tally, `answer does not end with ${spec.expectTail}: ${tail.slice(-120)}`);
      return;
    }
    tally.requests += 1;
    tally.latency.push(endedAt - started);
    tally.reads.push(reads);
    if (spec.stream && firstByteAt >= 0) {
      tally.ttfb.push(firstByteAt - started);
      tally.span.push(endedAt - firstByteAt);
    }
  } catch (error) {
    if (record) countError(tally, error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  } finally {
    if (opened) tally.open -= 1;
  }
}

async function runPhase(pool: Pool, spec: LoadSpec, body: Buffer, tally: Tally, phase: Phase): Promise<void> {
  const worker = async (): Promise<void> => {
    while (performance.now() < phase.endAt) await sendOne(pool, spec, body, tally, phase.record);
  };
  await Promise.all(Array.from({ length: spec.concurrency }, worker));
}

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const pool = new Pool(spec.origin, {
    connections: spec.concurrency,
    pipelining: 1,
    keepAliveTimeout: 60_000,
    headersTimeout: 60_000,
    bodyTimeout: 60_000,
  });
  const body = Buffer.from(spec.body);
  const tally = createTally();
  try {
    if (spec.warmupMs > 0) await runPhase(pool, spec, body, createTally(), { endAt: performance.now() + spec.warmupMs, record: false });
    const started = performance.now();
    await runPhase(pool, spec, body, tally, { endAt: started + spec.durationMs, record: true });
    const elapsedMs = performance.now() - started;
    return {
      requests: tally.requests,
      errors: tally.errors,
      errorSamples: [...tally.errorKinds].slice(0, 5).map(([kind, count]) => `${count}× ${kind}`),
      elapsedMs,
      requestsPerSecond: (tally.requests / elapsedMs) * 1000,
      latencyMs: summarizePercentiles(tally.latency.values()),
      ttfbMs: spec.stream ? summarizePercentiles(tally.ttfb.values()) : undefined,
      spanMs: spec.stream ? summarizePercentiles(tally.span.values()) : undefined,
      readsP50: median(tally.reads),
      peakOpen: tally.peakOpen,
      bytesReceived: tally.bytes,
    };
  } finally {
    await pool.destroy();
  }
}
