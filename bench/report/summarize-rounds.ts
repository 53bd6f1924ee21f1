/**
 * @module
 * Rounds → one row per case and target: medians over rounds, the spread of throughput, and
 * latency added versus `direct` in the same case.
 */
import type { LoadResult } from "../load/load-spec.ts";
import { median } from "../load/percentiles.ts";
import type { TargetId } from "../targets/targets.ts";
import type { MeasuredRound, Spread, TargetSummary } from "./results.ts";

export function summarizeSpread(values: readonly number[]): Spread | undefined {
  if (values.length === 0) return undefined;
  const middle = median(values);
  const min = Math.min(...values);
  const max = Math.max(...values);
  return { median: middle, min, max, spreadPct: middle > 0 ? ((max - min) / 2 / middle) * 100 : 0 };
}

function medianOf(rounds: readonly MeasuredRound[], pick: (round: LoadResult) => number | undefined): number | undefined {
  const values = rounds.map((round) => pick(round.load)).filter((value): value is number => value !== undefined && Number.isFinite(value));
  return values.length === 0 ? undefined : median(values);
}

export interface CaseRuns {
  caseId: string;
  caseTitle: string;
  targetId: TargetId;
  targetLabel: string;
  rounds: MeasuredRound[];
  peakRssBytes: number | undefined;
  /** Set when the target was skipped or failed. */
  skipped?: string;
  failed?: string;
}

export function summarizeRuns(runs: CaseRuns): TargetSummary {
  const { rounds } = runs;
  const loads = rounds.map((round) => round.load);
  const targetCpu = rounds.map((round) => round.cpu.targetPct).filter((value): value is number => value !== undefined);
  return {
    caseId: runs.caseId,
    caseTitle: runs.caseTitle,
    targetId: runs.targetId,
    targetLabel: runs.targetLabel,
    status: runs.failed !== undefined ? "failed" : runs.skipped !== undefined ? "skipped" : "ok",
    note: runs.failed ?? runs.skipped,
    requestsPerSecond: summarizeSpread(loads.map((round) => round.requestsPerSecond)),
    p50Ms: medianOf(rounds, (round) => round.latencyMs.p50),
    p99Ms: medianOf(rounds, (round) => round.latencyMs.p99),
    ttfbP50Ms: medianOf(rounds, (round) => round.ttfbMs?.p50),
    ttfbP99Ms: medianOf(rounds, (round) => round.ttfbMs?.p99),
    spanP50Ms: medianOf(rounds, (round) => round.spanMs?.p50),
    readsP50: medianOf(rounds, (round) => round.readsP50),
    addedP50Ms: undefined,
    addedP99Ms: undefined,
    peakRssBytes: runs.peakRssBytes,
    errors: loads.reduce((total, round) => total + round.errors, 0),
    errorSamples: [...new Set(loads.flatMap((round) => round.errorSamples))].slice(0, 5),
    peakOpen: loads.length === 0 ? undefined : Math.max(...loads.map((round) => round.peakOpen)),
    targetCpuPct: targetCpu.length === 0 ? undefined : median(targetCpu),
    foreignCpuPct: rounds.length === 0 ? undefined : Math.max(...rounds.map((round) => round.cpu.foreignTargetCorePct + round.cpu.foreignOtherCoresPct)),
    rounds,
  };
}

/** Fills `added*` from the `direct` row of the same case (TTFB for streams, latency otherwise). */
export function addLatencyVersusDirect(summaries: TargetSummary[]): TargetSummary[] {
  return summaries.map((summary) => {
    const direct = summaries.find((other) => other.caseId === summary.caseId && other.targetId === "direct" && other.status === "ok");
    if (!direct || summary.status !== "ok") return summary;
    const difference = (mine: number | undefined, theirs: number | undefined): number | undefined =>
      mine === undefined || theirs === undefined ? undefined : mine - theirs;
    return { ...summary, addedP50Ms: difference(summary.p50Ms, direct.p50Ms), addedP99Ms: difference(summary.p99Ms, direct.p99Ms) };
  });
}
