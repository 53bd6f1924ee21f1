/**
 * @module
 * What the load generator is asked to do, and what it reports.
 */

export interface LoadSpec {
  /** e.g. `http://127.0.0.1:9880` */
  origin: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  /** Streamed answers: time to first byte and the stream's span are measured too. */
  stream: boolean;
  /** Requests in flight at once (one keep-alive connection each). */
  concurrency: number;
  /** Load before measuring, discarded. */
  warmupMs: number;
  durationMs: number;
  /** Text the end of every good answer contains (e.g. `[DONE]`); anything else counts as an error. */
  expectTail: string;
}

export interface Percentiles {
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

export interface LoadResult {
  /** Good answers completed in the measured window. */
  requests: number;
  errors: number;
  /** A few distinct error descriptions with their counts. */
  errorSamples: string[];
  elapsedMs: number;
  requestsPerSecond: number;
  /** Request sent → last byte of the answer. */
  latencyMs: Percentiles;
  /** Request sent → first byte of the body (streams only). */
  ttfbMs: Percentiles | undefined;
  /** First byte → last byte (streams only): near zero means the stream was buffered. */
  spanMs: Percentiles | undefined;
  /** Median number of body reads per answer: about one per chunk when chunks are forwarded as they come. */
  readsP50: number;
  /** Most answers open at the same time (headers received, body not finished). */
  peakOpen: number;
  bytesReceived: number;
}
