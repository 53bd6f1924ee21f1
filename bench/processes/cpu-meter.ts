/**
 * @module
 * CPU accounting from /proc: how busy the target process was during a measurement, and how
 * much CPU *other* programs took on the target core and on the rest (a shared machine is
 * noisy; a round disturbed by foreign work is retried or flagged, never silently averaged).
 */
import { readFileSync } from "node:fs";

/** Linux reports /proc times in clock ticks; USER_HZ is 100 on every mainstream kernel. */
const ticksPerSecond = 100;

export interface RoundCpu {
  /** The target process's CPU use, % of one core (undefined for `direct`). */
  targetPct: number | undefined;
  /** CPU taken by processes outside the bench on the target core, % of that core. */
  foreignTargetCorePct: number;
  /** Same on the other cores, % of one core. */
  foreignOtherCoresPct: number;
}

interface CoreTimes {
  busy: number;
  total: number;
}

function readCoreTimes(): Map<string, CoreTimes> {
  const result = new Map<string, CoreTimes>();
  try {
    for (const line of readFileSync("/proc/stat", "utf8").split("\n")) {
      const match = /^cpu(\d+)\s+(.*)$/.exec(line);
      if (!match?.[1] || !match[2]) continue;
      const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = match[2].split(/\s+/).map(Number);
      const busy = user + nice + system + irq + softirq + steal;
      result.set(match[1], { busy, total: busy + idle + iowait });
    }
  } catch {
    // Not Linux: no accounting.
  }
  return result;
}

function readProcessTicks(pid: number): number {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may contain spaces) start after the last ')'.
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
  } catch {
    return 0;
  }
}

function parseCores(list: string | undefined, all: Iterable<string>): Set<string> {
  if (list === undefined) return new Set(all);
  const cores = new Set<string>();
  for (const part of list.split(",")) {
    const [from, to] = part.split("-").map(Number);
    if (from === undefined || Number.isNaN(from)) continue;
    for (let core = from; core <= (to ?? from); core += 1) cores.add(String(core));
  }
  return cores;
}

export interface MeterScope {
  /** taskset list of the target core(s); undefined when nothing is pinned. */
  targetCores: string | undefined;
  /** The target under test (none for `direct`). */
  targetPid: number | undefined;
  /** Every other bench process pinned to the target cores (idle targets). */
  otherTargetCorePids: number[];
  /** Bench processes on the other cores: runner, load generator, upstream. */
  otherCorePids: number[];
}

export interface CpuSnapshot {
  at: number;
  cores: Map<string, CoreTimes>;
  ticks: Map<number, number>;
}

function allPids(scope: MeterScope): number[] {
  return [...(scope.targetPid === undefined ? [] : [scope.targetPid]), ...scope.otherTargetCorePids, ...scope.otherCorePids];
}

export function takeCpuSnapshot(scope: MeterScope): CpuSnapshot {
  return { at: performance.now(), cores: readCoreTimes(), ticks: new Map(allPids(scope).map((pid) => [pid, readProcessTicks(pid)])) };
}

export function measureCpuSince(before: CpuSnapshot, scope: MeterScope): RoundCpu {
  const after = takeCpuSnapshot(scope);
  const seconds = (after.at - before.at) / 1000;
  const used = (pid: number): number => ((after.ticks.get(pid) ?? 0) - (before.ticks.get(pid) ?? 0)) / ticksPerSecond;
  const targetCores = parseCores(scope.targetCores, after.cores.keys());
  let targetBusy = 0;
  let otherBusy = 0;
  for (const [core, times] of after.cores) {
    const busy = (times.busy - (before.cores.get(core)?.busy ?? times.busy)) / ticksPerSecond;
    if (targetCores.has(core) && scope.targetCores !== undefined) targetBusy += busy;
    else otherBusy += busy;
  }
  const ours = (pids: number[]): number => pids.reduce((total, pid) => total + used(pid), 0);
  const targetUsed = scope.targetPid === undefined ? 0 : used(scope.targetPid);
  const percent = (value: number): number => (seconds > 0 ? Math.max(0, (value / seconds) * 100) : 0);
  if (scope.targetCores === undefined) {
    // Unpinned: everything is "other"; foreign is what the bench did not use anywhere.
    return { targetPct: scope.targetPid === undefined ? undefined : percent(targetUsed), foreignTargetCorePct: 0, foreignOtherCoresPct: percent(otherBusy - ours(allPids(scope))) };
  }
  return {
    targetPct: scope.targetPid === undefined ? undefined : percent(targetUsed),
    foreignTargetCorePct: percent(targetBusy - targetUsed - ours(scope.otherTargetCorePids)),
    foreignOtherCoresPct: percent(otherBusy - ours(scope.otherCorePids)),
  };
}

/** Waits (up to `maxWaitMs`) until foreign work on the machine drops below `thresholdPct`. */
export async function waitForQuiet(scope: MeterScope, options: { thresholdPct: number; maxWaitMs: number; sampleMs: number }): Promise<{ waitedMs: number; quiet: boolean }> {
  const started = performance.now();
  for (;;) {
    const before = takeCpuSnapshot(scope);
    await new Promise((resolve) => setTimeout(resolve, options.sampleMs));
    const cpu = measureCpuSince(before, scope);
    const waitedMs = performance.now() - started;
    if (cpu.foreignTargetCorePct + cpu.foreignOtherCoresPct < options.thresholdPct) return { waitedMs, quiet: true };
    if (waitedMs >= options.maxWaitMs) return { waitedMs, quiet: false };
  }
}
