import { sortByKey, type Strategy } from "./strategy.ts";

/** Fewest requests in flight first; ties keep the given order. */
export const leastInFlightStrategy: Strategy = {
  name: "least-in-flight",
  order: (candidates, context) => sortByKey(candidates, (candidate) => context.signals.inFlight(candidate.provider.id, candidate.model)),
};
