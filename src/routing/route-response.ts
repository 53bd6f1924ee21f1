/**
 * @module
 * What `route()` answers: the content, and what happened on the way (which model and provider
 * served, whether that was a fallback and why, every attempt, tokens, cost, latency).
 */
import type { AssistantContentPart } from "../core/types/message.ts";
import type { CanonicalResponse, FinishReason, Usage, Warning } from "../core/types/response.ts";
import type { Candidate } from "./candidate.ts";
import type { Attempt, SkippedCandidate } from "./errors.ts";

export interface ToolCall {
  id: string;
  name: string;
  /** JSON text, as the model produced it. */
  arguments: string;
}

export interface RouteResponse {
  /** The answer's text (all text parts joined). */
  content: string;
  /** Every part of the answer: text, tool calls, reasoning. */
  parts: AssistantContentPart[];
  toolCalls: ToolCall[];
  /** Reasoning text when the model returned any. */
  reasoning: string | undefined;
  finishReason: FinishReason;
  /** The model that served (catalog id), and the id the provider reported. */
  modelUsed: string;
  upstreamModel: string;
  providerUsed: string;
  /** Id of the provider key used (never the key). */
  keyId: string | undefined;
  requestedModel: string | undefined;
  wasFallback: boolean;
  /** In words, e.g. "anthropic: 529 overloaded; fell back to openrouter". */
  fallbackReason: string | undefined;
  inputTokens: number | undefined;
  outputTokens: number | undefined;
  cacheReadTokens: number | undefined;
  cacheWriteTokens: number | undefined;
  reasoningTokens: number | undefined;
  usage: Usage;
  costUsd: number | undefined;
  latencyMs: number;
  /** Streams: time to the first content event. */
  ttftMs: number | undefined;
  attempts: Attempt[];
  skipped: SkippedCandidate[];
  /** Translation losses and dropped parameters. */
  warnings: Warning[];
  responseId: string;
  /** The upstream's body as received (non-streaming), or the canonical response (streaming). */
  raw: unknown;
}

export interface RouteOutcome {
  response: CanonicalResponse;
  raw: unknown;
  candidate: Candidate;
  keyId: string | undefined;
  requestedModel: string | undefined;
  attempts: Attempt[];
  skipped: SkippedCandidate[];
  warnings: Warning[];
  costUsd: number | undefined;
  latencyMs: number;
  ttftMs: number | undefined;
}

function describeFailure(attempt: Attempt): string {
  const what = [attempt.status, attempt.kind].filter((part) => part !== undefined).join(" ");
  return `${attempt.provider}: ${what || "failed"}`;
}

/** Why the answer did not come from the first choice, or undefined when it did. */
export function describeFallback(outcome: Pick<RouteOutcome, "attempts" | "skipped" | "candidate">): string | undefined {
  const failures = outcome.attempts.filter((attempt) => attempt.outcome === "failure");
  const skips = outcome.skipped.filter((skip) => !skip.reason.startsWith("not configured") && skip.reason !== "excluded by the caller");
  // Choices the caller made (prefer, a provider not configured) are not fallbacks; failures and skips are.
  if (failures.length === 0 && skips.length === 0) return undefined;
  const served = outcome.candidate;
  const causes = [...new Set([...skips.map((skip) => `${skip.provider}: ${skip.reason}`), ...failures.map(describeFailure)])];
  const sameCandidateOnly = failures.every((attempt) => attempt.provider === served.provider.id && attempt.model === served.model);
  // The first choice served (maybe on another of its keys): candidates skipped further down the
  // list (an alternative lacking tools, say) were never needed, so they caused no fallback.
  if (sameCandidateOnly && (skips.length === 0 || served.origin === "requested")) return undefined;
  return `${causes.join("; ")}; fell back to ${served.provider.id}${served.model === failures[0]?.model ? "" : ` (${served.model})`}`;
}

export function buildRouteResponse(outcome: RouteOutcome): RouteResponse {
  const { response, candidate } = outcome;
  const text = response.content.filter((part) => part.type === "text").map((part) => part.text).join("");
  const reasoningParts = response.content.filter((part) => part.type === "reasoning");
  const fallbackReason = describeFallback(outcome);
  return {
    content: text,
    parts: response.content,
    toolCalls: response.content.flatMap((part) => (part.type === "tool-call" ? [{ id: part.id, name: part.name, arguments: part.arguments }] : [])),
    reasoning: reasoningParts.length > 0 ? reasoningParts.map((part) => part.text).join("") : undefined,
    finishReason: response.finishReason,
    modelUsed: candidate.model,
    upstreamModel: response.model || candidate.upstreamModel,
    providerUsed: candidate.provider.id,
    keyId: outcome.keyId,
    requestedModel: outcome.requestedModel,
    wasFallback: fallbackReason !== undefined,
    fallbackReason,
    inputTokens: response.usage.inputTokens,
    outputTokens: response.usage.outputTokens,
    cacheReadTokens: response.usage.cacheReadTokens,
    cacheWriteTokens: response.usage.cacheWriteTokens,
    reasoningTokens: response.usage.reasoningTokens,
    usage: response.usage,
    costUsd: outcome.costUsd,
    latencyMs: outcome.latencyMs,
    ttftMs: outcome.ttftMs,
    attempts: outcome.attempts,
    skipped: outcome.skipped,
    warnings: outcome.warnings,
    responseId: response.id,
    raw: outcome.raw,
  };
}
