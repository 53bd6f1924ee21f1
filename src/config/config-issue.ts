/**
 * @module
 * One problem found in a config file, and the error that carries all of them at once.
 * Messages name the place and what was expected, never the value found there.
 */
import { ConfigError } from "../core/errors.ts";

export interface ConfigIssue {
  file: string;
  /** 1-based; undefined when the problem has no single place (an empty file, say). */
  line: number | undefined;
  /** Dotted field name, e.g. `providers.openai.keys[1]`; undefined for the file as a whole. */
  field: string | undefined;
  message: string;
}

/** `llmux.yaml:14: providers.openai.keys[1]: expected string` */
export function formatConfigIssue(issue: ConfigIssue): string {
  const place = issue.line === undefined ? issue.file : `${issue.file}:${issue.line}`;
  return issue.field === undefined ? `${place}: ${issue.message}` : `${place}: ${issue.field}: ${issue.message}`;
}

/** Orders issues by line, then field, so the report reads top to bottom. */
export function sortConfigIssues(issues: readonly ConfigIssue[]): ConfigIssue[] {
  return [...issues].sort((left, right) => (left.line ?? 0) - (right.line ?? 0) || (left.field ?? "").localeCompare(right.field ?? ""));
}

/**
 * A config that failed validation. `file`, `line` and `field` name the first issue; `issues`
 * holds every one, and the message lists them all, one per line.
 */
export class InvalidConfigError extends ConfigError {
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[]) {
    const sorted = sortConfigIssues(issues);
    const first = sorted[0];
    super(sorted.map(formatConfigIssue).join("\n") || "invalid config", {
      file: first?.file,
      line: first?.line,
      field: first?.field,
    });
    this.name = "InvalidConfigError";
    this.issues = sorted;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), issues: this.issues };
  }
}

/** An issue found in the parsed value, before it is placed on a line. */
export interface PathIssue {
  path: readonly (string | number)[];
  message: string;
}
