/**
 * @module
 * Which failure cools down what, and for how long.
 *
 * Defaults (every field can be overridden per kind):
 *
 * | kind             | cools            | length                                               |
 * | ---------------- | ---------------- | ---------------------------------------------------- |
 * | rate-limit       | key              | Retry-After when given, else 10 s, ×2 per strike, ≤ 60 s |
 * | quota            | key, disabled    | 1 h, or until `resetKey` / `clear`                   |
 * | auth             | key, disabled    | 1 h, or until `resetKey` / `clear`                   |
 * | overloaded       | route            | Retry-After when given, else 5 s, ×2 per strike, ≤ 60 s |
 * | server           | route            | Retry-After when given, else 5 s, ×2 per strike, ≤ 60 s |
 * | timeout          | route            | 5 s, ×2 per strike, ≤ 30 s                           |
 * | connection       | provider         | 5 s, ×2 per strike, ≤ 30 s                           |
 * | context-window, invalid-request, content-policy, not-found | nothing | the caller's problem, not the upstream's |
 *
 * Why these targets: limits, credentials and credit belong to a key (another key of the
 * same provider may be fine); overload, 5xx and slowness belong to a model deployment
 * (other models of the provider usually answer); an unreachable host takes every model
 * and key of the provider with it. Rate limits are often per (key, model) upstream; the
 * key scope is the safe, coarser choice.
 *
 * A strike is one opening of a circuit since it was last closed: the first failure opens
 * it, each failed half-open probe adds one. Failures that arrive while a cooldown is
 * already running (a burst of parallel requests) do not add strikes; they can only
 * extend the cooldown, never shorten it.
 */
import type { FailureKind } from "../core/errors.ts";
import type { ScopeLevel } from "./types.ts";

export interface CooldownRule {
  /** The scopes this failure cools; empty for failures that are the caller's problem. */
  scopes: readonly ScopeLevel[];
  /** Cooldown after the first strike. */
  baseMs: number;
  /** Growth per further strike. */
  factor: number;
  /** Cap of the computed cooldown (a Retry-After hint may exceed it). */
  maxMs: number;
  /** Use the upstream's back-off hint, when present, instead of the computed length. */
  honourRetryAfter: boolean;
  /** Shows the scope as `disabled` (not merely cooling) while the cooldown runs. */
  disables: boolean;
}

export type CooldownPolicy = Readonly<Record<FailureKind, CooldownRule>>;

export type CooldownOverrides = Partial<Record<FailureKind, Partial<CooldownRule>>>;

const second = 1000;
const hour = 3_600_000;

const never: CooldownRule = { scopes: [], baseMs: 0, factor: 1, maxMs: 0, honourRetryAfter: false, disables: false };

export const defaultCooldownPolicy: CooldownPolicy = {
  "rate-limit": { scopes: ["key"], baseMs: 10 * second, factor: 2, maxMs: 60 * second, honourRetryAfter: true, disables: false },
  quota: { scopes: ["key"], baseMs: hour, factor: 1, maxMs: hour, honourRetryAfter: false, disables: true },
  auth: { scopes: ["key"], baseMs: hour, factor: 1, maxMs: hour, honourRetryAfter: false, disables: true },
  overloaded: { scopes: ["route"], baseMs: 5 * second, factor: 2, maxMs: 60 * second, honourRetryAfter: true, disables: false },
  server: { scopes: ["route"], baseMs: 5 * second, factor: 2, maxMs: 60 * second, honourRetryAfter: true, disables: false },
  timeout: { scopes: ["route"], baseMs: 5 * second, factor: 2, maxMs: 30 * second, honourRetryAfter: false, disables: false },
  connection: { scopes: ["provider"], baseMs: 5 * second, factor: 2, maxMs: 30 * second, honourRetryAfter: false, disables: false },
  "context-window": never,
  "invalid-request": never,
  "content-policy": never,
  "not-found": never,
};

/** The default policy with per-kind overrides merged in. */
export function createCooldownPolicy(overrides: CooldownOverrides = {}): CooldownPolicy {
  const policy = { ...defaultCooldownPolicy };
  for (const [kind, override] of Object.entries(overrides) as [FailureKind, Partial<CooldownRule> | undefined][]) {
    if (override) policy[kind] = { ...policy[kind], ...override };
  }
  return policy;
}

export interface CooldownInput {
  /** Strikes including the one being applied (1 for the first opening). */
  strikes: number;
  retryAfterMs: number | undefined;
  /** Upper bound on a Retry-After hint, so a bogus header cannot park a key for days. */
  retryAfterCapMs: number;
}

/** Length of the cooldown a failure under `rule` earns. */
export function computeCooldownMs(rule: CooldownRule, input: CooldownInput): number {
  if (rule.honourRetryAfter && input.retryAfterMs !== undefined && Number.isFinite(input.retryAfterMs) && input.retryAfterMs >= 0) {
    return Math.min(input.retryAfterMs, input.retryAfterCapMs);
  }
  const grown = rule.baseMs * rule.factor ** Math.max(0, input.strikes - 1);
  return Math.min(grown, rule.maxMs);
}
