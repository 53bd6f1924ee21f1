/**
 * @module
 * Who first-party serves a model, from its name alone. Used only to pick a status page
 * for `checkModel` when neither the caller nor the status API says; the catalog, not
 * this, decides routing.
 */
import { normalizeProviderId } from "./normalize-provider-id.ts";

const prefixes: ReadonlyArray<readonly [RegExp, string]> = [
  [/^claude/, "anthropic"],
  [/^(gpt|chatgpt|o\d|text-embedding|dall-e|whisper|tts-)/, "openai"],
  [/^(gemini|gemma|imagen)/, "google"],
  [/^deepseek/, "deepseek"],
  [/^grok/, "xai"],
  [/^(mistral|ministral|magistral|codestral|devstral|pixtral)/, "mistral"],
  [/^(kimi|moonshot)/, "moonshot"],
  [/^(qwen|qwq)/, "dashscope"],
];

/** `provider/model` names their provider; otherwise a known name prefix; else undefined. */
export function guessProvider(model: string): string | undefined {
  const value = model.trim().toLowerCase();
  const slash = value.indexOf("/");
  if (slash > 0) return normalizeProviderId(value.slice(0, slash));
  return prefixes.find(([pattern]) => pattern.test(value))?.[1];
}
