/**
 * @module
 * The auth header for one key under a provider's scheme.
 */
import type { ProviderKey } from "./provider-key.ts";
import type { AuthScheme } from "./table.ts";

/** `{}` for scheme `none` or when there is no key (a keyless local endpoint). */
export function authHeaders(provider: { auth: AuthScheme }, key: ProviderKey | string | undefined): Record<string, string> {
  if (key === undefined) return {};
  const secret = typeof key === "string" ? key : key.reveal();
  switch (provider.auth) {
    case "bearer":
      return { authorization: `Bearer ${secret}` };
    case "x-api-key":
      return { "x-api-key": secret };
    case "x-goog-api-key":
      return { "x-goog-api-key": secret };
    case "none":
      return {};
  }
}
