/**
 * @module
 * The attempt list as a record keeps it: provider, model, key id, outcome, status, kind and
 * duration of each try, without messages, and at most `maxAttempts` entries (the first ones and
 * the last, which is the one that answered or failed for good). `attemptCount` keeps the total.
 */
import type { FailureKind } from "../core/errors.ts";
import type { UsageAttempt } from "./usage-record.ts";

/** The shape of routing's `Attempt` (read structurally: usage imports nothing but core). */
export interface AttemptLike {
  provider: string;
  model: string;
  keyId?: string | undefined;
  outcome: "success" | "failure";
  status?: number | undefined;
  kind?: FailureKind | undefined;
  durationMs: number;
}

export const maxRecordedAttempts = 20;

function compactAttempt(attempt: AttemptLike): UsageAttempt {
  const compact: UsageAttempt = { provider: attempt.provider, model: attempt.model, outcome: attempt.outcome, durationMs: Math.round(attempt.durationMs) };
  if (attempt.keyId !== undefined) compact.keyId = attempt.keyId;
  if (attempt.status !== undefined) compact.status = attempt.status;
  if (attempt.kind !== undefined) compact.kind = attempt.kind;
  return compact;
}

export function compactAttempts(attempts: readonly AttemptLike[], maxAttempts = maxRecordedAttempts): UsageAttempt[] {
  const kept = attempts.length <= maxAttempts ? attempts : [...attempts.slice(0, Math.max(0, maxAttempts - 1)), ...attempts.slice(-1)];
  return kept.map(compactAttempt);
}
