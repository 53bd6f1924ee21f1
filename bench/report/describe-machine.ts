/**
 * @module
 * The machine a run came from: core count (`nproc`), CPU model (/proc/cpuinfo), memory,
 * kernel and Node version. Numbers mean little without it.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { availableParallelism, cpus, release, totalmem } from "node:os";

export interface MachineDescription {
  nproc: number;
  cpuModel: string;
  memoryGiB: number;
  kernel: string;
  node: string;
}

function readNproc(): number {
  try {
    return Number(execFileSync("nproc", { encoding: "utf8" }).trim()) || availableParallelism();
  } catch {
    return availableParallelism();
  }
}

function readCpuModel(): string {
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"));
    if (match?.[1]) return match[1].trim();
  } catch {
    // Not Linux: fall back to what Node reports.
  }
  return cpus()[0]?.model ?? "unknown";
}

export function describeMachine(): MachineDescription {
  return {
    nproc: readNproc(),
    cpuModel: readCpuModel(),
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    kernel: `${process.platform} ${release()}`,
    node: process.version,
  };
}

export function formatMachine(machine: MachineDescription): string {
  return `${machine.nproc} × ${machine.cpuModel}, ${machine.memoryGiB} GiB RAM, ${machine.kernel}, Node ${machine.node}`;
}
