/**
 * @module
 * What the caller asked for, as a selection to expand: an explicit model list, a tier (with
 * `auto` choosing between two tiers by the request's complexity), or one model.
 */
import { InvalidRequestError } from "../core/errors.ts";
import type { CanonicalRequest } from "../core/types/request.ts";
import { judgeComplexity } from "./complexity.ts";
import type { Selection } from "./expand-candidates.ts";
import type { Plan } from "./plan.ts";
import type { RouteOptions } from "./router-options.ts";

export interface SelectionContext {
  tiers: ReadonlyMap<string, readonly string[]>;
  autoTier: { simple: string; complex: string; threshold?: number };
}

export function selectModels(request: CanonicalRequest, options: RouteOptions, context: SelectionContext): { selection: Selection; complexity?: Plan["complexity"] } {
  const allowFallback = options.allowFallback ?? true;
  if (options.models && options.models.length > 0) return { selection: { kind: "models", models: options.models, allowFallback } };
  if (options.tier !== undefined) {
    let tier = options.tier;
    let complexity: Plan["complexity"];
    if (tier === "auto") {
      const auto = context.autoTier;
      const verdict = judgeComplexity(request, auto.threshold === undefined ? {} : { threshold: auto.threshold });
      tier = verdict.level === "complex" ? auto.complex : auto.simple;
      complexity = { ...verdict, tier };
    }
    const models = context.tiers.get(tier);
    if (!models) {
      const known = [...context.tiers.keys()];
      throw new InvalidRequestError(`Unknown tier "${tier}" (known: ${known.length > 0 ? known.join(", ") : "none; add one with router.addTier()"}).`, { param: "tier" });
    }
    return { selection: { kind: "tier", tier, models, allowFallback }, ...(complexity ? { complexity } : {}) };
  }
  if (options.model !== undefined && options.model !== "") return { selection: { kind: "model", model: options.model, allowFallback } };
  throw new InvalidRequestError("Say which model to use: `model`, `tier` or `models`.", { param: "model" });
}
