/**
 * @module
 * The `statusPages` option applied to the built-in defaults.
 */
import { ConfigError } from "../core/errors.ts";
import { defaultStatusPages, type StatusPageConfig } from "./default-status-pages.ts";
import { normalizeProviderId } from "./normalize-provider-id.ts";

/** Per-provider page settings; a partial entry for a default provider overrides its defaults. */
export type StatusPagesOption = Record<string, Partial<StatusPageConfig> | false>;

/**
 * Defaults, with user entries merged over them; `false` drops one page or all. A page
 * for a provider without a default must name its `baseUrl`.
 */
export function resolveStatusPages(option: StatusPagesOption | false | undefined): Map<string, StatusPageConfig> {
  const pages = new Map<string, StatusPageConfig>();
  if (option === false) return pages;
  for (const [provider, page] of Object.entries(defaultStatusPages)) pages.set(provider, page);
  for (const [name, override] of Object.entries(option ?? {})) {
    const provider = normalizeProviderId(name);
    if (override === false) {
      pages.delete(provider);
      continue;
    }
    const base = pages.get(provider);
    const baseUrl = override.baseUrl ?? base?.baseUrl;
    if (baseUrl === undefined) {
      throw new ConfigError(`status page for "${name}" needs a baseUrl`, { field: `statusPages.${name}.baseUrl` });
    }
    const models = override.models ?? base?.models;
    pages.set(provider, { baseUrl, components: override.components ?? base?.components ?? [], ...(models ? { models } : {}) });
  }
  return pages;
}
