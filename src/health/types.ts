/**
 * @module
 * The vocabulary of health tracking: what is tracked (targets and scopes), what is
 * reported in (outcomes) and what the router and management views read back.
 * Keys are always named by key id, never by the secret itself.
 */
import type { FailureKind } from "../core/errors.ts";

/** One candidate as the executor sees it: a model on a provider, called with one key. */
export interface HealthTarget {
  provider: string;
  model: string;
  /**
   * Id of the key used. Leave it out for keyless providers; key-scoped penalties then land
   * on the provider's anonymous key. Passthrough callers should pass a stable fingerprint.
   */
  keyId?: string | undefined;
}

/** What an active probe checks: a provider, optionally with one key (no model). */
export interface ProbeTarget {
  provider: string;
  keyId?: string | undefined;
}

/**
 * The three things that can be cooled down: a whole provider (its host is unreachable),
 * one key of a provider (rate limit, auth, quota) and one (provider, model) route
 * (overloaded, server errors, timeouts).
 */
export type ScopeLevel = "provider" | "key" | "route";

export interface ScopeRef {
  level: ScopeLevel;
  provider: string;
  /** Set for `route` scopes. */
  model?: string | undefined;
  /** Set for `key` scopes. */
  keyId?: string | undefined;
}

/** A failed call, as health needs it. `UpstreamError` satisfies this shape. */
export interface FailureReport {
  kind: FailureKind;
  status?: number | undefined;
  message?: string | undefined;
  /** Back-off hint from the upstream (Retry-After, retry-after-ms, RetryInfo). */
  retryAfterMs?: number | undefined;
}

/** Timings of a successful call; TTFT is measured on the first content delta. */
export interface SuccessTiming {
  latencyMs?: number | undefined;
  ttftMs?: number | undefined;
}

/**
 * `allow`: go ahead. `probe`: go ahead, you are the one trial request of a half-open
 * circuit (report the outcome, or `release` if there is none). `deny`: cooling or
 * disabled, or another caller holds the probe; see `availability()` for how long.
 */
export type Admission = "allow" | "probe" | "deny";

export type HealthState = "healthy" | "cooling" | "disabled" | "half-open";

/** Why a cooldown is in force: the failure that set it. */
export interface CooldownReason {
  kind: FailureKind;
  status: number | undefined;
  message: string;
  /** When the failure was recorded (epoch ms). */
  at: number;
}

/** What the router needs to decide between skipping a candidate and waiting for it. */
export interface Availability {
  /** Worst state over the target's provider, key and route scopes. */
  state: HealthState;
  /** Whether `acquire` would currently let a caller through (as `allow` or `probe`). */
  admit: boolean;
  /** Milliseconds until the target can next be tried; 0 when `admit` is true. */
  remainingMs: number;
  /** Epoch ms when the target can next be tried (at least as a probe). */
  availableAt: number;
  /** The scope that blocks (the one that lifts last); undefined when nothing blocks. */
  scope: ScopeLevel | undefined;
  reason: CooldownReason | undefined;
  /**
   * Another caller holds the half-open probe. `availableAt` is then the end of its lease,
   * an upper bound: the probe usually reports sooner.
   */
  probeInFlight: boolean;
}

export interface RecentError {
  kind: FailureKind;
  status: number | undefined;
  message: string;
  at: number;
}

export interface TimingSummary {
  ewmaMs: number | undefined;
  p50Ms: number | undefined;
  p95Ms: number | undefined;
}

export interface ProbeResult {
  at: number;
  ok: boolean;
  latencyMs: number | undefined;
  error: RecentError | undefined;
}

/** Health of one provider, key or route, for management views. */
export interface ScopeHealth {
  level: ScopeLevel;
  provider: string;
  model: string | undefined;
  keyId: string | undefined;
  state: HealthState;
  /** failures / (successes + failures) over the window; undefined with no outcomes. */
  errorRate: number | undefined;
  /** Outcomes in the window, neutral ones (caller errors) included. */
  requests: number;
  failures: number;
  consecutiveFailures: number;
  inFlight: number;
  cooldown: { remainingMs: number; until: number; reason: CooldownReason; probeInFlight: boolean } | undefined;
  recentErrors: RecentError[];
  latency: TimingSummary;
  ttft: TimingSummary;
  lastSuccessAt: number | undefined;
  lastFailureAt: number | undefined;
  lastProbe: ProbeResult | undefined;
}

export interface HealthSnapshot {
  at: number;
  windowMs: number;
  providers: ScopeHealth[];
  keys: ScopeHealth[];
  routes: ScopeHealth[];
}
