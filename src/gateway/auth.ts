/**
 * @module
 * Gateway auth. Clients send whatever key their SDK sends (Authorization Bearer, x-api-key,
 * x-goog-api-key, `?key=`); with auth on, that key must be one of the gateway's keys (stored
 * hashed, compared in constant time) and a caller's own provider key may ride in
 * `x-llmux-provider-key`. With auth off, the key a client sends is its own provider key,
 * offered for passthrough.
 */
import type { IncomingHttpHeaders } from "node:http";
import { matchGatewayKey, verifyKey, type LlmuxConfig } from "../config/index.ts";
import { UnauthorizedError } from "../core/errors.ts";

export interface Caller {
  gatewayKeyId: string | undefined;
  callerKey: string | undefined;
}

function single(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text.trim() === "" ? undefined : text.trim();
}

/** Where the request's URL can be read; the gateway parses it only if a query key is needed. */
export interface HasUrl {
  readonly url: URL;
}

/** The key a client presented, wherever its SDK put it. */
export function presentedKey(headers: IncomingHttpHeaders, target: HasUrl): string | undefined {
  const authorization = single(headers.authorization);
  if (authorization?.toLowerCase().startsWith("bearer ")) return authorization.slice(7).trim() || undefined;
  return single(headers["x-api-key"]) ?? single(headers["x-goog-api-key"]) ?? single(headers["x-llmux-key"]) ?? target.url.searchParams.get("key") ?? undefined;
}

/** Placeholder keys SDKs are given just to satisfy their constructors: never sent upstream. */
const placeholderKeys = new Set(["", "x", "dummy", "test", "none", "null", "llmux", "sk-llmux", "ollama", "sk-dummy", "sk-placeholder", "anything", "local"]);

export function identifyCaller(headers: IncomingHttpHeaders, target: HasUrl, auth: LlmuxConfig["auth"]): Caller {
  const key = presentedKey(headers, target);
  const providerKey = single(headers["x-llmux-provider-key"]);
  if (!auth.enabled) {
    const callerKey = providerKey ?? (key !== undefined && !placeholderKeys.has(key.toLowerCase()) ? key : undefined);
    return { gatewayKeyId: undefined, callerKey };
  }
  const gatewayKeyId = key === undefined ? undefined : matchGatewayKey(key, auth.keys);
  if (gatewayKeyId === undefined) {
    throw new UnauthorizedError(key === undefined ? "A gateway key is required." : "The gateway key is not valid.");
  }
  return { gatewayKeyId, callerKey: providerKey };
}

/** Management endpoints need the admin key when auth is on. */
export function requireAdmin(headers: IncomingHttpHeaders, target: HasUrl, auth: LlmuxConfig["auth"]): void {
  if (!auth.enabled) return;
  const key = single(headers["x-llmux-admin-key"]) ?? presentedKey(headers, target);
  if (key === undefined || auth.adminKey === undefined || !verifyKey(key, auth.adminKey)) {
    throw new UnauthorizedError("The admin key is required for this endpoint.");
  }
}
