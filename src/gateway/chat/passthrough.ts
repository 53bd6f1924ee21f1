/**
 * @module
 * Hybrid mode: after the managed keys of a model's home provider, the caller's own key for
 * that provider is tried (passthrough). The caller's key never becomes a managed key: it
 * lives only in this request's candidate list.
 */
import type { Plan } from "../../routing/plan.ts";
import type { Candidate } from "../../routing/candidate.ts";
import { createProviderKeys } from "../../providers/provider-key.ts";
import type { ResolvedProvider } from "../../providers/resolved-provider.ts";
import { resolveRegistration } from "../../providers/registry.ts";
import { dialectDefaults, findProviderRow, type AuthScheme } from "../../providers/table.ts";
import type { ProviderRegistry } from "../../providers/registry.ts";
import { isProviderId, type Catalog } from "../../catalog/index.ts";

/** Key prefixes that tell which vendor issued a key. Order matters: more specific first. */
const keyPrefixes: Array<[string, string]> = [
  ["sk-ant-", "anthropic"],
  ["sk-or-", "openrouter"],
  ["AIza", "google"],
  ["gsk_", "groq"],
  ["xai-", "xai"],
  ["sk-", "openai"],
];

export function providerOfKey(key: string): string | undefined {
  return keyPrefixes.find(([prefix]) => key.startsWith(prefix))?.[1];
}

export interface PassthroughInput {
  plan: Plan;
  callerKey: string;
  /** The model the caller asked for. */
  model: string;
  /** The provider the ingress dialect belongs to (a key sent to the Anthropic endpoint is an Anthropic key). */
  ingressProvider: string | undefined;
  registry: ProviderRegistry;
  catalog: Catalog;
  /** Providers whose config allows passthrough (undefined = all). */
  allowed: (provider: string) => boolean;
}

export const passthroughMarker = "passthrough";

/** How a key is sent to this provider; one registered without keys says `none`, so ask its row or dialect. */
function keyScheme(provider: ResolvedProvider): AuthScheme {
  if (provider.auth !== "none") return provider.auth;
  if (provider.row && provider.row.auth !== "none") return provider.row.auth;
  const scheme = dialectDefaults[provider.dialect].auth;
  return scheme === "none" ? "bearer" : scheme;
}

function withCallerKey(provider: ResolvedProvider, key: string): ResolvedProvider {
  return { ...provider, auth: keyScheme(provider), keys: createProviderKeys(provider.id, [key]), source: provider.source };
}

/** A managed candidate that can only fail on auth: no key of its own for a provider that needs one. */
function isKeylessStandIn(existing: Candidate, passthrough: Candidate): boolean {
  const provider = existing.provider;
  return provider.id === passthrough.provider.id && existing.group === passthrough.group && provider.keys.length === 0 && provider.row?.keyRequired === true;
}

/** The id to send `provider` for `model`, if that provider serves it. */
function upstreamModelAt(catalog: Catalog, model: string, provider: string): string | undefined {
  if (!isProviderId(provider)) return undefined;
  if (catalog.find(model)) return catalog.providerModelId(model, provider);
  return catalog.place(model).includes(provider) ? model : undefined;
}

/** Inserts a passthrough candidate after the managed candidates of the key's provider. */
export function addPassthrough(input: PassthroughInput): Plan {
  const provider = providerOfKey(input.callerKey) ?? input.ingressProvider;
  if (provider === undefined || !input.allowed(provider)) return input.plan;
  const first = input.plan.candidates.find((candidate) => candidate.provider.id === provider);
  const entry = input.catalog.find(input.model);
  let resolved = input.registry.get(provider);
  if (!resolved) {
    const row = findProviderRow(provider);
    if (!row) return input.plan;
    resolved = resolveRegistration({ id: row.id, dialect: row.dialect, baseUrl: row.baseUrl });
  }
  const upstreamModel = first?.upstreamModel ?? upstreamModelAt(input.catalog, input.model, provider);
  if (upstreamModel === undefined) return input.plan;
  const candidate: Candidate = {
    provider: withCallerKey(resolved, input.callerKey),
    model: first?.model ?? entry?.id ?? input.model,
    upstreamModel,
    origin: first?.origin ?? "requested",
    reason: `${passthroughMarker}: the caller's own ${provider} key`,
    entry: first?.entry ?? entry,
    group: first?.group ?? 0,
    estimatedCostUsd: first?.estimatedCostUsd,
  };
  const candidates = [...input.plan.candidates];
  const lastManaged = candidates.findLastIndex((existing) => existing.provider.id === provider && existing.group === candidate.group);
  candidates.splice(lastManaged === -1 ? 0 : lastManaged + 1, 0, candidate);
  // With no managed key the caller's key takes the keyless candidate's place rather than follow its sure 401.
  return { ...input.plan, candidates: candidates.filter((existing) => !isKeylessStandIn(existing, candidate)) };
}

export function isPassthrough(candidate: Candidate): boolean {
  return candidate.reason.startsWith(passthroughMarker);
}
