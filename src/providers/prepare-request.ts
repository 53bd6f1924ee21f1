/**
 * @module
 * Everything between an encoded wire body and the bytes sent: URL, default headers,
 * auth for the chosen key, and the provider's quirk hooks. Shared by the router and the
 * gateway so hooks run the same way on every path.
 */
import type { Warning } from "../core/types/response.ts";
import { authHeaders } from "./auth-headers.ts";
import { applyBodyHooks, applyHeaderHooks } from "./hooks/registry.ts";
import type { HttpMethod } from "./http-client.ts";
import type { ProviderKey } from "./provider-key.ts";
import type { ResolvedProvider } from "./resolved-provider.ts";

export interface PrepareRequestInput {
  provider: ResolvedProvider;
  /** The key for this attempt; omit for keyless endpoints. */
  key?: ProviderKey;
  /** From `dialect.requestPath(...)`, e.g. `/chat/completions`. */
  path: string;
  /** The encoded wire body; omit for GET. */
  body?: Record<string, unknown>;
  model: string;
  stream: boolean;
  /** Extra headers (e.g. a client's `anthropic-beta`), over the provider's defaults. */
  headers?: Record<string, string>;
  attribution?: { url?: string; title?: string };
}

export interface PreparedRequest {
  url: string;
  method: HttpMethod;
  headers: Record<string, string>;
  body: string | undefined;
  /** What hooks had to drop. */
  warnings: Warning[];
}

// Credentials come only from `key`: a caller's own auth header (the gateway key of a
// client, say) must never ride along to a provider by accident.
const credentialHeaders: ReadonlySet<string> = new Set(["authorization", "x-api-key", "x-goog-api-key", "api-key"]);

/** Merges header records with lower-cased names, so later ones replace, never duplicate. */
function mergeHeaders(...records: ReadonlyArray<Readonly<Record<string, string>> | undefined>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const record of records) {
    for (const [name, value] of Object.entries(record ?? {})) result[name.toLowerCase()] = value;
  }
  return result;
}

function withoutCredentials(headers: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (!credentialHeaders.has(name.toLowerCase())) result[name] = value;
  }
  return result;
}

export function prepareUpstreamRequest(input: PrepareRequestInput): PreparedRequest {
  const { provider } = input;
  const context = {
    providerId: provider.id,
    model: input.model,
    stream: input.stream,
    unsupportedParams: provider.unsupportedParams,
    attribution: input.attribution,
  };
  let body: string | undefined;
  let warnings: Warning[] = [];
  if (input.body !== undefined) {
    const hooked = applyBodyHooks(provider.hooks, input.body, context);
    body = JSON.stringify(hooked.body);
    warnings = hooked.warnings;
  }
  const headers = applyHeaderHooks(
    provider.hooks,
    mergeHeaders(
      body === undefined ? undefined : { "content-type": "application/json" },
      provider.headers,
      withoutCredentials(input.headers),
      authHeaders(provider, input.key),
    ),
    context,
  );
  return { url: `${provider.baseUrl}${input.path}`, method: body === undefined ? "GET" : "POST", headers, body, warnings };
}
