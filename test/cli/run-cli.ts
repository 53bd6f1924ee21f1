/**
 * Runs the CLI in-process with captured output, an explicit environment and working
 * directory: what a user would see, without spawning.
 */
import { Readable } from "node:stream";
import { main } from "../../src/cli/main.ts";
import type { Environment } from "../../src/providers/discover.ts";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunCliOptions {
  /** @default {} (no provider configured) */
  env?: Environment;
  cwd?: string;
  /** Text piped on stdin. */
  stdin?: string;
  shutdown?: AbortSignal;
  /** Called with everything written to stdout so far, after each write. */
  onStdout?: (text: string) => void;
}

export async function runCli(argv: string[], options: RunCliOptions = {}): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    env: options.env ?? {},
    ...(options.cwd !== undefined ? { cwd: options.cwd } : {}),
    stdin: options.stdin === undefined ? undefined : Readable.from([options.stdin]),
    ...(options.shutdown ? { shutdown: options.shutdown } : {}),
    stdout: {
      write(text: string) {
        stdout += text;
        options.onStdout?.(stdout);
        return true;
      },
    },
    stderr: {
      write(text: string) {
        stderr += text;
        return true;
      },
    },
  });
  return { code, stdout, stderr };
}
