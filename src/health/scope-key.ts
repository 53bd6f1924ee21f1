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
