import { sortByKey, type Strategy } from "./strategy.ts";

/** Cheapest estimated cost first (catalog prices); unknown prices last, in given order. */
export const costStrategy: Strategy = {
  name: "cost",
  order: (candidates) => sortByKey(candidates, (candidate) => candidate.estimatedCostUsd),
};
