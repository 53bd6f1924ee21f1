/**
 * @module
 * Cost of one call in USD from canonical usage. `inputTokens` already contains the cache read and
 * cache write tokens (see core Usage), so those are taken out of the plain-input count and billed
 * at their own rates. Unknown usage gives undefined, never 0: a missing figure must not look free.
 */
import type { Usage } from "../core/types/response.ts";
import type { Pricing, Rates } from "./model-types.ts";

const perMillion = 1_000_000;

/** The rate card for a prompt of this size: the highest tier whose threshold it exceeds. */
export function selectRates(pricing: Pricing, inputTokens: number): Rates {
  let selected: Rates = pricing;
  let threshold = -1;
  for (const tier of pricing.tiers ?? []) {
    if (inputTokens > tier.aboveInputTokens && tier.aboveInputTokens > threshold) {
      selected = tier;
      threshold = tier.aboveInputTokens;
    }
  }
  return selected;
}

export function computeCost(pricing: Pricing, usage: Usage): number | undefined {
  const { inputTokens, outputTokens } = usage;
  if (inputTokens === undefined || outputTokens === undefined) return undefined;
  const rates = selectRates(pricing, inputTokens);
  const cacheRead = usage.cacheReadTokens ?? 0;
  const cacheWrite = usage.cacheWriteTokens ?? 0;
  // Some vendors report cache counts that do not add up; never bill negative plain input.
  const plainInput = Math.max(0, inputTokens - cacheRead - cacheWrite);
  const total =
    plainInput * rates.input +
    cacheRead * (rates.cacheRead ?? rates.input) +
    cacheWrite * (rates.cacheWrite ?? rates.input) +
    outputTokens * rates.output;
  return total / perMillion;
}
