/**
 * @module
 * The models the gateway can serve now: catalog models with at least one configured
 * provider that serves them. With `healthy`, a model stays only if one of those routes is
 * neither cooling nor disabled (for at least one of its keys) and its provider's status
 * page does not say down. Every dialect's model list is a view of this one list.
 *
 * Custom providers (ids outside the provider table) add no names: the config has no field
 * saying which models they serve, so the gateway cannot route catalog names to them either.
 */
import { isProviderId, type ModelEntry } from "../../catalog/index.ts";
import type { ResolvedProvider } from "../../providers/resolved-provider.ts";
import type { GatewayRuntime } from "../runtime.ts";
import { readProviderStatuses } from "./provider-status.ts";

export interface ServableModel {
  entry: ModelEntry;
  /** Configured providers serving it, home first. */
  providers: string[];
}

export interface ServableOptions {
  /** Only models with a usable route right now. */
  healthy: boolean;
}

/** True for `?healthy=true` or `?available=true` (also `1`, `yes`). */
export function wantsHealthyOnly(url: URL): boolean {
  const truthy = (value: string | null): boolean => value !== null && ["true", "1", "yes", ""].includes(value.toLowerCase());
  return truthy(url.searchParams.get("healthy")) || truthy(url.searchParams.get("available"));
}

function isRouteUsable(runtime: GatewayRuntime, provider: ResolvedProvider, model: string): boolean {
  const keyIds: Array<string | undefined> = provider.keys.length > 0 ? provider.keys.map((key) => key.id) : [undefined];
  return keyIds.some((keyId) => {
    const { state } = runtime.health.availability({ provider: provider.id, model, keyId });
    return state !== "cooling" && state !== "disabled";
  });
}

export async function listServableModels(runtime: GatewayRuntime, options: ServableOptions): Promise<ServableModel[]> {
  const { catalog, registry } = runtime;
  const served: ServableModel[] = [];
  for (const entry of catalog.all()) {
    const providers = catalog.providersOf(entry.id).filter((provider) => registry.has(provider));
    if (providers.length > 0) served.push({ entry, providers });
  }
  if (!options.healthy) return served;

  const statuses = await readProviderStatuses(runtime, served.flatMap((model) => model.providers));
  const usable: ServableModel[] = [];
  for (const model of served) {
    const providers = model.providers.filter((id) => {
      const provider = registry.get(id);
      if (!provider || statuses.get(id)?.status === "down") return false;
      const upstreamModel = isProviderId(id) ? (catalog.providerModelId(model.entry.id, id) ?? model.entry.id) : model.entry.id;
      return isRouteUsable(runtime, provider, upstreamModel);
    });
    if (providers.length > 0) usable.push({ entry: model.entry, providers });
  }
  return usable;
}

/** A servable model by id or alias, ignoring health; undefined when none serves it. */
export function findServableModel(runtime: GatewayRuntime, idOrAlias: string): ServableModel | undefined {
  const entry = runtime.catalog.find(idOrAlias);
  if (!entry) return undefined;
  const providers = runtime.catalog.providersOf(entry.id).filter((provider) => runtime.registry.has(provider));
  return providers.length > 0 ? { entry, providers } : undefined;
}

/** Release date as epoch ms (0 when unknown): `YYYY-MM` and `YYYY-MM-DD` both parse. */
export function releasedAt(entry: ModelEntry): number {
  const time = entry.released === undefined ? Number.NaN : Date.parse(entry.released);
  return Number.isNaN(time) ? 0 : time;
}
