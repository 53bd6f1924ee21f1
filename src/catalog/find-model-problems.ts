/**
 * @module
 * Sanity rules the schema cannot express: limits that contradict each other, cache prices that
 * are not discounts, names claimed by two models. Run on the bundled data at load and on every
 * model an override touches.
 */
import type { ModelEntry, Rates } from "./model-types.ts";

function findRateProblems(rates: Rates, where: string): string[] {
  const problems: string[] = [];
  if (rates.cacheRead !== undefined && rates.input > 0 && rates.cacheRead >= rates.input) {
    problems.push(`${where}: cacheRead (${rates.cacheRead}) is not below input (${rates.input})`);
  }
  return problems;
}

/** Problems of one model on its own. */
export function findEntryProblems(model: ModelEntry): string[] {
  const problems: string[] = [];
  if (model.maxOutputTokens > model.contextWindow) {
    problems.push(`${model.id}: maxOutputTokens (${model.maxOutputTokens}) exceeds contextWindow (${model.contextWindow})`);
  }
  if (model.pricing !== undefined) {
    problems.push(...findRateProblems(model.pricing, `${model.id} pricing`));
    for (const tier of model.pricing.tiers ?? []) {
      problems.push(...findRateProblems(tier, `${model.id} pricing tier above ${tier.aboveInputTokens}`));
    }
  }
  for (const [provider, pricing] of Object.entries(model.providerPricing ?? {})) {
    if (pricing !== undefined) problems.push(...findRateProblems(pricing, `${model.id} ${provider} pricing`));
  }
  return problems;
}

/** Problems of a whole list: each model's own, plus ids used twice and aliases that shadow an id. */
export function findModelProblems(models: readonly ModelEntry[]): string[] {
  const problems: string[] = [];
  const ids = new Map<string, string>();
  for (const model of models) {
    const key = model.id.toLowerCase();
    const previous = ids.get(key);
    if (previous !== undefined) problems.push(`${model.id}: id also used by ${previous}`);
    else ids.set(key, model.id);
    problems.push(...findEntryProblems(model));
  }
  for (const model of models) {
    for (const alias of model.aliases) {
      const owner = ids.get(alias.toLowerCase());
      if (owner !== undefined && owner !== model.id) problems.push(`${model.id}: alias ${alias} is the id of ${owner}`);
    }
  }
  return problems;
}
