import { costStrategy } from "./cost.ts";
import { latencyStrategy } from "./latency.ts";
import { leastInFlightStrategy } from "./least-in-flight.ts";
import { priorityStrategy } from "./priority.ts";
import type { Strategy, StrategyName } from "./strategy.ts";
import { createWeightedStrategy } from "./weighted.ts";

export type { RankedCandidate, RoutingSignals, Strategy, StrategyContext, StrategyName } from "./strategy.ts";

/** One instance per router: the weighted strategy keeps rotation state. */
export function createStrategies(): Record<StrategyName, Strategy> {
  return {
    priority: priorityStrategy,
    cost: costStrategy,
    latency: latencyStrategy,
    weighted: createWeightedStrategy(),
    "least-in-flight": leastInFlightStrategy,
  };
}
