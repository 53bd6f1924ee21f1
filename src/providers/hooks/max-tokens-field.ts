/**
 * @module
 * `max_completion_tokens` → `max_tokens`. The openai-chat dialect writes OpenAI's current
 * field, but several OpenAI-compatible APIs only know the older one: Mistral answers 422
 * ("extra inputs are not permitted"), DeepSeek silently ignores it, so the limit is lost.
 */
import type { ProviderHook } from "./hook.ts";

export const maxTokensField: ProviderHook = {
  name: "max-tokens-field",
  body: function renameMaxTokensField(body) {
    if (!("max_completion_tokens" in body)) return body;
    const { max_completion_tokens: limit, ...rest } = body;
    // An explicit `max_tokens` from the caller wins over the renamed field.
    if (rest["max_tokens"] === undefined && limit !== undefined && limit !== null) rest["max_tokens"] = limit;
    return rest;
  },
};
