/**
 * @module
 * Which providers serve a model, and under which id. The home provider comes first; other hosts
 * follow in the provider table's order, with OpenRouter last because it is one more hop (and one
 * more party) in front of the same upstreams.
 */
import { providerIds, type ModelEntry, type ProviderId } from "./model-types.ts";

function rankHost(provider: ProviderId): number {
  return provider === "openrouter" ? providerIds.length : providerIds.indexOf(provider);
}

/** Providers serving the model: home first, then the other hosts. */
export function listServingProviders(model: ModelEntry): ProviderId[] {
  const others = (Object.keys(model.providerIds) as ProviderId[])
    .filter((provider) => provider !== model.provider)
    .sort((left, right) => rankHost(left) - rankHost(right));
  return [model.provider, ...others];
}

/** The id to send to `provider` for this model; undefined when that provider does not serve it. */
export function resolveProviderModelId(model: ModelEntry, provider: ProviderId): string | undefined {
  const listed = model.providerIds[provider];
  if (listed !== undefined) return listed;
  return provider === model.provider ? model.id : undefined;
}
