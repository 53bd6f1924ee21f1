/**
 * @module
 * Health of providers, keys and (provider, model) routes, shared by the router's executor
 * and the gateway. Synchronous on the hot path: every call is a few Map lookups.
 *
 * How the executor uses it, per candidate:
 *
 * ```ts
 * const admission = health.acquire(target);          // "allow" | "probe" | "deny"
 * if (admission === "deny") {
 *   const { remainingMs, reason } = health.availability(target);
 *   // Last candidate and remainingMs fits the deadline? wait, then acquire again.
 *   // Otherwise skip it, naming `reason` in the attempt list.
 * }
 * health.begin(target);                              // in-flight count (least-in-flight)
 * try {
 *   // ... call upstream ...
 *   health.recordSuccess(target, { latencyMs, ttftMs });
 * } catch (error) {
 *   if (error is an UpstreamError) health.recordFailure(target, error);
 *   else health.release(target);                      // aborted: no outcome, free the probe
 * } finally {
 *   health.end(target);
 * }
 * ```
 *
 * Scopes: a target touches its provider, its key and its route; the cooldown table is in
 * cooldown-policy.ts. A target is admitted only when none of the three is cooling and no
 * other caller holds the probe of a half-open one. Only live traffic feeds the windows
 * and latency figures; active probes (probe-scheduler.ts) feed circuits and `lastProbe`.
 */
import { isProbeOut, openCircuit, readCircuitPhase, type CircuitRecord } from "./circuit.ts";
import { createCooldownPolicy, type CooldownOverrides, type CooldownPolicy } from "./cooldown-policy.ts";
import { describeScope } from "./describe-scope.ts";
import { describeFailure, ScopeStats, type ScopeStatsOptions } from "./scope-stats.ts";
import { keyScopeOf, listScopes, providerScopeOf, routeScopeOf, ScopeCache, toScopeKey } from "./scope-key.ts";
import type { HealthStore } from "./store.ts";
import { MemoryHealthStore } from "./stores/memory.ts";
import type {
  Admission,
  Availability,
  FailureReport,
  HealthSnapshot,
  HealthState,
  HealthTarget,
  ProbeTarget,
  ScopeHealth,
  ScopeLevel,
  ScopeRef,
  SuccessTiming,
  TimingSummary,
} from "./types.ts";

export interface HealthTrackerOptions {
  /** Clock (epoch ms). @default Date.now */
  now?: () => number;
  /** @default a new MemoryHealthStore */
  store?: HealthStore;
  /** Sliding window for error rates and percentiles. @default 60_000 */
  windowMs?: number;
  /** Per-scope sample bound within the window. @default 2048 */
  maxSamples?: number;
  /** Weight of the newest sample in the EWMA figures. @default 0.3 */
  ewmaAlpha?: number;
  /** Recent errors kept per scope. @default 5 */
  recentErrorLimit?: number;
  /** Per-kind overrides of the cooldown table. */
  cooldowns?: CooldownOverrides;
  /** Upper bound on an upstream Retry-After hint. @default 3_600_000 */
  retryAfterCapMs?: number;
  /** A failed half-open probe re-opens for at least this times the previous cooldown. @default 2 */
  probeFailureFactor?: number;
  /** A probe that never reports frees its slot after this long. @default 60_000 */
  probeLeaseMs?: number;
}

const stateRank: Record<HealthState, number> = { healthy: 0, "half-open": 1, cooling: 2, disabled: 3 };

export class HealthTracker {
  readonly now: () => number;
  readonly windowMs: number;
  readonly policy: CooldownPolicy;
  readonly #store: HealthStore;
  readonly #statsOptions: ScopeStatsOptions;
  readonly #retryAfterCapMs: number;
  readonly #probeFailureFactor: number;
  readonly #probeLeaseMs: number;
  readonly #stats = new Map<string, ScopeStats>();
  readonly #scopes = new ScopeCache();

  constructor(options: HealthTrackerOptions = {}) {
    this.now = options.now ?? Date.now;
    this.windowMs = options.windowMs ?? 60_000;
    this.policy = createCooldownPolicy(options.cooldowns);
    this.#store = options.store ?? new MemoryHealthStore();
    this.#statsOptions = {
      windowMs: this.windowMs,
      maxSamples: options.maxSamples ?? 2048,
      ewmaAlpha: options.ewmaAlpha ?? 0.3,
      recentErrorLimit: options.recentErrorLimit ?? 5,
    };
    this.#retryAfterCapMs = options.retryAfterCapMs ?? 3_600_000;
    this.#probeFailureFactor = options.probeFailureFactor ?? 2;
    this.#probeLeaseMs = options.probeLeaseMs ?? 60_000;
  }

  /**
   * Admission before a call. `probe` goes to exactly one caller of a half-open target
   * (until it reports an outcome, calls `release`, or its lease lapses); everyone else
   * sees `deny` meanwhile.
   */
  acquire(target: HealthTarget): Admission {
    const now = this.now();
    let halfOpen: [string, CircuitRecord][] | undefined;
    for (const { key } of this.#scopes.of(target)) {
      const record = this.#store.getCircuit(key);
      if (record === undefined) continue;
      if (now < record.openUntil || record.probeUntil > now) return "deny";
      (halfOpen ??= []).push([key, record]);
    }
    if (halfOpen === undefined) return "allow";
    for (const [key, record] of halfOpen) this.#store.setCircuit(key, { ...record, probeUntil: now + this.#probeLeaseMs });
    return "probe";
  }

  /** Gives back a probe slot when the call ended without an outcome (e.g. aborted by its caller). */
  release(target: HealthTarget): void {
    this.#releaseProbes(listScopes(target), this.now());
  }

  begin(target: HealthTarget): void {
    for (const { scope, key } of this.#scopes.of(target)) this.#statsOf(scope, key).inFlight += 1;
  }

  end(target: HealthTarget): void {
    for (const { scope, key } of this.#scopes.of(target)) {
      const stats = this.#statsOf(scope, key);
      stats.inFlight = Math.max(0, stats.inFlight - 1);
    }
  }

  /** Calls in flight on the target's (provider, model) route, over all keys. */
  inFlight(target: HealthTarget): number {
    return this.#stats.get(toScopeKey(routeScopeOf(target)))?.inFlight ?? 0;
  }

  /** Timing of the target's (provider, model) route over the window: latency and time to first token. */
  routeTiming(target: HealthTarget): { latency: TimingSummary; ttft: TimingSummary } | undefined {
    const stats = this.#stats.get(toScopeKey(routeScopeOf(target)));
    if (stats === undefined) return undefined;
    const now = this.now();
    return { latency: stats.latency(now), ttft: stats.ttft(now) };
  }

  /** A completed call. Closes half-open circuits; never cuts a running cooldown short. */
  recordSuccess(target: HealthTarget, timing: SuccessTiming = {}): void {
    const now = this.now();
    for (const { scope, key } of this.#scopes.of(target)) {
      this.#statsOf(scope, key).recordSuccess(now, timing);
      if (readCircuitPhase(this.#store.getCircuit(key), now) === "half-open") this.#store.deleteCircuit(key);
    }
  }

  /**
   * A failed call. Every kind is counted and listed; the cooldown table decides what
   * cools. Caller errors (context-window, invalid-request, ...) are neutral: they do not
   * count as failures, reset nothing and cool nothing.
   */
  recordFailure(target: HealthTarget, failure: FailureReport): void {
    const now = this.now();
    const rule = this.policy[failure.kind];
    const scopes = listScopes(target);
    const outcome = rule.scopes.length === 0 ? "neutral" : "failure";
    for (const scope of scopes) this.#statsOf(scope).recordError(now, failure, outcome);
    const cooled = scopes.filter((scope) => rule.scopes.includes(scope.level));
    this.#openScopes(cooled, failure, now);
    // The call tested nothing about the other scopes: free any probe it held there.
    this.#releaseProbes(scopes.filter((scope) => !cooled.includes(scope)), now);
  }

  /** An active probe (e.g. GET models) answered: closes a half-open provider circuit. */
  recordProbeSuccess(target: ProbeTarget, latencyMs?: number): void {
    const now = this.now();
    const result = { at: now, ok: true, latencyMs, error: undefined };
    for (const scope of this.#probeScopes(target)) this.#statsOf(scope).lastProbe = result;
    const key = toScopeKey(providerScopeOf(target));
    if (readCircuitPhase(this.#store.getCircuit(key), now) === "half-open") this.#store.deleteCircuit(key);
  }

  /** An active probe failed. Route-level kinds cool the provider (a probe names no model). */
  recordProbeFailure(target: ProbeTarget, failure: FailureReport, latencyMs?: number): void {
    const now = this.now();
    const result = { at: now, ok: false, latencyMs, error: describeFailure(failure, now) };
    for (const scope of this.#probeScopes(target)) this.#statsOf(scope).lastProbe = result;
    const levels = this.policy[failure.kind].scopes;
    const scopes: ScopeRef[] = [];
    if (levels.includes("provider") || levels.includes("route")) scopes.push(providerScopeOf(target));
    if (levels.includes("key")) scopes.push(keyScopeOf(target));
    this.#openScopes(scopes, failure, now);
  }

  /**
   * Whether an active probe of `target` is worth sending: not when live traffic succeeded
   * within `freshnessMs` and nothing there is cooling, nor when the key is disabled
   * (a disabled key waits for `resetKey` or its long cooldown).
   */
  needsProbe(target: ProbeTarget, freshnessMs: number): boolean {
    const now = this.now();
    const keyCircuit = target.keyId === undefined ? undefined : this.#store.getCircuit(toScopeKey(keyScopeOf(target)));
    if (keyCircuit?.disabled === true && readCircuitPhase(keyCircuit, now) === "open") return false;
    const providerCircuit = this.#store.getCircuit(toScopeKey(providerScopeOf(target)));
    const liveScope = target.keyId === undefined ? providerScopeOf(target) : keyScopeOf(target);
    const lastSuccessAt = this.#stats.get(toScopeKey(liveScope))?.lastSuccessAt;
    const fresh = lastSuccessAt !== undefined && lastSuccessAt >= now - freshnessMs;
    return !(fresh && providerCircuit === undefined && keyCircuit === undefined);
  }

  /** When the target can next be tried, and why not now. Reads only; claims nothing. */
  availability(target: HealthTarget): Availability {
    const now = this.now();
    const result: Availability = {
      state: "healthy",
      admit: true,
      remainingMs: 0,
      availableAt: now,
      scope: undefined,
      reason: undefined,
      probeInFlight: false,
    };
    for (const { scope, key } of this.#scopes.of(target)) {
      const record = this.#store.getCircuit(key);
      if (record === undefined) continue;
      const open = now < record.openUntil;
      const probeOut = isProbeOut(record, now);
      const state: HealthState = open ? (record.disabled ? "disabled" : "cooling") : "half-open";
      if (stateRank[state] > stateRank[result.state]) result.state = state;
      if (!open && !probeOut) continue;
      const until = open ? record.openUntil : record.probeUntil;
      result.admit = false;
      result.probeInFlight ||= probeOut;
      if (result.scope === undefined || until > result.availableAt) {
        result.availableAt = until;
        result.remainingMs = until - now;
        result.scope = scope.level;
        result.reason = record.reason;
      }
    }
    return result;
  }

  /** Milliseconds until the target can next be tried (0 when it can be now). */
  cooldownRemaining(target: HealthTarget): number {
    return this.availability(target).remainingMs;
  }

  /** Epoch ms when the target can next be tried. */
  availableAt(target: HealthTarget): number {
    return this.availability(target).availableAt;
  }

  /** Re-enables a key (after a config change): drops its cooldown and its history. */
  resetKey(provider: string, keyId: string): void {
    this.#resetScope({ level: "key", provider, keyId });
  }

  resetRoute(provider: string, model: string): void {
    this.#resetScope({ level: "route", provider, model });
  }

  resetProvider(provider: string): void {
    this.#resetScope({ level: "provider", provider });
  }

  /** Forgets everything: cooldowns, disabled keys and measurements. */
  clear(): void {
    this.#store.clear();
    this.#stats.clear();
  }

  snapshot(): HealthSnapshot {
    const now = this.now();
    const scopes = new Map<string, ScopeRef>();
    for (const [key, stats] of this.#stats) scopes.set(key, stats.scope);
    for (const [key, record] of this.#store.listCircuits()) scopes.set(key, record.scope);
    const byLevel: Record<ScopeLevel, ScopeHealth[]> = { provider: [], key: [], route: [] };
    for (const key of [...scopes.keys()].sort()) {
      const scope = scopes.get(key);
      if (scope === undefined) continue;
      const view = describeScope({ scope, stats: this.#stats.get(key), circuit: this.#store.getCircuit(key), now });
      byLevel[scope.level].push(view);
    }
    return { at: now, windowMs: this.windowMs, providers: byLevel.provider, keys: byLevel.key, routes: byLevel.route };
  }

  #openScopes(scopes: readonly ScopeRef[], failure: FailureReport, now: number): void {
    const rule = this.policy[failure.kind];
    const reason = describeFailure(failure, now);
    for (const scope of scopes) {
      const key = toScopeKey(scope);
      const existing = this.#store.getCircuit(key);
      const next = openCircuit(existing, {
        scope,
        now,
        rule,
        retryAfterMs: failure.retryAfterMs,
        retryAfterCapMs: this.#retryAfterCapMs,
        probeFailureFactor: this.#probeFailureFactor,
        reason,
      });
      if (next !== existing) this.#store.setCircuit(key, next);
    }
  }

  #releaseProbes(scopes: readonly ScopeRef[], now: number): void {
    for (const scope of scopes) {
      const key = toScopeKey(scope);
      const record = this.#store.getCircuit(key);
      if (record !== undefined && isProbeOut(record, now)) this.#store.setCircuit(key, { ...record, probeUntil: 0 });
    }
  }

  #probeScopes(target: ProbeTarget): ScopeRef[] {
    return target.keyId === undefined ? [providerScopeOf(target)] : [providerScopeOf(target), keyScopeOf(target)];
  }

  #resetScope(scope: ScopeRef): void {
    const key = toScopeKey(scope);
    this.#store.deleteCircuit(key);
    this.#stats.delete(key);
  }

  #statsOf(scope: ScopeRef, key: string = toScopeKey(scope)): ScopeStats {
    let stats = this.#stats.get(key);
    if (stats === undefined) {
      stats = new ScopeStats(scope, this.#statsOptions);
      this.#stats.set(key, stats);
    }
    return stats;
  }
}
