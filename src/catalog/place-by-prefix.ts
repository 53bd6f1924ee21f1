/**
 * @module
 * Guessing the provider of a model the catalog does not know, from how its name starts.
 * The catalog asks this only after its own entries (known models win over prefixes).
 */
import type { ProviderId } from "./model-types.ts";

interface PrefixRule {
  pattern: RegExp;
  providers: ProviderId[];
}

const prefixRules: readonly PrefixRule[] = [
  { pattern: /^claude/, providers: ["anthropic"] },
  { pattern: /^(gpt|chatgpt)|^o[134](-|$)/, providers: ["openai"] },
  { pattern: /^gemini/, providers: ["google"] },
  { pattern: /^deepseek/, providers: ["deepseek"] },
  { pattern: /^(mistral|codestral|magistral|pixtral|ministral|devstral|open-mistral|open-mixtral)/, providers: ["mistral"] },
  { pattern: /^grok/, providers: ["xai"] },
  { pattern: /^(kimi|moonshot)/, providers: ["moonshot"] },
  { pattern: /^(qwen|qwq|qvq)/, providers: ["dashscope"] },
  { pattern: /^llama/, providers: ["groq", "together", "ollama"] },
];

/**
 * Providers an unknown name probably belongs to, most likely first; empty when nothing fits.
 * `vendor/model` is OpenRouter's form; `name:tag` (no slash) is Ollama's.
 */
export function placeByPrefix(name: string): ProviderId[] {
  const key = name.trim().toLowerCase();
  if (key === "") return [];
  if (key.includes("/")) return ["openrouter"];
  if (key.includes(":")) return ["ollama"];
  const rule = prefixRules.find((candidate) => candidate.pattern.test(key));
  return rule === undefined ? [] : [...rule.providers];
}
