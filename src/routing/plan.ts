/**
 * @module
 * Planning: from the expanded candidates to the ordered list the executor will try, with
 * every candidate left out named with its reason (excluded, lacks vision, context too small,
 * status page says down, cooling down until T). Nothing here calls a model.
 */
import { isProviderId, type Catalog } from "../catalog/index.ts";
import { estimateInputTokens } from "../core/estimate-tokens.ts";
import type { FailureKind } from "../core/errors.ts";
import type { CanonicalRequest } from "../core/types/request.ts";
import { emptyUsage } from "../core/types/response.ts";
import type { HealthTracker } from "../health/index.ts";
import type { ProviderStatus } from "../status/index.ts";
import type { Candidate } from "./candidate.ts";
import type { ComplexityVerdict } from "./complexity.ts";
import type { SkippedCandidate } from "./errors.ts";
import type { Strategy, StrategyContext } from "./strategies/index.ts";

export interface PlanInput {
  request: CanonicalRequest;
  candidates: Omit<Candidate, "estimatedCostUsd">[];
  skipped: SkippedCandidate[];
  prefer: readonly string[];
  exclude: readonly string[];
  strategy: Strategy;
  strategyContext: StrategyContext;
  catalog: Catalog;
  health: HealthTracker;
  /** Status per provider id (already bounded by checkTimeout). */
  status: ReadonlyMap<string, ProviderStatus>;
  /** Default output reserve when the request sets no max tokens. */
  defaultMaxOutputTokens: number;
}

/** A candidate that is cooling down: the executor may wait for it as a last resort. */
export interface DeferredCandidate {
  candidate: Candidate;
  availableAt: number;
  reason: string;
}

export interface Plan {
  candidates: Candidate[];
  skipped: SkippedCandidate[];
  deferred: DeferredCandidate[];
  strategy: string;
  estimatedInputTokens: number;
  /** Set when `tier: "auto"` chose the tier. */
  complexity?: ComplexityVerdict & { tier: string };
}

function needs(request: CanonicalRequest): { vision: boolean; tools: boolean; jsonSchema: boolean } {
  return {
    vision: request.messages.some((message) => message.content.some((part) => part.type === "image")),
    tools: (request.tools?.length ?? 0) > 0,
    jsonSchema: request.responseFormat?.type === "json-schema",
  };
}

function matches(candidate: Omit<Candidate, "estimatedCostUsd">, names: readonly string[]): boolean {
  return names.some((name) => name === candidate.provider.id || name === candidate.model || name === candidate.upstreamModel || name === `${candidate.provider.id}/${candidate.model}`);
}

/** Why this candidate cannot serve the request (the request's side of it), or undefined when it can. */
function capabilityProblem(
  candidate: Omit<Candidate, "estimatedCostUsd">,
  required: ReturnType<typeof needs>,
  tokens: { input: number; output: number },
): { reason: string; kind: FailureKind } | undefined {
  const entry = candidate.entry;
  if (!entry) return undefined; // unknown models are given the benefit of the doubt
  if (required.vision && !entry.capabilities.vision) return { reason: "lacks vision (the request has images)", kind: "invalid-request" };
  if (required.tools && !entry.capabilities.tools) return { reason: "lacks tool calling", kind: "invalid-request" };
  if (required.jsonSchema && !entry.capabilities.jsonSchema) return { reason: "lacks JSON schema output", kind: "invalid-request" };
  const needed = tokens.input + tokens.output;
  if (needed > entry.contextWindow) return { reason: `context too small (needs ~${needed} tokens, window ${entry.contextWindow})`, kind: "context-window" };
  return undefined;
}

function formatTime(at: number): string {
  return new Date(at).toISOString();
}

function skipCandidate(skipped: SkippedCandidate[], candidate: Omit<Candidate, "estimatedCostUsd">, reason: string, kind: FailureKind | undefined): void {
  skipped.push({ provider: candidate.provider.id, model: candidate.model, reason, ...(kind === undefined ? {} : { kind }) });
}

export function planCandidates(input: PlanInput): Plan {
  const { request, health } = input;
  const skipped = [...input.skipped];
  const deferred: DeferredCandidate[] = [];
  const required = needs(request);
  const inputTokens = estimateInputTokens(request);
  const outputTokens = request.maxOutputTokens ?? input.defaultMaxOutputTokens;
  const usable: Candidate[] = [];
  const degraded: Candidate[] = [];

  for (const raw of input.candidates) {
    if (input.exclude.length > 0 && matches(raw, input.exclude)) {
      skipCandidate(skipped, raw, "excluded by the caller", undefined);
      continue;
    }
    const problem = capabilityProblem(raw, required, { input: inputTokens, output: Math.min(outputTokens, raw.entry?.maxOutputTokens ?? outputTokens) });
    if (problem) {
      skipCandidate(skipped, raw, problem.reason, problem.kind);
      continue;
    }
    const estimatedCostUsd = input.catalog.costOf(
      raw.model,
      { ...emptyUsage(), inputTokens, outputTokens: Math.min(outputTokens, raw.entry?.maxOutputTokens ?? outputTokens) },
      isProviderId(raw.provider.id) ? raw.provider.id : undefined,
    );
    const candidate: Candidate = { ...raw, estimatedCostUsd };
    const status = input.status.get(raw.provider.id);
    if (status?.status === "down") {
      skipCandidate(skipped, raw, `status ${status.source} says down${status.detail ? `: ${status.detail}` : ""}`, "overloaded");
      continue;
    }
    const availability = health.availability({ provider: raw.provider.id, model: raw.upstreamModel });
    if (!availability.admit) {
      const why = availability.reason ? `${availability.reason.kind}${availability.reason.status ? ` ${availability.reason.status}` : ""}` : availability.state;
      const reason = `cooling down until ${formatTime(availability.availableAt)} (${why})`;
      skipCandidate(skipped, raw, reason, availability.reason?.kind ?? "overloaded");
      deferred.push({ candidate, availableAt: availability.availableAt, reason });
      continue;
    }
    // A degraded status page lowers a candidate within its group; it stays usable.
    (status?.status === "degraded" ? degraded : usable).push(candidate);
  }

  const ordered = orderCandidates(degraded.length === 0 ? usable : [...usable, ...degraded], input);
  return { candidates: ordered, skipped, deferred, strategy: input.strategy.name, estimatedInputTokens: inputTokens };
}

/** Strategy within each group, groups in order, `prefer` first overall (stable). */
function orderCandidates(candidates: Candidate[], input: PlanInput): Candidate[] {
  if (candidates.length <= 1) return candidates;
  const groups = new Map<number, Candidate[]>();
  for (const candidate of candidates) {
    const group = groups.get(candidate.group) ?? [];
    group.push(candidate);
    groups.set(candidate.group, group);
  }
  const ordered = [...groups.keys()]
    .sort((left, right) => left - right)
    .flatMap((group) => input.strategy.order(groups.get(group) ?? [], input.strategyContext));
  if (input.prefer.length === 0) return ordered;
  const rank = (candidate: Candidate): number => {
    const position = input.prefer.findIndex((name) => matches(candidate, [name]));
    return position === -1 ? input.prefer.length : position;
  };
  return ordered.map((candidate, position) => ({ candidate, position })).sort((left, right) => rank(left.candidate) - rank(right.candidate) || left.position - right.position).map((entry) => entry.candidate);
}
