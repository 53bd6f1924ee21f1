/**
 * Helpers for config tests: catch the validation error of some YAML and read its issues.
 */
import assert from "node:assert/strict";
import { InvalidConfigError, type ConfigIssue } from "../../src/config/config-issue.ts";
import type { Environment } from "../../src/config/interpolate-env.ts";
import { parseConfigText } from "../../src/config/parse-config-text.ts";

/** Lines joined with newlines: line N of the file is `lines[N - 1]`. */
export function yamlLines(...lines: string[]): string {
  return `${lines.join("\n")}\n`;
}

/** Parses `text`, expecting it to fail; returns the error. */
export function expectInvalid(text: string, env: Environment = {}, fileName = "llmux.yaml"): InvalidConfigError {
  try {
    parseConfigText(text, fileName, env);
  } catch (error) {
    assert.ok(error instanceof InvalidConfigError, `expected InvalidConfigError, got ${String(error)}`);
    return error;
  }
  assert.fail("expected the config to be rejected");
}

/** The issue for `field`, failing the test when there is none. */
export function findIssue(error: InvalidConfigError, field: string | undefined): ConfigIssue {
  const issue = error.issues.find((candidate) => candidate.field === field);
  assert.ok(issue, `no issue for ${String(field)}; got:\n${error.message}`);
  return issue;
}
