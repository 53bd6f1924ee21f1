/**
 * @module
 * Turns whatever a command threw into what the user reads on stderr and the exit code:
 * 2 for a command line the CLI cannot use, 1 for everything else. A config error lists every
 * issue as `file:line: field: message`; an internal error says it is one.
 */
import { formatConfigIssue, InvalidConfigError } from "../config/index.ts";
import { LlmuxError } from "../core/errors.ts";
import type { ExitCode, TextSink } from "./command.ts";
import { UsageError } from "./usage-error.ts";

export function reportError(error: unknown, stderr: TextSink, helpHint: string): ExitCode {
  if (error instanceof UsageError) {
    stderr.write(`llmux: ${error.message}\n${helpHint}\n`);
    return 2;
  }
  if (error instanceof InvalidConfigError) {
    for (const issue of error.issues) stderr.write(`${formatConfigIssue(issue)}\n`);
    return 1;
  }
  if (LlmuxError.isInstance(error)) {
    stderr.write(`llmux: ${error.message}\n`);
    return 1;
  }
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  stderr.write(`llmux: internal error: ${message}\n`);
  return 1;
}
