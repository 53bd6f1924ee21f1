/**
 * @module
 * User overrides from config, merged field by field over the bundled entries. An override finds
 * its model by any name the catalog resolves (id, alias, provider id); one that finds nothing
 * adds a model. Overrides apply in order, so a later one can refine a model an earlier one added.
 */
import { ConfigError } from "../core/errors.ts";
import { createModelIndex } from "./create-model-index.ts";
import { findModelProblems } from "./find-model-problems.ts";
import type { ModelEntry, ModelOverride, Pricing, ProviderId } from "./model-types.ts";
import { placeByPrefix } from "./place-by-prefix.ts";

const noCapabilities = { vision: false, tools: false, jsonSchema: false, reasoning: false, streaming: true };

function mergePricing(base: Pricing | undefined, patch: Partial<Pricing>, field: string): Pricing {
  const input = patch.input ?? base?.input;
  const output = patch.output ?? base?.output;
  if (input === undefined || output === undefined) {
    throw new ConfigError(`A price for a model without one needs both input and output (${field}).`, { field });
  }
  return { ...base, ...patch, input, output };
}

function mergeProviderPricing(
  base: ModelEntry["providerPricing"],
  patch: ModelOverride["providerPricing"],
  field: string,
): ModelEntry["providerPricing"] {
  if (patch === undefined) return base;
  const merged: Partial<Record<ProviderId, Pricing>> = { ...base };
  for (const [provider, pricing] of Object.entries(patch) as Array<[ProviderId, Partial<Pricing> | undefined]>) {
    if (pricing !== undefined) merged[provider] = mergePricing(base?.[provider], pricing, `${field}.${provider}`);
  }
  return merged;
}

function mergeEntry(target: ModelEntry, override: ModelOverride, field: string): ModelEntry {
  const merged: ModelEntry = {
    ...target,
    provider: override.provider ?? target.provider,
    vendor: override.vendor ?? target.vendor,
    family: override.family ?? target.family,
    tier: override.tier ?? target.tier,
    aliases: [...new Set([...target.aliases, ...(override.aliases ?? [])])],
    providerIds: { ...target.providerIds, ...override.providerIds },
    capabilities: { ...target.capabilities, ...override.capabilities },
    contextWindow: override.contextWindow ?? target.contextWindow,
    maxOutputTokens: override.maxOutputTokens ?? target.maxOutputTokens,
    pricing: override.pricing === undefined ? target.pricing : mergePricing(target.pricing, override.pricing, `${field}.pricing`),
    providerPricing: mergeProviderPricing(target.providerPricing, override.providerPricing, `${field}.providerPricing`),
  };
  if (override.deprecated !== undefined) merged.deprecated = override.deprecated;
  return merged;
}

function createEntry(override: ModelOverride, field: string): ModelEntry {
  const provider = override.provider ?? placeByPrefix(override.id)[0];
  if (provider === undefined) {
    throw new ConfigError(`New model ${override.id} needs a provider: its name does not say which.`, { field: `${field}.provider` });
  }
  if (override.contextWindow === undefined || override.maxOutputTokens === undefined) {
    const missing = override.contextWindow === undefined ? "contextWindow" : "maxOutputTokens";
    throw new ConfigError(`New model ${override.id} needs ${missing}.`, { field: `${field}.${missing}` });
  }
  const entry: ModelEntry = {
    id: override.id,
    provider,
    vendor: override.vendor ?? provider,
    family: override.family ?? override.id,
    tier: override.tier ?? "balanced",
    aliases: [...new Set(override.aliases ?? [])],
    providerIds: { ...override.providerIds },
    capabilities: { ...noCapabilities, ...override.capabilities },
    contextWindow: override.contextWindow,
    maxOutputTokens: override.maxOutputTokens,
    pricing: override.pricing === undefined ? undefined : mergePricing(undefined, override.pricing, `${field}.pricing`),
    providerPricing: mergeProviderPricing(undefined, override.providerPricing, `${field}.providerPricing`),
  };
  if (override.deprecated !== undefined) entry.deprecated = override.deprecated;
  return entry;
}

/** Bundled models with the overrides applied. Throws ConfigError when the result is inconsistent. */
export function applyOverrides(models: readonly ModelEntry[], overrides: readonly ModelOverride[]): ModelEntry[] {
  const result = [...models];
  overrides.forEach((override, position) => {
    const field = `overrides[${position}]`;
    const target = createModelIndex(result).find(override.id);
    if (target === undefined) {
      result.push(createEntry(override, field));
    } else {
      result[result.indexOf(target)] = mergeEntry(target, override, field);
    }
  });
  const problems = findModelProblems(result);
  if (problems.length > 0) throw new ConfigError(`Model overrides make the catalog inconsistent: ${problems.join("; ")}`);
  return result;
}
