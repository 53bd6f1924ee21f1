/**
 * @module
 * Providers whose public status page serves Statuspage v2 JSON (Atlassian or the
 * incident.io-compatible variant), per protocols.md section 5. Mistral, xAI, Together,
 * OpenRouter and Google publish other formats and have no default; any page with the
 * same JSON can be added through configuration.
 */
import type { ComponentPattern, ModelComponentRule } from "./match-component.ts";

export interface StatusPageConfig {
  /** Page root, e.g. `https://status.claude.com`; `/api/v2/summary.json` is appended. */
  baseUrl: string;
  /** Components that speak for the provider as a whole. Empty: use the page indicator. */
  components: ComponentPattern[];
  /** Narrower components for some models, e.g. image models on an "Images" component. */
  models?: ModelComponentRule[];
}

export const defaultStatusPages: Readonly<Record<string, StatusPageConfig>> = {
  anthropic: { baseUrl: "https://status.claude.com", components: ["Claude API"] },
  openai: {
    baseUrl: "https://status.openai.com",
    components: ["API", "Chat Completions", "Responses"],
    models: [
      { model: /^(gpt-image|dall-e)/i, components: ["Images"] },
      { model: "text-embedding", components: ["Embeddings"] },
    ],
  },
  groq: { baseUrl: "https://groqstatus.com", components: ["API"] },
  deepseek: { baseUrl: "https://status.deepseek.com", components: ["API Service"] },
};
