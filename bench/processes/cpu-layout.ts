/**
 * @module
 * Which cores the target and everything else run on. With `taskset` and at least two cores
 * the target gets a core of its own (the last one) and the runner, the fake upstream and
 * the load generator share the rest; otherwise nothing is pinned and the table says so.
 */
import { execFileSync } from "node:child_process";
import { availableParallelism } from "node:os";

export interface CpuLayout {
  /** Whether processes are pinned at all. */
  pinned: boolean;
  /** taskset's cpu-list for the target under test, e.g. "1". */
  targetCores: string | undefined;
  /** taskset's cpu-list for the runner, upstream and load generator, e.g. "0". */
  otherCores: string | undefined;
  /** Why nothing is pinned, when it is not. */
  note: string | undefined;
}

function hasTaskset(): boolean {
  try {
    execFileSync("taskset", ["-V"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

export function detectCpuLayout(): CpuLayout {
  const cores = availableParallelism();
  if (cores < 2) return { pinned: false, targetCores: undefined, otherCores: undefined, note: `only ${cores} core: target and load generator share it` };
  if (process.platform !== "linux" || !hasTaskset()) {
    return { pinned: false, targetCores: undefined, otherCores: undefined, note: "taskset not found: processes are not pinned" };
  }
  const last = cores - 1;
  return { pinned: true, targetCores: String(last), otherCores: last === 1 ? "0" : `0-${last - 1}`, note: undefined };
}

/** Pins a running process, all its threads included (`taskset -a -p`). */
export function pinProcess(pid: number, cores: string | undefined): void {
  if (cores === undefined) return;
  execFileSync("taskset", ["-a", "-p", "-c", cores, String(pid)], { stdio: "ignore" });
}
