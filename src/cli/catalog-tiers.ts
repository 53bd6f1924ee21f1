/**
 * @module
 * Tiers for a CLI run without a config file: the catalog's own classes (fast, balanced,
 * strong, reasoning), limited to models a configured provider serves, newest first. So
 * `llmux chat --tier fast` works with nothing but an API key set.
 */
import type { Catalog } from "../catalog/index.ts";
import { tiers } from "../catalog/index.ts";

/** Up to `limit` current models per catalog tier that `isConfigured` providers serve. */
export function deriveCatalogTiers(catalog: Catalog, isConfigured: (provider: string) => boolean, limit = 3): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const tier of tiers) {
    const models = catalog
      .all()
      .filter((model) => model.tier === tier && model.deprecated === undefined && catalog.providersOf(model.id).some(isConfigured))
      .sort((left, right) => (right.released ?? "").localeCompare(left.released ?? ""))
      .slice(0, limit)
      .map((model) => model.id);
    if (models.length > 0) result[tier] = models;
  }
  return result;
}
