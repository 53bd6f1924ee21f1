/**
 * @module
 * Starts a bench child process (optionally under `taskset`), waits until it is ready, and
 * stops it cleanly. Its peak RSS comes from /proc/<pid>/status (VmHWM): taskset execs the
 * command, so the pid is the Node process itself.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { isChildMessage, type ChildMessage, type RunnerMessage } from "./messages.ts";

export interface SpawnOptions {
  /** A short name for messages, e.g. "llmux". */
  name: string;
  /** The script to run with Node (a .ts or .js file). */
  script: string;
  args?: string[];
  /** Node flags, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
  /** taskset cpu-list; undefined runs unpinned. */
  cores: string | undefined;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** false for programs that do not speak the bench IPC protocol (Portkey). @default true */
  ipc?: boolean;
}

export interface BenchChild {
  name: string;
  pid: number;
  process: ChildProcess;
  /** Resolves with the next message of this type; rejects if the child fails or exits. */
  next<T extends ChildMessage["type"]>(type: T, timeoutMs?: number): Promise<Extract<ChildMessage, { type: T }>>;
  send(message: RunnerMessage): void;
  /** VmHWM in bytes (peak resident set size since start or the last reset). */
  peakRssBytes(): number | undefined;
  /** Starts a new peak-RSS window (VmHWM falls to the current RSS). */
  resetPeakRss(): void;
  /** stderr collected so far (last 4 KiB), for error messages. */
  stderrTail(): string;
  stop(timeoutMs?: number): Promise<void>;
}

/** Resets VmHWM to the current RSS (Linux: `5` to /proc/<pid>/clear_refs); best effort. */
export function resetPeakRss(pid: number): void {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, "5");
  } catch {
    // Not Linux, or not allowed: the peak then covers the process's whole life.
  }
}

/** VmHWM of a live process, in bytes. */
export function readPeakRss(pid: number): number | undefined {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match?.[1] === undefined ? undefined : Number(match[1]) * 1024;
  } catch {
    return undefined;
  }
}

export function spawnChild(options: SpawnOptions): BenchChild {
  const nodeCommand = [process.execPath, ...(options.nodeArgs ?? []), options.script, ...(options.args ?? [])];
  const [command, ...args] = options.cores === undefined ? nodeCommand : ["taskset", "-c", options.cores, ...nodeCommand];
  const ipc = options.ipc ?? true;
  const child = spawn(command ?? process.execPath, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ipc ? ["ignore", "inherit", "pipe", "ipc"] : ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (text: string) => {
    stderr = (stderr + text).slice(-4096);
  });
  const queue: ChildMessage[] = [];
  const waiters: Array<{ type: string; resolve: (message: ChildMessage) => void; reject: (error: Error) => void }> = [];
  let exited: Error | undefined;
  const failAll = (error: Error): void => {
    for (const waiter of waiters.splice(0)) waiter.reject(error);
  };
  child.on("message", (value: unknown) => {
    if (!isChildMessage(value)) return;
    if (value.type === "failed") {
      failAll(new Error(`${options.name} failed: ${value.message}`));
      return;
    }
    const index = waiters.findIndex((waiter) => waiter.type === value.type);
    const waiter = index === -1 ? undefined : waiters.splice(index, 1)[0];
    if (waiter) waiter.resolve(value);
    else queue.push(value);
  });
  const exitedPromise = new Promise<void>((resolve) => {
    child.once("exit", (code, signal) => {
      exited = new Error(`${options.name} exited (${signal ?? `code ${code}`})${stderr ? `: ${stderr.trim()}` : ""}`);
      failAll(exited);
      resolve();
    });
  });
  child.once("error", (error) => failAll(error));

  return {
    name: options.name,
    pid: child.pid ?? -1,
    process: child,
    next(type, timeoutMs = 60_000) {
      const queued = queue.findIndex((message) => message.type === type);
      if (queued !== -1) return Promise.resolve(queue.splice(queued, 1)[0] as Extract<ChildMessage, { type: typeof type }>);
      if (exited) return Promise.reject(exited);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${options.name}: no "${type}" within ${timeoutMs} ms${stderr ? `: ${stderr.trim()}` : ""}`)), timeoutMs);
        waiters.push({
          type,
          resolve: (message) => {
            clearTimeout(timer);
            resolve(message as Extract<ChildMessage, { type: typeof type }>);
          },
          reject: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        });
      });
    },
    send(message) {
      if (child.connected) child.send(message);
    },
    peakRssBytes: () => (child.pid === undefined ? undefined : readPeakRss(child.pid)),
    resetPeakRss: () => {
      if (child.pid !== undefined) resetPeakRss(child.pid);
    },
    stderrTail: () => stderr,
    async stop(timeoutMs = 10_000) {
      if (exited) return;
      if (ipc && child.connected) child.send({ type: "stop" } satisfies RunnerMessage);
      else child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
      await exitedPromise;
      clearTimeout(timer);
    },
  };
}
