/**
 * @module
 * One usage record: what happened to one request, success or failure. Written by the router and
 * the gateway, read by `GET /usage`, `llmux usage` and the dashboard.
 *
 * Every figure llmux may not know is `null`, never 0: an unknown token count or cost must not
 * look free (the same rule as core `Usage`, with `null` because rows round-trip through SQL).
 */
import type { ErrorCode, FailureKind } from "../core/errors.ts";
import type { DialectId } from "../core/types/message.ts";

/**
 * How the request was served:
 * - `direct`: the first candidate, with a managed key;
 * - `key-rotation`: the same provider and model, after another of its keys failed;
 * - `passthrough`: with the caller's own key;
 * - `provider-fallback`: the same model on another provider;
 * - `model-fallback`: another (compatible) model.
 */
export type RouteMode = "direct" | "key-rotation" | "passthrough" | "provider-fallback" | "model-fallback";

export const routeModes: readonly RouteMode[] = ["direct", "key-rotation", "passthrough", "provider-fallback", "model-fallback"];

/** Route modes that count as a fallback in summaries. */
export const fallbackRouteModes: readonly RouteMode[] = ["provider-fallback", "model-fallback"];

/** An upstream failure kind, or an llmux error code for failures that never reached one. */
export type UsageErrorKind = FailureKind | ErrorCode;

/** One try, as kept in a record: no message (it may be long and it is in the logs). */
export interface UsageAttempt {
  provider: string;
  model: string;
  keyId?: string;
  outcome: "success" | "failure";
  status?: number;
  kind?: FailureKind;
  durationMs: number;
}

export interface UsageRecord {
  /** ISO 8601 in UTC (`Date.prototype.toISOString`), when the request arrived. */
  time: string;
  requestId: string;
  /** Id of the gateway key the caller used (never the key); null for library calls. */
  gatewayKeyId: string | null;
  /** The protocol the caller spoke; null for library calls. */
  ingressDialect: DialectId | null;
  requestedModel: string | null;
  /** The model that served; null when nothing did. */
  servedModel: string | null;
  provider: string | null;
  /** Id of the provider key used (never the key). */
  keyId: string | null;
  routeMode: RouteMode;
  /** Every try, even when `attempts` was shortened to stay compact. */
  attemptCount: number;
  attempts: UsageAttempt[];
  inputTokens: number | null;
  outputTokens: number | null;
  cacheReadTokens: number | null;
  cacheWriteTokens: number | null;
  reasoningTokens: number | null;
  /** The upstream reported no usage; the token figures are llmux's estimate. */
  usageEstimated: boolean;
  costUsd: number | null;
  latencyMs: number;
  /** Time to the first content token (streams). */
  ttftMs: number | null;
  /** The HTTP status answered to the caller. */
  status: number;
  errorKind: UsageErrorKind | null;
  streamed: boolean;
}

/** A failed request: an error kind was recorded or the caller got an error status. */
export function isFailedRecord(record: Pick<UsageRecord, "status" | "errorKind">): boolean {
  return record.errorKind !== null || record.status >= 400;
}

export function isFallbackRecord(record: Pick<UsageRecord, "routeMode">): boolean {
  return fallbackRouteModes.includes(record.routeMode);
}
