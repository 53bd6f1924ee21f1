/**
 * @module
 * One measured window of one target. On a shared machine it first waits for other programs
 * to go quiet; a window they disturbed anyway is measured again (keeping the least
 * disturbed try), so medians describe the targets and not the neighbours. Every round
 * records the CPU the target and everyone else used.
 */
import type { LoadSpec } from "./load/load-spec.ts";
import { measureCpuSince, takeCpuSnapshot, waitForQuiet, type MeterScope } from "./processes/cpu-meter.ts";
import type { BenchChild } from "./processes/spawn-child.ts";
import type { MeasuredRound } from "./report/results.ts";

/** CPU used by programs outside the bench (% of one core, all cores together) that disturbs a round. */
export const disturbedPct = 25;

export function foreignCpuOf(round: MeasuredRound): number {
  return round.cpu.foreignTargetCorePct + round.cpu.foreignOtherCoresPct;
}

export interface RoundInput {
  loadgen: BenchChild;
  spec: LoadSpec;
  scope: MeterScope;
  /** Smoke runs neither wait long nor retry. */
  quick: boolean;
}

export async function measureRound(input: RoundInput): Promise<MeasuredRound> {
  const { loadgen, spec, scope } = input;
  const tries = input.quick ? 1 : 2;
  let best: MeasuredRound | undefined;
  for (let attempt = 1; attempt <= tries; attempt += 1) {
    await waitForQuiet(scope, { thresholdPct: disturbedPct * 0.6, maxWaitMs: input.quick ? 500 : 8_000, sampleMs: 250 });
    const before = takeCpuSnapshot(scope);
    loadgen.send({ type: "run-load", spec });
    const { result } = await loadgen.next("load-result", spec.warmupMs + spec.durationMs + 120_000);
    const round: MeasuredRound = { load: result, cpu: measureCpuSince(before, scope), attempts: attempt };
    if (!best || foreignCpuOf(round) < foreignCpuOf(best)) best = round;
    if (foreignCpuOf(round) < disturbedPct) break;
  }
  if (!best) throw new Error("no round measured");
  return best;
}

export function describeRound(round: MeasuredRound, stream: boolean): string {
  const { load, cpu } = round;
  const ttfb = stream && load.ttfbMs ? `, TTFB p50 ${load.ttfbMs.p50.toFixed(2)} ms, ${load.peakOpen} open at peak` : "";
  const errors = load.errors > 0 ? `, ${load.errors} errors (${load.errorSamples[0] ?? ""})` : "";
  const target = cpu.targetPct === undefined ? "" : `, target CPU ${cpu.targetPct.toFixed(0)}%`;
  const foreign = foreignCpuOf(round);
  const noise = foreign >= 5 ? `, others' CPU ${foreign.toFixed(0)}%` : "";
  const tries = round.attempts > 1 ? ` (try ${round.attempts})` : "";
  return `${load.requestsPerSecond.toFixed(0)} req/s, p50 ${load.latencyMs.p50.toFixed(2)} ms, p99 ${load.latencyMs.p99.toFixed(2)} ms${ttfb}${errors}${target}${noise}${tries}`;
}
