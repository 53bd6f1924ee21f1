/**
 * @module
 * The catalog: bundled model data plus the user's overrides, behind one lookup API. Routing asks
 * it which providers serve a model and under which id, what to try when a model is down, and
 * what a call cost.
 */
import type { Usage } from "../core/types/response.ts";
import { applyOverrides } from "./apply-overrides.ts";
import { computeCost } from "./compute-cost.ts";
import { createModelIndex } from "./create-model-index.ts";
import { findAlternatives, type AlternativesOptions } from "./find-alternatives.ts";
import { bundledCatalogData } from "./load-bundled-models.ts";
import { parseModelOverrides } from "./model-schema.ts";
import type { Alternative, ModelEntry, ModelOverride, Pricing, ProviderId, SourceNote } from "./model-types.ts";
import { placeByPrefix } from "./place-by-prefix.ts";
import { searchModels } from "./search-models.ts";
import { listServingProviders, resolveProviderModelId } from "./serving-providers.ts";

/** Providers that run on the caller's own machine: a call there costs nothing per token. */
const localProviders: ReadonlySet<ProviderId> = new Set(["ollama"]);

export interface CatalogOptions {
  /** Changes and additions from config; validated here, ConfigError on a bad field. */
  overrides?: readonly ModelOverride[];
}

export interface Catalog {
  /** A model by id, alias, provider-specific id or OpenRouter `vendor/model`; case-insensitive. */
  find(idOrAlias: string): ModelEntry | undefined;
  /** Every model, in data order. */
  all(): readonly ModelEntry[];
  /** Models matching every word of `text` (id, alias, family, vendor, provider), best first. */
  search(text: string): ModelEntry[];
  /** Same model via other providers first, then same-tier peers from other vendors; [] if unknown. */
  alternatives(idOrAlias: string, options?: AlternativesOptions): Alternative[];
  /** The id to send to `provider`; undefined when the model is unknown or that provider does not serve it. */
  providerModelId(idOrAlias: string, provider: ProviderId): string | undefined;
  /** Providers serving a known model, home first; [] if unknown. */
  providersOf(idOrAlias: string): ProviderId[];
  /**
   * USD for one call, at `provider`'s price (home provider when omitted). Undefined when the model,
   * its price or the usage is unknown. Hosts without their own listed price are billed at the home
   * price, which is what OpenRouter charges for first-party models.
   */
  costOf(idOrAlias: string, usage: Usage, provider?: ProviderId): number | undefined;
  /** Where a name probably lives: a known model's providers, else the name-prefix rules. */
  place(name: string): ProviderId[];
  /** Where each provider block's figures come from, and when they were checked. */
  sources(): Readonly<Record<ProviderId, SourceNote>>;
}

function selectPricing(model: ModelEntry, provider: ProviderId | undefined): Pricing | undefined {
  if (provider === undefined || provider === model.provider) return model.pricing;
  if (localProviders.has(provider)) return { input: 0, output: 0 };
  return model.providerPricing?.[provider] ?? model.pricing;
}

export function createCatalog(options: CatalogOptions = {}): Catalog {
  const overrides = options.overrides === undefined ? [] : parseModelOverrides(options.overrides, "overrides");
  const models: readonly ModelEntry[] =
    overrides.length === 0 ? bundledCatalogData.models : applyOverrides(bundledCatalogData.models, overrides);
  const index = createModelIndex(models);
  // The catalog never changes after creation, so each model's alternatives are worked out once.
  const alternativesCache = new Map<string, Alternative[]>();

  return {
    find: (idOrAlias) => index.find(idOrAlias),
    all: () => models,
    search: (text) => searchModels(models, text),
    alternatives(idOrAlias, alternativesOptions) {
      const model = index.find(idOrAlias);
      if (model === undefined) return [];
      if (alternativesOptions !== undefined) return findAlternatives(model, models, alternativesOptions);
      let cached = alternativesCache.get(model.id);
      if (cached === undefined) {
        cached = findAlternatives(model, models);
        alternativesCache.set(model.id, cached);
      }
      return [...cached];
    },
    providerModelId(idOrAlias, provider) {
      const model = index.find(idOrAlias);
      return model === undefined ? undefined : resolveProviderModelId(model, provider);
    },
    providersOf(idOrAlias) {
      const model = index.find(idOrAlias);
      return model === undefined ? [] : listServingProviders(model);
    },
    costOf(idOrAlias, usage, provider) {
      const model = index.find(idOrAlias);
      if (model === undefined) return undefined;
      if (provider !== undefined && resolveProviderModelId(model, provider) === undefined) return undefined;
      const pricing = selectPricing(model, provider);
      return pricing === undefined ? undefined : computeCost(pricing, usage);
    },
    place(name) {
      const model = index.find(name);
      return model === undefined ? placeByPrefix(name) : listServingProviders(model);
    },
    sources: () => bundledCatalogData.providers,
  };
}

/** The bundled catalog without overrides, shared by callers that have no config. */
export const defaultCatalog: Catalog = createCatalog();
