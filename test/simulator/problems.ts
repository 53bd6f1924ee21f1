/** Helpers for the validator tests. */
import assert from "node:assert/strict";

/** A 1×1 PNG, base64. */
export const png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

/** Fails unless one of `problems` matches `pattern`; shows them all when none does. */
export function assertProblem(problems: string[], pattern: RegExp): void {
  assert.ok(
    problems.some((problem) => pattern.test(problem)),
    `expected a problem matching ${pattern}, got:\n${problems.join("\n") || "(none)"}`,
  );
}
