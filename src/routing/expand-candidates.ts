/**
 * @module
 * Turns what the caller asked for (a model, a tier, or a list of models) into the ordered
 * candidate list: the model on its home provider, the same model through other configured
 * providers, the catalog's compatible alternatives, then the user's fallback chains.
 * Providers that are not configured are reported as skipped, with the variable to set.
 */
import { isProviderId, type Catalog, type ModelEntry, type ProviderId } from "../catalog/index.ts";
import { findProviderRow } from "../providers/table.ts";
import type { ProviderRegistry } from "../providers/registry.ts";
import type { ResolvedProvider } from "../providers/resolved-provider.ts";
import type { Candidate, CandidateOrigin } from "./candidate.ts";
import type { SkippedCandidate } from "./errors.ts";

export interface ExpandContext {
  catalog: Catalog;
  registry: ProviderRegistry;
  /** Models that registered (custom) providers serve: provider id → model names (`*` = any). */
  servedModels: ReadonlyMap<string, readonly string[]>;
  /** User fallback chains: model → models to try after it. */
  fallbacks: Readonly<Record<string, readonly string[]>>;
  /** Providers to prefer, in order, after the home provider; others follow in catalog order. */
  providerOrder: readonly string[];
}

export interface Expansion {
  candidates: Omit<Candidate, "estimatedCostUsd">[];
  skipped: SkippedCandidate[];
}

export type Selection =
  | { kind: "model"; model: string; allowFallback: boolean }
  | { kind: "models"; models: readonly string[]; allowFallback: boolean }
  | { kind: "tier"; tier: string; models: readonly string[]; allowFallback: boolean };

/** A selection as a cache key, without a JSON round trip per request. Names are length-prefixed: any text is a valid model name. */
export function selectionKey(selection: Selection): string {
  let key = `${selection.kind}${selection.allowFallback ? "+" : "-"}`;
  if (selection.kind === "tier") key += `${selection.tier.length}:${selection.tier}`;
  if (selection.kind === "model") return `${key}${selection.model.length}:${selection.model}`;
  for (const model of selection.models) key += `${model.length}:${model}`;
  return key;
}

class CandidateList {
  readonly candidates: Omit<Candidate, "estimatedCostUsd">[] = [];
  readonly skipped: SkippedCandidate[] = [];
  readonly #seen = new Set<string>();
  readonly #reportedMissing = new Set<string>();
  group = 0;

  add(candidate: Omit<Candidate, "estimatedCostUsd" | "group">): void {
    const key = `${candidate.provider.id}\u0000${candidate.upstreamModel}`;
    if (this.#seen.has(key)) return;
    this.#seen.add(key);
    this.candidates.push({ ...candidate, group: this.group });
  }

  missing(provider: string, model: string): void {
    const key = `${provider}\u0000${model}`;
    if (this.#reportedMissing.has(key)) return;
    this.#reportedMissing.add(key);
    const row = findProviderRow(provider);
    const envVars = row === undefined ? [] : row.keyRequired ? row.keyEnv : [row.baseUrlEnv];
    const hint = envVars.length > 0 ? `set ${envVars.join(" or ")}` : "register it";
    this.skipped.push({ provider, model, reason: `not configured (${hint})` });
  }
}

function servesModel(served: readonly string[] | undefined, names: readonly string[]): boolean {
  if (served === undefined) return false;
  return served.includes("*") || names.some((name) => served.includes(name));
}

/** Providers for one model name: home provider first, then other configured providers. */
function addModel(list: CandidateList, context: ExpandContext, name: string, origin: CandidateOrigin): void {
  const entry: ModelEntry | undefined = context.catalog.find(name);
  const model = entry?.id ?? name;
  const names = entry ? [name, entry.id, ...entry.aliases] : [name];
  const providers = orderProviders(entry ? context.catalog.providersOf(entry.id) : context.catalog.place(name), context.providerOrder);
  let first = true;
  const push = (provider: ResolvedProvider, upstreamModel: string): void => {
    const isFirst = first;
    first = false;
    list.add({
      provider,
      model,
      upstreamModel,
      origin: isFirst ? origin : "same-model",
      reason: isFirst ? describeOrigin(origin, model) : `same model via ${provider.id}`,
      entry,
    });
  };
  for (const providerId of providers) {
    const provider = context.registry.get(providerId);
    if (!provider) {
      list.missing(providerId, model);
      continue;
    }
    const upstreamModel = upstreamModelFor(context.catalog, entry, name, providerId);
    if (upstreamModel !== undefined) push(provider, upstreamModel);
  }
  // Registered providers (self-hosted gateways, Ollama, custom endpoints) that serve this name.
  for (const provider of context.registry.list()) {
    if (provider.source !== "registered" || providers.includes(provider.id)) continue;
    if (servesModel(context.servedModels.get(provider.id), names)) push(provider, name);
  }
  // A vendor/model name with no known provider still goes to OpenRouter when configured.
  if (first && name.includes("/") && context.registry.has("openrouter")) push(context.registry.require("openrouter"), name);
}

/** Home provider first, then the configured fallback providers in their order, then the rest. */
function orderProviders(providers: readonly string[], order: readonly string[]): string[] {
  if (order.length === 0 || providers.length < 2) return [...providers];
  const [home, ...others] = providers;
  const rank = (provider: string): number => {
    const position = order.indexOf(provider);
    return position === -1 ? order.length : position;
  };
  const sorted = others.map((provider, position) => ({ provider, position })).sort((left, right) => rank(left.provider) - rank(right.provider) || left.position - right.position);
  return [home as string, ...sorted.map((entry) => entry.provider)];
}

function upstreamModelFor(catalog: Catalog, entry: ModelEntry | undefined, name: string, providerId: string): string | undefined {
  if (!entry) return name;
  if (!isProviderId(providerId)) return name;
  return catalog.providerModelId(entry.id, providerId as ProviderId) ?? (providerId === entry.provider ? entry.id : undefined);
}

function describeOrigin(origin: CandidateOrigin, model: string): string {
  switch (origin) {
    case "requested":
      return `requested model ${model}`;
    case "fallback-chain":
      return `configured fallback ${model}`;
    case "tier":
      return `tier model ${model}`;
    case "listed":
      return `listed model ${model}`;
    default:
      return model;
  }
}

export function expandCandidates(selection: Selection, context: ExpandContext): Expansion {
  const list = new CandidateList();
  const models = selection.kind === "model" ? [selection.model] : selection.models;
  models.forEach((name, position) => {
    list.group = position;
    const origin: CandidateOrigin = position === 0 ? "requested" : selection.kind === "tier" ? "tier" : "listed";
    addModel(list, context, name, origin);
  });
  if (!selection.allowFallback) {
    return { candidates: list.candidates.slice(0, 1), skipped: list.skipped };
  }
  if (selection.kind === "model") {
    list.group += 1;
    for (const alternative of context.catalog.alternatives(selection.model)) {
      if (alternative.kind !== "peer") continue;
      const provider = context.registry.get(alternative.provider);
      if (!provider) continue;
      const entry = context.catalog.find(alternative.modelId);
      list.add({
        provider,
        model: alternative.modelId,
        upstreamModel: alternative.providerModelId,
        origin: "alternative",
        reason: alternative.reason,
        entry,
      });
    }
  }
  const chainRoots = models.flatMap((name) => [name, context.catalog.find(name)?.id ?? name]);
  const chained = new Set<string>();
  for (const root of chainRoots) {
    for (const fallback of context.fallbacks[root] ?? []) {
      if (chained.has(fallback)) continue;
      chained.add(fallback);
      list.group += 1;
      addModel(list, context, fallback, "fallback-chain");
    }
  }
  return { candidates: list.candidates, skipped: list.skipped };
}
