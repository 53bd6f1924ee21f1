/**
 * @module
 * The shape of a benchmark run's results (bench/results/latest.json).
 */
import type { LoadResult } from "../load/load-spec.ts";
import type { RoundCpu } from "../processes/cpu-meter.ts";
import type { RoutePlanResult } from "../route-plan/route-plan-spec.ts";
import type { TargetId } from "../targets/targets.ts";
import type { MachineDescription } from "./describe-machine.ts";

/** A median over rounds, with how far the rounds spread around it. */
export interface Spread {
  median: number;
  min: number;
  max: number;
  /** Half the min–max range as a percentage of the median. */
  spreadPct: number;
}

/** One measured window of one target, with the CPU it and everyone else used. */
export interface MeasuredRound {
  load: LoadResult;
  cpu: RoundCpu;
  /** Tries it took: a round disturbed by foreign CPU load is measured again. */
  attempts: number;
}

export interface TargetSummary {
  caseId: string;
  caseTitle: string;
  targetId: TargetId;
  targetLabel: string;
  status: "ok" | "skipped" | "failed";
  /** Why it was skipped or failed. */
  note: string | undefined;
  requestsPerSecond: Spread | undefined;
  /** Medians over rounds of each round's percentile. */
  p50Ms: number | undefined;
  p99Ms: number | undefined;
  ttfbP50Ms: number | undefined;
  ttfbP99Ms: number | undefined;
  /** First byte → last byte of a stream (median of rounds' p50). */
  spanP50Ms: number | undefined;
  readsP50: number | undefined;
  /** Versus `direct` in the same case. */
  addedP50Ms: number | undefined;
  addedP99Ms: number | undefined;
  /** VmHWM of the target process over the whole case. */
  peakRssBytes: number | undefined;
  errors: number;
  errorSamples: string[];
  peakOpen: number | undefined;
  /** Median of the target process's CPU use, % of one core. */
  targetCpuPct: number | undefined;
  /** Worst round's CPU taken by programs outside the bench, % of one core. */
  foreignCpuPct: number | undefined;
  rounds: MeasuredRound[];
}

export interface TargetCheck {
  /** What the issue asks, in words. */
  goal: string;
  measured: string;
  pass: boolean;
}

export interface BenchResults {
  startedAt: string;
  finishedAt: string;
  machine: MachineDescription;
  run: {
    quick: boolean;
    filtered: boolean;
    rounds: number;
    warmupMs: number;
    durationMs: number;
    pinning: string;
  };
  notes: string[];
  summaries: TargetSummary[];
  routePlan: RoutePlanResult[];
  checks: TargetCheck[];
}
