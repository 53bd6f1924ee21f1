/**
 * @module
 * Routing errors. They extend the one hierarchy (LlmuxError) and name every attempt, so a
 * request is never lost silently: the caller learns which provider and model failed, how and
 * when.
 */
import { LlmuxError, type FailureKind } from "../core/errors.ts";

/** One try of one candidate, as the caller sees it afterwards. */
export interface Attempt {
  provider: string;
  model: string;
  /** Id of the key used (never the key itself). */
  keyId: string | undefined;
  outcome: "success" | "failure";
  kind: FailureKind | undefined;
  status: number | undefined;
  message: string;
  /** Wall time of this try in ms. */
  durationMs: number;
  /** 0 for the first try of a candidate, 1.. for same-candidate retries. */
  retry: number;
}

/** A candidate left out before any call, and why. */
export interface SkippedCandidate {
  provider: string;
  model: string;
  reason: string;
  /**
   * What the skip amounts to, when it says something: the upstream's state (cooling down after
   * `overloaded`, a status page saying down) or the request's own problem (`context-window`,
   * `invalid-request` when no candidate can take it). Absent for neutral skips (not configured).
   */
  kind?: FailureKind;
}

const requestKinds: ReadonlySet<FailureKind> = new Set(["context-window", "invalid-request"]);

/**
 * With no attempt made, the skips decide: if no upstream was merely unavailable and some
 * candidate could not take the request itself (too long, needs a capability), the caller's
 * request is the problem (a 4xx), not an outage (a 5xx the caller would retry in vain).
 */
function kindOfSkips(skipped: SkippedCandidate[]): FailureKind | undefined {
  const kinds = skipped.flatMap((skip) => (skip.kind === undefined ? [] : [skip.kind]));
  if (kinds.length === 0 || kinds.some((kind) => !requestKinds.has(kind))) return undefined;
  return kinds.includes("context-window") ? "context-window" : "invalid-request";
}

function describeAttempts(attempts: Attempt[], skipped: SkippedCandidate[]): string {
  const tried = attempts.map(
    (attempt) => `${attempt.provider}/${attempt.model}: ${attempt.status ?? attempt.kind ?? "error"} ${attempt.kind ?? ""} (${attempt.message})`.replace(/\s+/g, " "),
  );
  const notTried = skipped.map((skip) => `${skip.provider}/${skip.model}: skipped (${skip.reason})`);
  return [...tried, ...notTried].join("; ");
}

/** Every candidate failed or was skipped. `kind` is the failure kind of the last attempt. */
export class AllProvidersDown extends LlmuxError {
  readonly attempts: Attempt[];
  readonly skipped: SkippedCandidate[];
  readonly kind: FailureKind | undefined;
  constructor(attempts: Attempt[], skipped: SkippedCandidate[] = []) {
    const summary = describeAttempts(attempts, skipped);
    super("all_providers_down", `No provider could serve the request. ${summary || "No candidate was available."}`);
    this.name = "AllProvidersDown";
    this.attempts = attempts;
    this.skipped = skipped;
    this.kind = attempts.length > 0 ? attempts.at(-1)?.kind : kindOfSkips(skipped);
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), attempts: this.attempts, skipped: this.skipped };
  }
}

/** The model's provider has no key (or base URL) configured. Says which variable to set. */
export class ProviderNotConfigured extends LlmuxError {
  readonly provider: string;
  readonly envVars: string[];
  constructor(provider: string, envVars: string[], model?: string) {
    const forModel = model ? ` for model "${model}"` : "";
    const hint = envVars.length > 0 ? ` Set ${envVars.join(" or ")}.` : "";
    super("provider_not_configured", `Provider "${provider}"${forModel} is not configured.${hint}`);
    this.name = "ProviderNotConfigured";
    this.provider = provider;
    this.envVars = envVars;
  }
}

/** Fallback was disabled and the one allowed candidate failed. */
export class ProviderCallFailed extends LlmuxError {
  readonly attempts: Attempt[];
  readonly kind: FailureKind | undefined;
  readonly status: number | undefined;
  constructor(attempts: Attempt[], cause?: unknown) {
    const last = attempts.at(-1);
    super("provider_call_failed", `The call failed and fallback is disabled. ${describeAttempts(attempts, [])}`, { cause });
    this.name = "ProviderCallFailed";
    this.attempts = attempts;
    this.kind = last?.kind;
    this.status = last?.status;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), attempts: this.attempts };
  }
}
