/**
 * @module
 * Compatible substitutes for a model, in the order a fallback should try them:
 * 1. the same model through its other providers (home order: direct hosts, OpenRouter last);
 * 2. peers: current models of the same tier from other vendors, ranked by how many of the
 *    model's capabilities they lack (fewest first), then by whether their context window is at
 *    least as large, then by blended price (cheapest first), then by id; among peers that lack
 *    equally many capabilities, each vendor's best comes before any vendor's second (one
 *    vendor's outage should not eat the whole chain).
 * Deterministic, and every entry says why it is there.
 */
import { matchedCapabilities, type Alternative, type CapabilityName, type ModelEntry } from "./model-types.ts";
import { listServingProviders, resolveProviderModelId } from "./serving-providers.ts";

export interface AlternativesOptions {
  /** At most this many entries (same-model ones included). */
  limit?: number;
}

/** Input and output weighted 3:1, the usual shape of chat traffic. Unknown price sorts last. */
function computeBlendedPrice(model: ModelEntry): number {
  const pricing = model.pricing;
  return pricing === undefined ? Number.POSITIVE_INFINITY : (3 * pricing.input + pricing.output) / 4;
}

function formatTokens(count: number): string {
  return count >= 1_000_000 ? `${Number((count / 1_000_000).toFixed(2))}M` : `${Math.round(count / 1000)}k`;
}

interface RankedPeer {
  model: ModelEntry;
  missing: CapabilityName[];
  smallerContext: boolean;
  price: number;
}

function describePeer(source: ModelEntry, peer: RankedPeer): string {
  const shared = matchedCapabilities.filter((name) => source.capabilities[name] && peer.model.capabilities[name]);
  let reason = `peer: ${peer.model.tier} tier, ${shared.length > 0 ? shared.join("+") : "text only"}`;
  if (peer.missing.length > 0) reason += ` (lacks ${peer.missing.join(", ")})`;
  if (peer.smallerContext) reason += `, smaller context (${formatTokens(peer.model.contextWindow)})`;
  return reason;
}

/**
 * Keeps capability match first and the ranking within each vendor, but within a capability
 * class takes every vendor's n-th peer before any vendor's (n+1)-th.
 */
function interleaveByVendor(ranked: readonly RankedPeer[]): RankedPeer[] {
  const seen = new Map<string, number>();
  const withRound = ranked.map((peer, position) => {
    const round = seen.get(peer.model.vendor) ?? 0;
    seen.set(peer.model.vendor, round + 1);
    return { peer, round, position };
  });
  withRound.sort(
    (left, right) =>
      left.peer.missing.length - right.peer.missing.length || left.round - right.round || left.position - right.position,
  );
  return withRound.map((entry) => entry.peer);
}

export function findAlternatives(
  model: ModelEntry,
  models: readonly ModelEntry[],
  options: AlternativesOptions = {},
): Alternative[] {
  const sameModel: Alternative[] = listServingProviders(model)
    .slice(1)
    .map((provider) => ({
      modelId: model.id,
      provider,
      providerModelId: resolveProviderModelId(model, provider) ?? model.id,
      kind: "same-model",
      reason: `same model via ${provider}`,
    }));

  const peers: RankedPeer[] = models
    .filter((candidate) => candidate.vendor !== model.vendor && candidate.tier === model.tier && candidate.deprecated === undefined)
    .map((candidate) => ({
      model: candidate,
      missing: matchedCapabilities.filter((name) => model.capabilities[name] && !candidate.capabilities[name]),
      smallerContext: candidate.contextWindow < model.contextWindow,
      price: computeBlendedPrice(candidate),
    }));
  peers.sort(
    (left, right) =>
      left.missing.length - right.missing.length ||
      Number(left.smallerContext) - Number(right.smallerContext) ||
      left.price - right.price ||
      left.model.id.localeCompare(right.model.id),
  );

  const peerAlternatives: Alternative[] = interleaveByVendor(peers).map((peer) => ({
    modelId: peer.model.id,
    provider: peer.model.provider,
    providerModelId: resolveProviderModelId(peer.model, peer.model.provider) ?? peer.model.id,
    kind: "peer",
    reason: describePeer(model, peer),
  }));

  const all = [...sameModel, ...peerAlternatives];
  return options.limit === undefined ? all : all.slice(0, Math.max(0, options.limit));
}
