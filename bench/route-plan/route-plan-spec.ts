/**
 * @module
 * The library's routing-decision benchmark: `router.plan()` timed call by call.
 */

export interface RoutePlanSpec {
  /** Configured candidates for the planned model. */
  candidates: number;
  warmupMs: number;
  durationMs: number;
}

export interface RoutePlanResult {
  candidates: number;
  /** Candidates in the plan (checked to equal `candidates`). */
  planned: number;
  plans: number;
  plansPerSecond: number;
  p50Us: number;
  p99Us: number;
}
