/**
 * @module
 * Which configured providers to ask for an embedding model, in order. Embeddings go only to
 * providers of the `openai-chat` dialect (they share OpenAI's `/embeddings` endpoint). The
 * order: the providers the name places at (the catalog, then embedding-name rules, since the
 * catalog lists chat models only), then the mode's `fallbackProviders`; when nothing places
 * the name, custom OpenAI-compatible providers (a self-hosted endpoint serves whatever names
 * it is given). The model name goes upstream as the provider spells it, else unchanged.
 */
import { isProviderId } from "../../catalog/index.ts";
import { InvalidRequestError } from "../../core/errors.ts";
import type { ResolvedProvider } from "../../providers/resolved-provider.ts";
import { findProviderRow } from "../../providers/table.ts";
import type { GatewayRuntime } from "../runtime.ts";

export interface EmbeddingTarget {
  provider: ResolvedProvider;
  /** The name sent upstream. */
  upstreamModel: string;
}

/** Embedding model names by vendor: the catalog does not know them. */
const embeddingRules: ReadonlyArray<{ pattern: RegExp; provider: string }> = [
  { pattern: /^text-(embedding|search|similarity)/, provider: "openai" },
  { pattern: /^(mistral|codestral)-embed/, provider: "mistral" },
];

function placeEmbeddingModel(runtime: GatewayRuntime, model: string): string[] {
  const name = model.trim().toLowerCase();
  const byRule = embeddingRules.filter((rule) => rule.pattern.test(name)).map((rule) => rule.provider);
  return [...byRule, ...runtime.catalog.place(model)];
}

/** The mode's (or the base config's) providers to try after the model's own. */
function fallbackProvidersOf(runtime: GatewayRuntime, mode: string | undefined): readonly string[] {
  const name = mode ?? runtime.activeMode;
  if (name === undefined) return runtime.config.fallbackProviders;
  const modeConfig = runtime.config.modes[name];
  if (!modeConfig) {
    throw new InvalidRequestError(`Unknown mode "${name}" (modes: ${runtime.modes().join(", ") || "none configured"}).`, { param: "mode" });
  }
  return modeConfig.fallbackProviders ?? runtime.config.fallbackProviders;
}

export function findEmbeddingTargets(runtime: GatewayRuntime, model: string, mode: string | undefined): EmbeddingTarget[] {
  const targets: EmbeddingTarget[] = [];
  const add = (id: string): void => {
    const provider = runtime.registry.get(id);
    if (!provider || provider.dialect !== "openai-chat" || targets.some((target) => target.provider.id === id)) return;
    const listed = isProviderId(id) ? runtime.catalog.providerModelId(model, id) : undefined;
    targets.push({ provider, upstreamModel: listed ?? model });
  };
  const placed = placeEmbeddingModel(runtime, model);
  for (const id of placed) add(id);
  for (const id of fallbackProvidersOf(runtime, mode)) add(id);
  if (placed.length === 0) {
    for (const provider of runtime.registry.list()) if (findProviderRow(provider.id) === undefined) add(provider.id);
  }
  return targets;
}
