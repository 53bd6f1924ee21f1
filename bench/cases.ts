/**
 * @module
 * The benchmark cases. A load case fixes the fake upstream (service latency, stream shape),
 * the concurrency and the targets compared; `route-plan` times the library's routing
 * decision with no upstream at all.
 */
import type { TargetId } from "./targets/targets.ts";

export interface UpstreamShape {
  latencyMs: number;
  chunks: number;
  chunkDelayMs: number;
}

export interface LoadCase {
  kind: "load";
  id: string;
  title: string;
  upstream: UpstreamShape;
  stream: boolean;
  concurrency: number;
  targets: readonly TargetId[];
  /** Overrides the run's rounds (the open-streams case needs one). */
  rounds?: number;
  /** Overrides the run's measured window, in ms. */
  durationMs?: number;
}

export interface RoutePlanCase {
  kind: "route-plan";
  id: string;
  title: string;
  /** Configured candidates per measurement. */
  candidates: readonly number[];
}

export type BenchCase = LoadCase | RoutePlanCase;

const compared: readonly TargetId[] = ["direct", "node-proxy", "llmux", "portkey"];
const withTranslation: readonly TargetId[] = ["direct", "node-proxy", "llmux", "llmux-usage", "llmux-translate", "portkey"];

function nonStreaming(concurrency: number, latencyMs: number): LoadCase {
  return {
    kind: "load",
    id: `c${concurrency}-${latencyMs}ms`,
    title: `JSON, c=${concurrency}, upstream ${latencyMs} ms`,
    upstream: { latencyMs, chunks: 20, chunkDelayMs: 0 },
    stream: false,
    concurrency,
    targets: concurrency === 64 ? withTranslation : compared,
  };
}

/**
 * In this order because targets live through the whole run and a process's resident memory
 * rarely shrinks: the c=64 cases (where peak RSS is judged) run before the c=256 ones.
 */
export const benchCases: readonly BenchCase[] = [
  nonStreaming(16, 0),
  nonStreaming(16, 50),
  nonStreaming(64, 0),
  nonStreaming(64, 50),
  nonStreaming(256, 0),
  nonStreaming(256, 50),
  {
    kind: "load",
    id: "stream-c64",
    title: "stream, c=64, 20 chunks 5 ms apart",
    upstream: { latencyMs: 0, chunks: 20, chunkDelayMs: 5 },
    stream: true,
    concurrency: 64,
    targets: withTranslation,
  },
  {
    kind: "load",
    // Each stream stays open about two seconds (20 chunks, 100 ms apart): 1,000 at once.
    id: "streams-1000",
    title: "1,000 open streams (20 chunks 100 ms apart)",
    upstream: { latencyMs: 0, chunks: 20, chunkDelayMs: 100 },
    stream: true,
    concurrency: 1000,
    targets: ["node-proxy", "llmux", "llmux-translate", "portkey"],
    rounds: 1,
    durationMs: 4_000,
  },
  { kind: "route-plan", id: "route-plan", title: "router.plan()", candidates: [1, 100] },
];
