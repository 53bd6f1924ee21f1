/**
 * @module
 * Health tracking: sliding-window error rates, latency and TTFT, cooldowns by failure
 * kind with half-open probes, optional active probes, pluggable circuit store.
 */
export { HealthTracker, type HealthTrackerOptions } from "./health-tracker.ts";
export { defaultProbeTimers, ProbeScheduler, type ProbeFunction, type ProbeRoundEntry, type ProbeSchedulerOptions, type ProbeTimers } from "./probe-scheduler.ts";
export {
  computeCooldownMs,
  createCooldownPolicy,
  defaultCooldownPolicy,
  type CooldownOverrides,
  type CooldownPolicy,
  type CooldownRule,
} from "./cooldown-policy.ts";
export type { CircuitRecord } from "./circuit.ts";
export type { HealthStore } from "./store.ts";
export { MemoryHealthStore } from "./stores/memory.ts";
export { anonymousKeyId } from "./scope-key.ts";
export type * from "./types.ts";
