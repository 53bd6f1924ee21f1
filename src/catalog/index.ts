/**
 * @module
 * The catalog's public surface: what routing, usage, gateway and CLI import.
 */
export { createCatalog, defaultCatalog, type Catalog, type CatalogOptions } from "./create-catalog.ts";
export { computeCost, selectRates } from "./compute-cost.ts";
export type { AlternativesOptions } from "./find-alternatives.ts";
export { parseModelOverrides } from "./model-schema.ts";
export { placeByPrefix } from "./place-by-prefix.ts";
export {
  isProviderId,
  providerIds,
  tiers,
  type Alternative,
  type Capabilities,
  type ModelEntry,
  type ModelOverride,
  type Pricing,
  type PriceTier,
  type ProviderId,
  type Rates,
  type SourceNote,
  type Tier,
} from "./model-types.ts";
