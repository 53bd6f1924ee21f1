import { sortByKey, type Strategy } from "./strategy.ts";

/** Lowest observed p50 first; routes never measured keep their place after measured ones. */
export const latencyStrategy: Strategy = {
  name: "latency",
  order: (candidates, context) => sortByKey(candidates, (candidate) => context.signals.latencyP50(candidate.provider.id, candidate.model)),
};
