/**
 * @module
 * The scopes a target touches and the string keys they are stored under.
 */
import type { HealthTarget, ProbeTarget, ScopeRef } from "./types.ts";

/** Key id used when a provider is called without one (keyless providers such as a local Ollama). */
export const anonymousKeyId = "(none)";

// U+001F (unit separator) cannot appear in provider names, model ids or key ids we mint.
const separator = "\u001f";

export function toScopeKey(scope: ScopeRef): string {
  if (scope.level === "provider") return `provider${separator}${scope.provider}`;
  if (scope.level === "key") return `key${separator}${scope.provider}${separator}${scope.keyId ?? anonymousKeyId}`;
  return `route${separator}${scope.provider}${separator}${scope.model ?? ""}`;
}

export function providerScopeOf(target: ProbeTarget): ScopeRef {
  return { level: "provider", provider: target.provider };
}

export function keyScopeOf(target: ProbeTarget): ScopeRef {
  return { level: "key", provider: target.provider, keyId: target.keyId ?? anonymousKeyId };
}

export function routeScopeOf(target: HealthTarget): ScopeRef {
  return { level: "route", provider: target.provider, model: target.model };
}

/** Provider, key and route scopes of a target, in that order. */
export function listScopes(target: HealthTarget): [ScopeRef, ScopeRef, ScopeRef] {
  return [providerScopeOf(target), keyScopeOf(target), routeScopeOf(target)];
}

interface KeyedScope {
  scope: ScopeRef;
  key: string;
}

/**
 * The keyed scopes of each target, made once: health is consulted several times per
 * request, and building three scope objects and three key strings each time showed up in
 * the gateway's allocation profile. Bounded: cleared when it grows past `limit` targets.
 */
export class ScopeCache {
  readonly #targets = new Map<string, Map<string, Map<string, readonly KeyedScope[]>>>();
  readonly #limit: number;
  #size = 0;

  constructor(limit = 10_000) {
    this.#limit = limit;
  }

  of(target: HealthTarget): readonly KeyedScope[] {
    const keyId = target.keyId ?? anonymousKeyId;
    let byKey = this.#targets.get(target.provider);
    if (byKey === undefined) {
      byKey = new Map();
      this.#targets.set(target.provider, byKey);
    }
    let byModel = byKey.get(keyId);
    if (byModel === undefined) {
      byModel = new Map();
      byKey.set(keyId, byModel);
    }
    let scopes = byModel.get(target.model);
    if (scopes === undefined) {
      if (this.#size >= this.#limit) {
        this.#targets.clear();
        this.#size = 0;
      }
      scopes = listScopes(target).map((scope) => ({ scope, key: toScopeKey(scope) }));
      byModel.set(target.model, scopes);
      this.#size += 1;
    }
    return scopes;
  }
}
