/**
 * @module
 * What the executor does after a failed try, by failure kind. One table, so the behaviour
 * the README promises is written once:
 *
 * | kind                          | action                                                        |
 * | ----------------------------- | ------------------------------------------------------------- |
 * | invalid-request, content-policy | stop: return the error to the caller, no blind retry         |
 * | context-window                | next candidate with a larger window, never the same model     |
 * | not-found                     | next candidate                                                |
 * | auth, quota                   | next key of the provider (that key is disabled), else next    |
 * | rate-limit                    | another key if one is free; else wait Retry-After (or backoff) when it is small and fits the deadline; else next |
 * | overloaded, server, connection| retry the same candidate after backoff (or Retry-After), bounded; then next |
 * | timeout                       | next candidate: a hung upstream is not asked again            |
 */
import type { UpstreamError } from "../core/errors.ts";

export interface RetryPolicy {
  /** Extra tries of the same candidate for transient failures. @default 1 */
  maxRetries: number;
  /** First backoff delay; doubles each retry, with jitter. @default 250 */
  baseDelayMs: number;
  /** @default 2000 */
  maxDelayMs: number;
  /** The longest Retry-After the executor waits inside one request. @default 5000 */
  maxRetryAfterMs: number;
  /** The longest it waits for a cooling candidate when nothing else is left. @default 5000 */
  maxCooldownWaitMs: number;
}

export const defaultRetryPolicy: Readonly<RetryPolicy> = {
  maxRetries: 1,
  baseDelayMs: 250,
  maxDelayMs: 2000,
  maxRetryAfterMs: 5000,
  maxCooldownWaitMs: 5000,
};

export type Decision =
  | { action: "stop" }
  | { action: "retry"; delayMs: number }
  | { action: "next-key" }
  | { action: "next-candidate" };

export interface DecisionContext {
  /** Retries of this candidate so far (0 after the first try). */
  retry: number;
  policy: RetryPolicy;
  /** Time left before the caller's deadline. */
  remainingMs: number;
  /** Another key of the same provider is available now. */
  otherKeyAvailable: boolean;
  /** For jitter; injectable for tests. */
  random?: () => number;
}

/** Exponential backoff with jitter between half and all of the step. */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.round(step / 2 + (random() * step) / 2);
}

function retryOrMove(error: UpstreamError, context: DecisionContext): Decision {
  if (context.retry >= context.policy.maxRetries) return { action: "next-candidate" };
  const delayMs = error.retryAfterMs ?? backoffDelay(context.retry, context.policy, context.random);
  if (delayMs > context.policy.maxRetryAfterMs || delayMs >= context.remainingMs) return { action: "next-candidate" };
  return { action: "retry", delayMs };
}

export function decideAfterFailure(error: UpstreamError, context: DecisionContext): Decision {
  switch (error.kind) {
    case "invalid-request":
    case "content-policy":
      return { action: "stop" };
    case "context-window":
    case "not-found":
    case "timeout":
      return { action: "next-candidate" };
    case "auth":
    case "quota":
      return { action: "next-key" };
    case "rate-limit":
      return context.otherKeyAvailable ? { action: "next-key" } : retryOrMove(error, context);
    case "overloaded":
    case "server":
    case "connection":
      return retryOrMove(error, context);
  }
}
