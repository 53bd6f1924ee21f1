/**
 * @module
 * The contract every CLI command implements. Commands get their streams, environment and
 * working directory injected, so tests run them in-process with captured output.
 */
import type { Environment } from "../providers/discover.ts";

/** Where a command writes text: `process.stdout` or a test's capture. */
export interface TextSink {
  write(text: string): unknown;
}

export interface CommandContext {
  /** The arguments after the command name. */
  argv: string[];
  stdout: TextSink;
  stderr: TextSink;
  env: Environment;
  /** Relative paths resolve here. */
  cwd: string;
  /** Prompt text piped in (`echo hi | llmux chat`); undefined when stdin is a terminal. */
  stdin: AsyncIterable<string | Uint8Array> | undefined;
  /** Aborted on SIGINT/SIGTERM: long-running commands (`gateway start`) stop gracefully. */
  shutdown: AbortSignal;
}

/** 0 ok, 1 failure, 2 usage error. */
export type ExitCode = 0 | 1 | 2;

export interface Command {
  /** The full text for `llmux <command> --help`. */
  help: string;
  run(context: CommandContext): Promise<ExitCode>;
}
