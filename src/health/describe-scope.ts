/**
 * @module
 * One scope's management view, from its live stats and its circuit.
 */
import { isProbeOut, readCircuitPhase, type CircuitRecord } from "./circuit.ts";
import type { ScopeStats } from "./scope-stats.ts";
import type { HealthState, ScopeHealth, ScopeRef } from "./types.ts";

export function readScopeState(circuit: CircuitRecord | undefined, now: number): HealthState {
  const phase = readCircuitPhase(circuit, now);
  if (phase === "closed") return "healthy";
  if (phase === "half-open") return "half-open";
  return circuit?.disabled === true ? "disabled" : "cooling";
}

export interface DescribeScopeInput {
  scope: ScopeRef;
  stats: ScopeStats | undefined;
  circuit: CircuitRecord | undefined;
  now: number;
}

export function describeScope({ scope, stats, circuit, now }: DescribeScopeInput): ScopeHealth {
  const counts = stats?.window.counts(now) ?? { successes: 0, failures: 0, neutral: 0 };
  const noTiming = { ewmaMs: undefined, p50Ms: undefined, p95Ms: undefined };
  return {
    level: scope.level,
    provider: scope.provider,
    model: scope.model,
    keyId: scope.keyId,
    state: readScopeState(circuit, now),
    errorRate: stats?.window.errorRate(now),
    requests: counts.successes + counts.failures + counts.neutral,
    failures: counts.failures,
    consecutiveFailures: stats?.consecutiveFailures ?? 0,
    inFlight: stats?.inFlight ?? 0,
    cooldown:
      circuit === undefined
        ? undefined
        : {
            remainingMs: Math.max(0, circuit.openUntil - now),
            until: circuit.openUntil,
            reason: circuit.reason,
            probeInFlight: isProbeOut(circuit, now),
          },
    recentErrors: stats ? [...stats.recentErrors] : [],
    latency: stats?.latency(now) ?? noTiming,
    ttft: stats?.ttft(now) ?? noTiming,
    lastSuccessAt: stats?.lastSuccessAt,
    lastFailureAt: stats?.lastFailureAt,
    lastProbe: stats?.lastProbe,
  };
}
