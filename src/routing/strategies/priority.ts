import type { Strategy } from "./strategy.ts";

/** The given order: home provider, same model elsewhere, alternatives, fallback chains. */
export const priorityStrategy: Strategy = {
  name: "priority",
  order: (candidates) => [...candidates],
};
