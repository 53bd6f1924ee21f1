/**
 * @module
 * The executor: tries the planned candidates in order, picks keys, retries transient
 * failures on the same candidate, moves on for the rest (retry-policy.ts has the table),
 * feeds health tracking, and as a last resort waits for a short cooldown rather than fail.
 * It is generic over what a try produces, so the router (whole responses, primed streams)
 * and the gateway (forwarded bytes) share it.
 */
import { AbortedError, UpstreamError } from "../core/errors.ts";
import type { CanonicalRequest } from "../core/types/request.ts";
import type { HealthTracker } from "../health/index.ts";
import type { ProviderKey } from "../providers/provider-key.ts";
import type { Candidate } from "./candidate.ts";
import { AllProvidersDown, ProviderCallFailed, type Attempt, type SkippedCandidate } from "./errors.ts";
import type { RouterMiddleware } from "./middleware.ts";
import type { DeferredCandidate, Plan } from "./plan.ts";
import { decideAfterFailure, type RetryPolicy } from "./retry-policy.ts";

export interface AttemptContext {
  candidate: Candidate;
  key: ProviderKey | undefined;
  request: CanonicalRequest;
  /** 0 for the first try of this candidate. */
  retry: number;
  signal: AbortSignal;
}

export interface Settlement {
  ok: boolean;
  error?: UpstreamError;
  latencyMs?: number;
  ttftMs?: number;
}

export interface Execution<T> {
  value: T;
  candidate: Candidate;
  key: ProviderKey | undefined;
  attempts: Attempt[];
  skipped: SkippedCandidate[];
  /** Index of the served candidate in the plan (0 = the first choice). */
  position: number;
  startedAt: number;
  /** Reports how the served call ended (streams end later than `execute` returns). Idempotent. */
  settle(settlement: Settlement): void;
}

export interface ExecuteOptions<T> {
  plan: Plan;
  request: CanonicalRequest;
  attempt: (context: AttemptContext) => Promise<T>;
  health: HealthTracker;
  policy: RetryPolicy;
  middleware: readonly RouterMiddleware[];
  allowFallback: boolean;
  signal: AbortSignal;
  /** Epoch ms by which the request must be answered. */
  deadline: number;
  /**
   * Whether the request's own deadline has passed (`signal` fires then too). Telling it apart
   * from the caller's abort turns it into a timeout failure naming the attempts, not an abort.
   */
  deadlinePassed?: () => boolean;
  /** Round-robin position per provider, shared across requests. */
  keyCursor: Map<string, number>;
  /** The caller's metadata, handed to middleware. */
  metadata?: Record<string, unknown>;
  now?: () => number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new AbortedError());
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new AbortedError());
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

interface KeyChoice {
  key: ProviderKey | undefined;
}

/** Next admitted key of the candidate's provider in round-robin order, skipping `used`. */
function pickKey(candidate: Candidate, used: ReadonlySet<string>, options: ExecuteOptions<unknown>): KeyChoice | undefined {
  const provider = candidate.provider;
  const keys = provider.keys;
  if (keys.length === 0) {
    if (used.has("")) return undefined;
    const admission = options.health.acquire({ provider: provider.id, model: candidate.upstreamModel });
    return admission === "deny" ? undefined : { key: undefined };
  }
  const start = options.keyCursor.get(provider.id) ?? 0;
  for (let offset = 0; offset < keys.length; offset++) {
    const key = keys[(start + offset) % keys.length];
    if (key === undefined || used.has(key.id)) continue;
    const admission = options.health.acquire({ provider: provider.id, model: candidate.upstreamModel, keyId: key.id });
    if (admission === "deny") continue;
    options.keyCursor.set(provider.id, (start + offset + 1) % keys.length);
    return { key };
  }
  return undefined;
}

function hasOtherKey(candidate: Candidate, used: ReadonlySet<string>, health: HealthTracker): boolean {
  return candidate.provider.keys.some(
    (key) => !used.has(key.id) && health.availability({ provider: candidate.provider.id, model: candidate.upstreamModel, keyId: key.id }).admit,
  );
}

async function runBeforeAttempt(
  middleware: readonly RouterMiddleware[],
  context: AttemptContext,
  metadata: Record<string, unknown> | undefined,
): Promise<CanonicalRequest | false> {
  let request = context.request;
  for (const hooks of middleware) {
    if (!hooks.beforeAttempt) continue;
    const result = await hooks.beforeAttempt({ request, retry: context.retry, provider: context.candidate.provider.id, model: context.candidate.model, metadata });
    if (result === false) return false;
    if (result !== undefined) request = result;
  }
  return request;
}

export async function execute<T>(options: ExecuteOptions<T>): Promise<Execution<T>> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? abortableSleep;
  const startedAt = now();
  const attempts: Attempt[] = [];
  const skipped: SkippedCandidate[] = [];
  const deferred: DeferredCandidate[] = [...options.plan.deferred];
  let contextFloor: { window: number; model: string } | undefined;
  let lastError: UpstreamError | undefined;

  const tryCandidate = async (candidate: Candidate, position: number): Promise<Execution<T> | undefined> => {
    if (contextFloor && (candidate.model === contextFloor.model || (candidate.entry?.contextWindow ?? Infinity) <= contextFloor.window)) {
      skipped.push({ provider: candidate.provider.id, model: candidate.model, reason: `context window not larger than ${contextFloor.model}'s` });
      return undefined;
    }
    const usedKeys = new Set<string>();
    let choice = pickKey(candidate, usedKeys, options);
    if (!choice) {
      const availability = options.health.availability({ provider: candidate.provider.id, model: candidate.upstreamModel, keyId: candidate.provider.keys[0]?.id });
      const reason = `every key is cooling down (${availability.reason?.kind ?? availability.state})`;
      skipped.push({ provider: candidate.provider.id, model: candidate.model, reason, kind: availability.reason?.kind ?? "rate-limit" });
      deferred.push({ candidate, availableAt: availability.availableAt, reason });
      return undefined;
    }
    let retry = 0;
    for (;;) {
      if (options.signal.aborted) throw new AbortedError();
      const target = { provider: candidate.provider.id, model: candidate.upstreamModel, keyId: choice.key?.id };
      const context: AttemptContext = { candidate, key: choice.key, request: options.request, retry, signal: options.signal };
      // Without middleware there is nothing to await: the common case stays synchronous here.
      const request = options.middleware.length === 0 ? context.request : await runBeforeAttempt(options.middleware, context, options.metadata);
      if (request === false) {
        options.health.release(target);
        skipped.push({ provider: candidate.provider.id, model: candidate.model, reason: "vetoed by middleware" });
        return undefined;
      }
      const attemptStarted = now();
      options.health.begin(target);
      try {
        const value = await options.attempt(request === context.request ? context : { ...context, request });
        let settled = false;
        return {
          value,
          candidate,
          key: choice.key,
          attempts,
          skipped,
          position,
          startedAt,
          settle(settlement) {
            if (settled) return;
            settled = true;
            options.health.end(target);
            const durationMs = now() - attemptStarted;
            if (settlement.ok) {
              options.health.recordSuccess(target, { latencyMs: settlement.latencyMs ?? durationMs, ttftMs: settlement.ttftMs });
              attempts.push(attemptRecord(candidate, choice?.key, "success", undefined, durationMs, retry));
            } else if (settlement.error) {
              options.health.recordFailure(target, settlement.error);
              attempts.push(attemptRecord(candidate, choice?.key, "failure", settlement.error, durationMs, retry));
            } else {
              options.health.release(target);
            }
          },
        };
      } catch (thrown) {
        options.health.end(target);
        if (thrown instanceof AbortedError || options.signal.aborted) {
          options.health.release(target);
          if (options.deadlinePassed?.()) {
            const error = new UpstreamError({ provider: candidate.provider.id, model: candidate.upstreamModel, kind: "timeout", message: "the request's deadline passed during this attempt" });
            attempts.push(attemptRecord(candidate, choice.key, "failure", error, now() - attemptStarted, retry));
          }
          throw thrown instanceof AbortedError ? thrown : new AbortedError();
        }
        const error =
          thrown instanceof UpstreamError
            ? thrown
            : new UpstreamError({ provider: candidate.provider.id, model: candidate.upstreamModel, kind: "server", message: String(thrown), cause: thrown });
        lastError = error;
        // Only the upstream's own failures count against it; an exception of llmux's (a bug while
        // encoding, say) still moves on to the next candidate but cools nothing for other callers.
        if (thrown instanceof UpstreamError) options.health.recordFailure(target, error);
        else options.health.release(target);
        attempts.push(attemptRecord(candidate, choice.key, "failure", error, now() - attemptStarted, retry));
        for (const hooks of options.middleware) hooks.onError?.(error, { provider: candidate.provider.id, model: candidate.model, retry });
        usedKeys.add(choice.key?.id ?? "");
        const decision = decideAfterFailure(error, {
          retry,
          policy: options.policy,
          remainingMs: options.deadline - now(),
          otherKeyAvailable: hasOtherKey(candidate, usedKeys, options.health),
        });
        if (decision.action === "stop") throw new ProviderCallFailed([...attempts], error);
        if (decision.action === "retry") {
          await sleep(decision.delayMs, options.signal);
          retry += 1;
          usedKeys.delete(choice.key?.id ?? "");
          continue;
        }
        if (decision.action === "next-key") {
          const next = pickKey(candidate, usedKeys, options);
          if (next) {
            choice = next;
            retry = 0;
            continue;
          }
        }
        if (error.kind === "context-window") {
          contextFloor = { window: candidate.entry?.contextWindow ?? 0, model: candidate.model };
        }
        return undefined;
      }
    }
  };

  try {
    const candidates = options.allowFallback ? options.plan.candidates : options.plan.candidates.slice(0, 1);
    for (const [position, candidate] of candidates.entries()) {
      if (now() >= options.deadline) break;
      const served = await tryCandidate(candidate, position);
      if (served) return served;
    }

    // Last resort: a candidate that is only cooling down briefly is better than a hard failure.
    const soonest = deferred
      .filter((entry) => !attempts.some((attempt) => attempt.provider === entry.candidate.provider.id && attempt.model === entry.candidate.model && attempt.outcome === "failure"))
      .sort((left, right) => left.availableAt - right.availableAt)[0];
    if (soonest && (options.allowFallback || candidates.length === 0 || soonest.candidate === candidates[0])) {
      const waitMs = Math.max(0, soonest.availableAt - now());
      if (waitMs <= options.policy.maxCooldownWaitMs && now() + waitMs < options.deadline) {
        await sleep(waitMs, options.signal);
        const served = await tryCandidate(soonest.candidate, options.plan.candidates.indexOf(soonest.candidate));
        if (served) return served;
      }
    }

    if (!options.allowFallback && attempts.length > 0) throw new ProviderCallFailed(attempts, lastError);
    throw new AllProvidersDown(attempts, dedupeSkips([...options.plan.skipped, ...skipped]));
  } catch (thrown) {
    // The request's own deadline is a timeout the caller should hear about as one (504), with every attempt.
    if (thrown instanceof AbortedError && options.deadlinePassed?.()) {
      throw new AllProvidersDown(attempts, dedupeSkips([...options.plan.skipped, ...skipped]));
    }
    throw thrown;
  }
}

function dedupeSkips(skips: SkippedCandidate[]): SkippedCandidate[] {
  const seen = new Set<string>();
  return skips.filter((skip) => {
    const key = `${skip.provider}\u0000${skip.model}\u0000${skip.reason}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function attemptRecord(
  candidate: Candidate,
  key: ProviderKey | undefined,
  outcome: "success" | "failure",
  error: UpstreamError | undefined,
  durationMs: number,
  retry: number,
): Attempt {
  return {
    provider: candidate.provider.id,
    model: candidate.model,
    keyId: key?.id,
    outcome,
    kind: error?.kind,
    status: error?.status,
    message: error?.message ?? "ok",
    durationMs,
    retry,
  };
}
