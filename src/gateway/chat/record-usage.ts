/**
 * @module
 * Every chat request leaves one usage record and one metrics observation, success or
 * failure. A failing usage store never fails the request it describes.
 */
import { toLlmuxError, UpstreamError, type FailureKind, type LlmuxError } from "../../core/errors.ts";
import type { CanonicalRequest } from "../../core/types/request.ts";
import type { Usage } from "../../core/types/response.ts";
import type { Dialect } from "../../dialects/dialect.ts";
import type { Attempt } from "../../routing/errors.ts";
import type { Execution } from "../../routing/executor.ts";
import type { Plan } from "../../routing/plan.ts";
import { createUsageRecord } from "../../usage/create-usage-record.ts";
import type { UsageErrorKind } from "../../usage/usage-record.ts";
import type { RequestContext } from "../context.ts";
import { statusOf } from "../errors.ts";
import type { GatewayRuntime } from "../runtime.ts";
import { routeModeOf } from "./route-mode.ts";

export interface UsageEntry {
  context: RequestContext;
  dialect: Dialect;
  /** Undefined when the request was refused before it could be decoded. */
  canonical: CanonicalRequest | undefined;
  /** The model the caller named, when the request could not be decoded. */
  requestedModel?: string | undefined;
  plan: Plan | undefined;
  execution: Execution<unknown> | undefined;
  status: number;
  usage: Usage | undefined;
  estimated: boolean;
  cost: number | undefined;
  streamed: boolean;
  ttftMs: number | undefined;
  error?: LlmuxError;
}

function attemptsOf(entry: UsageEntry): Attempt[] {
  if (entry.execution) return entry.execution.attempts;
  const carried = (entry.error as { attempts?: unknown } | undefined)?.attempts;
  return Array.isArray(carried) ? (carried as Attempt[]) : [];
}

function kindOf(error: LlmuxError | undefined): UsageErrorKind | undefined {
  if (!error) return undefined;
  if (error instanceof UpstreamError) return error.kind;
  // Routing errors carry the kind of their last attempt.
  const kind = (error as { kind?: FailureKind | undefined }).kind;
  return kind ?? error.code;
}

export async function recordUsage(runtime: GatewayRuntime, entry: UsageEntry): Promise<void> {
  const latencyMs = Date.now() - entry.context.startedAt;
  const attempts = attemptsOf(entry);
  for (const attempt of attempts) if (attempt.outcome === "failure" && attempt.kind) runtime.metrics.observeFailure(attempt.provider, attempt.kind);
  const served = entry.execution?.candidate;
  const routeMode = entry.execution ? routeModeOf(entry.execution) : "direct";
  runtime.metrics.observeRequest({
    dialect: entry.dialect.id,
    provider: served?.provider.id ?? "none",
    model: served?.model ?? entry.canonical?.model ?? entry.requestedModel ?? "unknown",
    routeMode,
    status: entry.status,
    latencyMs,
    ttftMs: entry.ttftMs,
    inputTokens: entry.usage?.inputTokens,
    outputTokens: entry.usage?.outputTokens,
    costUsd: entry.cost,
  });
  if (!runtime.usage) return;
  const record = createUsageRecord({
    requestId: entry.context.requestId,
    time: entry.context.startedAt,
    gatewayKeyId: entry.context.gatewayKeyId,
    ingressDialect: entry.dialect.id,
    requestedModel: entry.canonical?.model ?? entry.requestedModel,
    servedModel: served?.model,
    provider: served?.provider.id,
    keyId: entry.execution?.key?.id,
    routeMode,
    attempts,
    usage: entry.usage,
    usageEstimated: entry.estimated,
    costUsd: entry.cost,
    latencyMs,
    ttftMs: entry.ttftMs,
    status: entry.status,
    errorKind: kindOf(entry.error),
    streamed: entry.streamed,
  });
  try {
    await runtime.usage.record(record);
  } catch (error) {
    process.emitWarning(`llmux: could not record usage: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** A request refused before routing (unreadable body, malformed JSON, a body the dialect rejects) still leaves its row. */
export async function recordRefused(runtime: GatewayRuntime, input: { context: RequestContext; dialect: Dialect; requestedModel: string | undefined; thrown: unknown }): Promise<void> {
  const error = toLlmuxError(input.thrown);
  await recordUsage(runtime, {
    context: input.context,
    dialect: input.dialect,
    canonical: undefined,
    requestedModel: input.requestedModel,
    plan: undefined,
    execution: undefined,
    status: statusOf(error, input.context),
    usage: undefined,
    estimated: false,
    cost: undefined,
    streamed: false,
    ttftMs: undefined,
    error,
  });
}
