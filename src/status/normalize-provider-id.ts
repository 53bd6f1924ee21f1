/**
 * @module
 * Provider slugs as third parties spell them (OpenRouter-style `x-ai`, `mistralai`, ...)
 * to llmux provider ids.
 */

const aliases: Readonly<Record<string, string>> = {
  "x-ai": "xai",
  mistralai: "mistral",
  moonshotai: "moonshot",
  qwen: "dashscope",
  alibaba: "dashscope",
  gemini: "google",
  "google-ai-studio": "google",
  togetherai: "together",
  "together-ai": "together",
  "deepseek-ai": "deepseek",
};

export function normalizeProviderId(slug: string): string {
  const value = slug.trim().toLowerCase();
  return aliases[value] ?? value;
}
