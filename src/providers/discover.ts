/**
 * @module
 * Finds configured providers in environment variables: a provider is configured when one
 * of its key variables holds a key (a keyless provider, Ollama, when its host variable is
 * set). Values may list several keys, comma-separated.
 */
import { normalizeBaseUrl, normalizeOllamaHost } from "./base-url.ts";
import { createProviderKeys } from "./provider-key.ts";
import type { ResolvedProvider } from "./resolved-provider.ts";
import { providerTable, type ProviderRow } from "./table.ts";

export type Environment = Readonly<Record<string, string | undefined>>;

function readKeys(row: ProviderRow, env: Environment): ReturnType<typeof createProviderKeys> {
  for (const name of row.keyEnv) {
    const keys = createProviderKeys(row.id, [env[name] ?? ""]);
    if (keys.length > 0) return keys;
  }
  return [];
}

function readBaseUrl(row: ProviderRow, env: Environment): string | undefined {
  const value = env[row.baseUrlEnv]?.trim();
  if (!value) return undefined;
  return row.dialect === "ollama" ? normalizeOllamaHost(value) : normalizeBaseUrl(value, row.baseUrlEnv);
}

/** Resolves one row against the environment; undefined when it is not configured. */
export function resolveRow(row: ProviderRow, env: Environment): ResolvedProvider | undefined {
  const keys = readKeys(row, env);
  const baseUrlOverride = readBaseUrl(row, env);
  const configured = row.keyRequired ? keys.length > 0 : baseUrlOverride !== undefined;
  if (!configured) return undefined;
  return {
    id: row.id,
    name: row.name,
    dialect: row.dialect,
    baseUrl: baseUrlOverride ?? row.baseUrl,
    auth: row.auth,
    keys,
    headers: row.defaultHeaders,
    hooks: row.hooks,
    unsupportedParams: row.unsupportedParams,
    modelsPath: row.modelsPath,
    statusPage: row.statusPage,
    row,
    source: "env",
  };
}

/**
 * Every configured provider, in table order. Throws ConfigError for a malformed base URL
 * override, naming the variable: a typo there should not silently route elsewhere.
 */
export function discoverProviders(env: Environment = process.env): ResolvedProvider[] {
  const providers: ResolvedProvider[] = [];
  for (const row of providerTable) {
    const provider = resolveRow(row, env);
    if (provider) providers.push(provider);
  }
  return providers;
}

/** What to tell a user who has configured nothing: the variables to set, per provider. */
export function missingProviderHint(): string {
  const lines = providerTable.map((row) => {
    const variables = row.keyRequired ? row.keyEnv.join(" or ") : `${row.baseUrlEnv} (e.g. localhost:11434)`;
    return `  ${variables.padEnd(36)} ${row.name}`;
  });
  return [
    "No LLM provider is configured. Set at least one of these environment variables:",
    ...lines,
    "Several keys may be given comma-separated (KEY1,KEY2). Base URLs can be overridden",
    "(OPENAI_BASE_URL, ANTHROPIC_BASE_URL, GEMINI_BASE_URL, <NAME>_BASE_URL for the others),",
    "and any other endpoint can be registered by hand.",
  ].join("\n");
}
