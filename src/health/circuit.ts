/**
 * @module
 * The circuit of one scope, as plain data so a store can hold (and share) it.
 * No record means closed. With a record: open (cooling) until `openUntil`, then
 * half-open, where exactly one probe at a time is let through; a probe success deletes
 * the record (closed), a probe failure re-opens it for longer.
 */
import { computeCooldownMs, type CooldownRule } from "./cooldown-policy.ts";
import type { CooldownReason, ScopeRef } from "./types.ts";

export interface CircuitRecord {
  scope: ScopeRef;
  /** End of the current cooldown (epoch ms). */
  openUntil: number;
  /** Length of the latest opening, so a failed probe can re-open for longer. */
  lastCooldownMs: number;
  /** Openings since the circuit was last closed; drives growth. */
  strikes: number;
  /** Auth or quota: shown as disabled, lifted by an explicit reset or the long cooldown. */
  disabled: boolean;
  reason: CooldownReason;
  /** While a half-open probe is out: when its lease lapses (a lost probe must not wedge the circuit). 0 when none. */
  probeUntil: number;
}

export type CircuitPhase = "closed" | "open" | "half-open";

export function readCircuitPhase(record: CircuitRecord | undefined, now: number): CircuitPhase {
  if (record === undefined) return "closed";
  return now < record.openUntil ? "open" : "half-open";
}

export function isProbeOut(record: CircuitRecord | undefined, now: number): boolean {
  return record !== undefined && now >= record.openUntil && record.probeUntil > now;
}

export interface OpenCircuitInput {
  scope: ScopeRef;
  now: number;
  rule: CooldownRule;
  retryAfterMs: number | undefined;
  retryAfterCapMs: number;
  /** Multiplier on the previous cooldown when a half-open probe fails. */
  probeFailureFactor: number;
  reason: CooldownReason;
}

/**
 * Applies one failure to a circuit and returns the new record (the same object when
 * nothing changes). A running cooldown is only ever extended, never shortened, and adds
 * no strike. Otherwise the failure is a new strike; a failed half-open probe re-opens for
 * at least `probeFailureFactor` times the previous cooldown (up to the rule's cap, or the
 * Retry-After hint when that is longer).
 */
export function openCircuit(existing: CircuitRecord | undefined, input: OpenCircuitInput): CircuitRecord {
  const { rule, now } = input;
  const hint = { retryAfterMs: input.retryAfterMs, retryAfterCapMs: input.retryAfterCapMs };
  if (existing !== undefined && readCircuitPhase(existing, now) === "open") {
    const cooldownMs = computeCooldownMs(rule, { strikes: existing.strikes, ...hint });
    if (now + cooldownMs <= existing.openUntil) return existing;
    return {
      ...existing,
      openUntil: now + cooldownMs,
      lastCooldownMs: cooldownMs,
      disabled: existing.disabled || rule.disables,
      reason: input.reason,
    };
  }
  const strikes = (existing?.strikes ?? 0) + 1;
  let cooldownMs = computeCooldownMs(rule, { strikes, ...hint });
  if (existing !== undefined) {
    const capMs = Math.max(rule.maxMs, cooldownMs);
    cooldownMs = Math.max(cooldownMs, Math.min(existing.lastCooldownMs * input.probeFailureFactor, capMs));
  }
  return {
    scope: input.scope,
    openUntil: now + cooldownMs,
    lastCooldownMs: cooldownMs,
    strikes,
    disabled: rule.disables,
    reason: input.reason,
    probeUntil: 0,
  };
}
