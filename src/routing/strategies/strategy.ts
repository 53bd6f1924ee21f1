/**
 * @module
 * A strategy orders the candidates that survived planning. It never drops one: dropping is
 * planning's job (capabilities, health, status), ordering is the strategy's.
 */

/** What a strategy may know about a candidate. */
export interface RankedCandidate {
  provider: { readonly id: string };
  model: string;
  /** Estimated USD cost of this request on this candidate; undefined when the price is unknown. */
  estimatedCostUsd: number | undefined;
}

/** Live figures from health tracking. */
export interface RoutingSignals {
  /** Observed p50 time to first token (streams) or latency, in ms; undefined when never seen. */
  latencyP50(provider: string, model: string): number | undefined;
  /** Requests in flight on this route right now. */
  inFlight(provider: string, model: string): number;
}

export type StrategyName = "priority" | "cost" | "latency" | "weighted" | "least-in-flight";

export interface StrategyContext {
  signals: RoutingSignals;
  /** Relative weights by provider id (or `provider/model`) for the weighted strategy; default 1. */
  weights: Record<string, number>;
}

export interface Strategy {
  readonly name: StrategyName;
  order<T extends RankedCandidate>(candidates: readonly T[], context: StrategyContext): T[];
}

/** Stable sort by a numeric key; undefined keys keep their place after the known ones. */
export function sortByKey<T>(items: readonly T[], key: (item: T) => number | undefined): T[] {
  return items
    .map((item, position) => ({ item, position, value: key(item) }))
    .sort((left, right) => {
      if (left.value === undefined && right.value === undefined) return left.position - right.position;
      if (left.value === undefined) return 1;
      if (right.value === undefined) return -1;
      return left.value - right.value || left.position - right.position;
    })
    .map((entry) => entry.item);
}
