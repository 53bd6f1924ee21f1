/**
 * @module
 * `seed` → `random_seed`: Mistral's name for the sampling seed. Its API rejects `seed`
 * as an unknown field.
 */
import type { ProviderHook } from "./hook.ts";

export const randomSeedField: ProviderHook = {
  name: "random-seed-field",
  body: function renameSeedField(body) {
    if (!("seed" in body)) return body;
    const { seed, ...rest } = body;
    if (seed !== undefined && seed !== null && rest["random_seed"] === undefined) rest["random_seed"] = seed;
    return rest;
  },
};
