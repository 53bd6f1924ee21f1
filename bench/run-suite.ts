/**
 * @module
 * Runs the selected cases. One fake upstream (reshaped per case) and one process per target
 * live for the whole run: each target is warmed once (V8 needs seconds of load before its
 * code is optimised, and a cold gateway is not what a user runs). Per case, every target's
 * peak-RSS window is reset; rounds alternate the targets, rotating who goes first; the load
 * generator (a long-lived process on the non-target cores) measures each.
 */
import { fileURLToPath } from "node:url";
import { llmuxRuntimeFlags } from "./targets/runtime-flags.ts";
import { benchCases, type LoadCase, type RoutePlanCase, type UpstreamShape } from "./cases.ts";
import type { LoadSpec } from "./load/load-spec.ts";
import type { BenchOptions } from "./options.ts";
import type { CpuLayout } from "./processes/cpu-layout.ts";
import type { MeterScope } from "./processes/cpu-meter.ts";
import { spawnChild, type BenchChild } from "./processes/spawn-child.ts";
import type { TargetSummary } from "./report/results.ts";
import { addLatencyVersusDirect, summarizeRuns, type CaseRuns } from "./report/summarize-rounds.ts";
import type { RoutePlanResult } from "./route-plan/route-plan-spec.ts";
import { describeRound, measureRound } from "./measure-round.ts";
import { targets, type RunningTarget, type TargetId } from "./targets/targets.ts";

export interface SuiteContext {
  options: BenchOptions;
  layout: CpuLayout;
  log: (line: string) => void;
  /** Where `--profile` puts .cpuprofile files. */
  profileDirectory: string;
  /** The compiled llmux (see setup/build-llmux.ts); undefined runs src/. */
  llmuxBuild: string | undefined;
}

export interface SuiteOutcome {
  summaries: TargetSummary[];
  routePlan: RoutePlanResult[];
}

interface Fleet {
  loadgen: BenchChild;
  upstream: { child: BenchChild; url: string };
  running: Map<TargetId, RunningTarget>;
  /** Targets that could not run, and why. */
  unavailable: Map<TargetId, string>;
}

const benchDirectory = fileURLToPath(new URL(".", import.meta.url));
const warmupShape: UpstreamShape = { latencyMs: 0, chunks: 20, chunkDelayMs: 1 };

function describeError(error: unknown): string {
  return error instanceof Error ? (error.message.split("\n")[0] ?? error.message) : String(error);
}

function rotate<T>(items: readonly T[], by: number): T[] {
  if (items.length === 0) return [];
  const shift = by % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}

async function reshapeUpstream(fleet: Fleet, shape: UpstreamShape): Promise<void> {
  fleet.upstream.child.send({ type: "configure-upstream", shape });
  await fleet.upstream.child.next("configured", 10_000);
}

function scopeFor(id: TargetId, fleet: Fleet, context: SuiteContext): MeterScope {
  const pidOf = (target: RunningTarget | undefined): number | undefined => target?.child?.pid;
  return {
    targetCores: context.layout.targetCores,
    targetPid: pidOf(fleet.running.get(id)),
    otherTargetCorePids: [...fleet.running].filter(([other]) => other !== id).flatMap(([, target]) => pidOf(target) ?? []),
    otherCorePids: [process.pid, fleet.loadgen.pid, fleet.upstream.child.pid],
  };
}

function specFor(id: TargetId, fleet: Fleet, load: { stream: boolean; concurrency: number; warmupMs: number; durationMs: number }): LoadSpec {
  const target = fleet.running.get(id);
  if (!target) throw new Error(`${id} is not running`);
  return { origin: target.origin, ...targets[id].request({ stream: load.stream, upstreamUrl: fleet.upstream.url }), ...load };
}

async function startFleet(ids: readonly TargetId[], context: SuiteContext): Promise<Fleet> {
  const { layout, options, log } = context;
  const loadgen = spawnChild({ name: "load-generator", script: `${benchDirectory}load/load-process.ts`, cores: layout.otherCores });
  const upstreamChild = spawnChild({ name: "fake-upstream", script: `${benchDirectory}upstream/upstream-process.ts`, cores: layout.otherCores });
  const [, ready] = await Promise.all([loadgen.next("ready", 30_000), upstreamChild.next("ready", 30_000)]);
  const upstreamUrl = ready.url;
  if (!upstreamUrl) throw new Error("the fake upstream did not say where it listens");
  const fleet: Fleet = { loadgen, upstream: { child: upstreamChild, url: upstreamUrl }, running: new Map(), unavailable: new Map() };
  // Targets start together (Portkey alone takes seconds); each stays idle until its turn.
  const started = await Promise.all(
    ids.map(async (id) => {
      const unavailable = targets[id].unavailable();
      if (unavailable !== undefined) return { id, error: unavailable };
      // llmux runs with the V8 flag `npm start` uses (a bounded young generation: see docs/benchmarks.md).
      const profileArgs = options.profile ? ["--cpu-prof", `--cpu-prof-dir=${context.profileDirectory}`, `--cpu-prof-name=profile-${id}.cpuprofile`] : [];
      const llmuxNodeArgs = [...llmuxRuntimeFlags, ...profileArgs];
      try {
        return { id, target: await targets[id].start({ upstreamUrl, cores: layout.targetCores, llmuxNodeArgs, llmuxBuild: context.llmuxBuild }) };
      } catch (error) {
        return { id, error: `did not start: ${describeError(error)}` };
      }
    }),
  );
  for (const entry of started) {
    if (entry.target) fleet.running.set(entry.id, entry.target);
    else if (entry.error) {
      fleet.unavailable.set(entry.id, entry.error);
      log(`  ${targets[entry.id].label}: ${entry.error}`);
    }
  }
  return fleet;
}

/** Warms every target at c=64: JSON answers, then streams when a case streams. Results are discarded. */
async function warmFleet(fleet: Fleet, context: SuiteContext, withStreams: boolean): Promise<void> {
  const totalMs = context.options.quick ? 600 : 5_000;
  await reshapeUpstream(fleet, warmupShape);
  for (const id of fleet.running.keys()) {
    if (id === "direct") continue;
    for (const stream of withStreams ? [false, true] : [false]) {
      const durationMs = withStreams ? (stream ? totalMs / 4 : (totalMs * 3) / 4) : totalMs;
      fleet.loadgen.send({ type: "run-load", spec: specFor(id, fleet, { stream, concurrency: 64, warmupMs: 0, durationMs }) });
      await fleet.loadgen.next("load-result", durationMs + 120_000);
    }
  }
  context.log(`  warmed ${[...fleet.running.keys()].join(", ")} (${totalMs / 1000} s each)`);
}

async function runLoadCase(loadCase: LoadCase, fleet: Fleet, context: SuiteContext): Promise<TargetSummary[]> {
  const { options, log } = context;
  const chosen = loadCase.targets.filter((id) => options.targets.includes(id));
  const runs = new Map<TargetId, CaseRuns>();
  for (const id of chosen) {
    const skipped = fleet.unavailable.get(id);
    runs.set(id, { caseId: loadCase.id, caseTitle: loadCase.title, targetId: id, targetLabel: targets[id].label, rounds: [], peakRssBytes: undefined, ...(skipped === undefined ? {} : { skipped }) });
  }
  await reshapeUpstream(fleet, loadCase.upstream);
  const order = chosen.filter((id) => fleet.running.has(id));
  for (const id of order) fleet.running.get(id)?.child?.resetPeakRss();
  const rounds = loadCase.rounds ?? options.rounds;
  const durationMs = options.quick ? Math.min(options.durationMs, loadCase.durationMs ?? options.durationMs) : (loadCase.durationMs ?? options.durationMs);
  for (let round = 0; round < rounds; round += 1) {
    for (const id of rotate(order, round)) {
      const entry = runs.get(id);
      if (!entry || entry.failed) continue;
      try {
        const spec = specFor(id, fleet, { stream: loadCase.stream, concurrency: loadCase.concurrency, warmupMs: options.warmupMs, durationMs });
        const measured = await measureRound({ loadgen: fleet.loadgen, spec, scope: scopeFor(id, fleet, context), quick: options.quick });
        entry.rounds.push(measured);
        log(`  ${loadCase.id} round ${round + 1}/${rounds} ${targets[id].label}: ${describeRound(measured, loadCase.stream)}`);
      } catch (error) {
        entry.failed = `load failed: ${describeError(error)}`;
        log(`  ${targets[id].label}: ${entry.failed}`);
        if (!fleet.loadgen.process.connected) throw error;
      }
    }
  }
  for (const id of order) {
    const entry = runs.get(id);
    const child = fleet.running.get(id)?.child;
    if (entry && child) entry.peakRssBytes = child.peakRssBytes();
  }
  return chosen.flatMap((id) => runs.get(id) ?? []).map(summarizeRuns);
}

async function runRoutePlanCase(routeCase: RoutePlanCase, context: SuiteContext): Promise<RoutePlanResult[]> {
  const child = spawnChild({ name: "route-plan", script: `${benchDirectory}route-plan/route-plan-process.ts`, cores: context.layout.targetCores });
  const results: RoutePlanResult[] = [];
  try {
    await child.next("ready", 30_000);
    for (const candidates of routeCase.candidates) {
      const spec = { candidates, warmupMs: context.options.quick ? 200 : 2_000, durationMs: context.options.durationMs };
      child.send({ type: "run-route-plan", spec });
      const { result } = await child.next("route-plan-result", spec.warmupMs + spec.durationMs + 60_000);
      results.push(result);
      context.log(`  router.plan() with ${candidates} candidates: p50 ${result.p50Us.toFixed(1)} µs, p99 ${result.p99Us.toFixed(1)} µs, ${result.plansPerSecond.toFixed(0)} plans/s`);
    }
  } finally {
    await child.stop();
  }
  return results;
}

export async function runSuite(context: SuiteContext): Promise<SuiteOutcome> {
  const selected = benchCases.filter((entry) => context.options.cases.includes(entry.id));
  const loadCases = selected.filter((entry): entry is LoadCase => entry.kind === "load");
  const ids = [...new Set(loadCases.flatMap((entry) => entry.targets))].filter((id) => context.options.targets.includes(id));
  const summaries: TargetSummary[] = [];
  const routePlan: RoutePlanResult[] = [];
  if (loadCases.length > 0 && ids.length > 0) {
    context.log(`starting ${ids.join(", ")}`);
    const fleet = await startFleet(ids, context);
    try {
      await warmFleet(fleet, context, loadCases.some((entry) => entry.stream));
      for (const entry of loadCases) {
        context.log(`case ${entry.id}: ${entry.title}`);
        summaries.push(...(await runLoadCase(entry, fleet, context)));
      }
    } finally {
      await Promise.all([...fleet.running.values()].map((target) => target.child?.stop()));
      await Promise.all([fleet.upstream.child.stop(), fleet.loadgen.stop()]);
    }
  }
  for (const entry of selected) {
    if (entry.kind !== "route-plan") continue;
    context.log(`case ${entry.id}: ${entry.title}`);
    routePlan.push(...(await runRoutePlanCase(entry, context)));
  }
  return { summaries: addLatencyVersusDirect(summaries), routePlan };
}
