/**
 * @module
 * The providers llmux can call: those discovered from the environment plus any
 * registered by hand (a custom OpenAI-compatible endpoint, a self-hosted gateway, Ollama
 * on another host, any dialect). Registering an existing id replaces it.
 */
import { ConfigError, LlmuxError } from "../core/errors.ts";
import type { DialectId } from "../core/types/message.ts";
import { normalizeBaseUrl } from "./base-url.ts";
import { discoverProviders, type Environment } from "./discover.ts";
import type { HookName } from "./hooks/hook.ts";
import { isHookName } from "./hooks/registry.ts";
import { createProviderKeys } from "./provider-key.ts";
import type { ResolvedProvider } from "./resolved-provider.ts";
import { dialectDefaults, findProviderRow, type AuthScheme } from "./table.ts";

export interface ProviderRegistration {
  /** kebab-case id, e.g. `my-gateway`. A table id (`ollama`) inherits that row's defaults. */
  id: string;
  dialect: DialectId;
  baseUrl: string;
  name?: string;
  /** Keys (each may itself be a comma-separated list). */
  keys?: readonly string[];
  /** Defaults to the dialect's scheme when keys are given, else `none`. */
  auth?: AuthScheme;
  /** Extra headers, merged over the dialect's defaults (e.g. `anthropic-version`). */
  headers?: Readonly<Record<string, string>>;
  hooks?: readonly string[];
  unsupportedParams?: readonly string[];
  modelsPath?: string;
  statusPage?: string;
}

const idPattern = /^[a-z0-9][a-z0-9._-]*$/;
const authSchemes: ReadonlySet<string> = new Set<AuthScheme>(["bearer", "x-api-key", "x-goog-api-key", "none"]);
const dialectIds: ReadonlySet<string> = new Set(Object.keys(dialectDefaults));

function checkHooks(id: string, hooks: readonly string[]): HookName[] {
  return hooks.map((hook) => {
    if (!isHookName(hook)) throw new ConfigError(`Provider "${id}": unknown hook "${hook}".`, { field: "hooks" });
    return hook;
  });
}

/** Builds a ResolvedProvider from a registration, validating what a typo could break. */
export function resolveRegistration(registration: ProviderRegistration): ResolvedProvider {
  const { id, dialect } = registration;
  if (!idPattern.test(id)) {
    throw new ConfigError(`Provider id "${id}" must be lowercase letters, digits, ".", "_" or "-".`, { field: "id" });
  }
  if (!dialectIds.has(dialect)) throw new ConfigError(`Provider "${id}": unknown dialect "${dialect}".`, { field: "dialect" });
  if (registration.auth !== undefined && !authSchemes.has(registration.auth)) {
    throw new ConfigError(`Provider "${id}": unknown auth scheme "${registration.auth}".`, { field: "auth" });
  }
  // Registering a table id for the same dialect (Ollama on another host) keeps the row's quirks.
  const tableRow = findProviderRow(id);
  const row = tableRow?.dialect === dialect ? tableRow : undefined;
  const defaults = dialectDefaults[dialect];
  const keys = createProviderKeys(id, registration.keys ?? []);
  const inheritedAuth = row && row.auth !== "none" ? row.auth : defaults.auth === "none" ? "bearer" : defaults.auth;
  return {
    id,
    name: registration.name ?? row?.name ?? id,
    dialect,
    baseUrl: normalizeBaseUrl(registration.baseUrl, `Provider "${id}" baseUrl`),
    auth: registration.auth ?? (keys.length > 0 ? inheritedAuth : "none"),
    keys,
    headers: { ...(row?.defaultHeaders ?? defaults.headers), ...registration.headers },
    hooks: registration.hooks ? checkHooks(id, registration.hooks) : (row?.hooks ?? []),
    unsupportedParams: registration.unsupportedParams ?? row?.unsupportedParams ?? [],
    modelsPath: registration.modelsPath ?? row?.modelsPath ?? defaults.modelsPath,
    statusPage: registration.statusPage ?? row?.statusPage,
    row,
    source: "registered",
  };
}

export class ProviderRegistry {
  readonly #providers = new Map<string, ResolvedProvider>();
  #version = 0;

  /** Changes whenever a provider is added, replaced or removed (for caches keyed on the registry). */
  get version(): number {
    return this.#version;
  }

  constructor(providers: Iterable<ResolvedProvider> = []) {
    for (const provider of providers) this.#providers.set(provider.id, provider);
  }

  /** A registry of what the environment configures. */
  static fromEnv(env: Environment = process.env): ProviderRegistry {
    return new ProviderRegistry(discoverProviders(env));
  }

  /** Adds (or replaces) a provider; throws ConfigError when the registration is malformed. */
  register(registration: ProviderRegistration): ResolvedProvider {
    const provider = resolveRegistration(registration);
    this.#providers.set(provider.id, provider);
    this.#version += 1;
    return provider;
  }

  unregister(id: string): boolean {
    const removed = this.#providers.delete(id);
    if (removed) this.#version += 1;
    return removed;
  }

  get(id: string): ResolvedProvider | undefined {
    return this.#providers.get(id);
  }

  /** Like `get`, but a missing provider is an error naming what is configured. */
  require(id: string): ResolvedProvider {
    const provider = this.#providers.get(id);
    if (provider) return provider;
    const known = [...this.#providers.keys()];
    const list = known.length > 0 ? known.join(", ") : "none";
    throw new LlmuxError("provider_not_configured", `Provider "${id}" is not configured (configured: ${list}).`);
  }

  has(id: string): boolean {
    return this.#providers.has(id);
  }

  /** In registration order: env discovery (table order) first, then registrations. */
  list(): ResolvedProvider[] {
    return [...this.#providers.values()];
  }

  get size(): number {
    return this.#providers.size;
  }
}
