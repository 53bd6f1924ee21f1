/**
 * @module
 * Name resolution: every way a caller may spell a model, mapped to one entry. Case-insensitive.
 * Precedence, so an alias never shadows another model's id: canonical ids, then aliases, then
 * provider-specific ids; within a level the first model listed wins.
 */
import type { ModelEntry } from "./model-types.ts";
import { loosenModelName as loosen, normalizeModelName as normalize } from "./normalize-model-name.ts";

export interface ModelIndex {
  find(name: string): ModelEntry | undefined;
}

/** OpenRouter routing variants (`vendor/model:free`) name the same model. */
const openRouterVariant = /:(free|beta|exacto|thinking|extended|nitro|floor|online)$/;

/** Wrappers that do not change which model is meant. */
function unwrap(key: string): string {
  let result = key;
  if (result.startsWith("models/")) result = result.slice("models/".length); // Gemini resource names
  if (result.endsWith(":latest")) result = result.slice(0, -":latest".length); // Ollama default tag
  if (result.includes("/")) result = result.replace(openRouterVariant, "");
  return result;
}

export function createModelIndex(models: readonly ModelEntry[]): ModelIndex {
  const exact = new Map<string, ModelEntry>();
  const add = (name: string, model: ModelEntry): void => {
    const key = normalize(name);
    if (!exact.has(key)) exact.set(key, model);
  };
  for (const model of models) add(model.id, model);
  for (const model of models) for (const alias of model.aliases) add(alias, model);
  for (const model of models) for (const providerModelId of Object.values(model.providerIds)) add(providerModelId, model);

  // Loose keys that two different models would share are dropped rather than guessed.
  const loose = new Map<string, ModelEntry | null>();
  for (const [key, model] of exact) {
    const looseKey = loosen(key);
    const previous = loose.get(looseKey);
    if (previous === undefined) loose.set(looseKey, model);
    else if (previous !== model) loose.set(looseKey, null);
  }

  const lookup = (key: string): ModelEntry | undefined => exact.get(key) ?? loose.get(loosen(key)) ?? undefined;

  return {
    find(name: string): ModelEntry | undefined {
      const key = normalize(name);
      if (key === "") return undefined;
      const unwrapped = unwrap(key);
      const found = exact.get(key) ?? lookup(unwrapped);
      if (found !== undefined) return found;
      // `vendor/model` for a model listed under its plain id (e.g. `openai/gpt-4.1-mini`).
      const slash = unwrapped.lastIndexOf("/");
      return slash > 0 ? lookup(unwrapped.slice(slash + 1)) : undefined;
    },
  };
}
