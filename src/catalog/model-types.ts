/**
 * @module
 * The catalog's data model: what llmux knows about a model (where it lives, what it can do,
 * what it costs) and the shapes the lookup API answers with.
 */

/** Every provider llmux has a row for. Ids are exact: config, env discovery and routing use them. */
export const providerIds = [
  "openai",
  "anthropic",
  "google",
  "openrouter",
  "deepseek",
  "mistral",
  "xai",
  "groq",
  "together",
  "moonshot",
  "dashscope",
  "ollama",
] as const;

export type ProviderId = (typeof providerIds)[number];

export function isProviderId(value: string): value is ProviderId {
  return (providerIds as readonly string[]).includes(value);
}

/**
 * A coarse class of model, used to find peers from other vendors.
 * - `fast`: cheap, low latency (Haiku, GPT mini/nano, Flash-Lite).
 * - `balanced`: the everyday workhorse (Sonnet, GPT-4.1, Gemini Flash).
 * - `strong`: the vendor's flagship (Opus, GPT-5.x, Gemini Pro).
 * - `reasoning`: models sold for long thinking (o-series, DeepSeek Reasoner).
 */
export const tiers = ["fast", "balanced", "strong", "reasoning"] as const;
export type Tier = (typeof tiers)[number];

export interface Capabilities {
  /** Accepts image input. */
  vision: boolean;
  /** Function / tool calling. */
  tools: boolean;
  /** Structured output constrained by a JSON Schema (not just "JSON mode"). */
  jsonSchema: boolean;
  /** Produces reasoning (thinking) before answering. */
  reasoning: boolean;
  streaming: boolean;
}

/** Boolean capabilities worth matching when looking for a substitute. */
export type CapabilityName = Exclude<keyof Capabilities, "streaming">;
export const matchedCapabilities: readonly CapabilityName[] = ["vision", "tools", "jsonSchema", "reasoning"];

/** USD per million tokens. */
export interface Rates {
  input: number;
  output: number;
  /** Price of prompt tokens read from the cache; input price when absent. */
  cacheRead?: number;
  /** Price of prompt tokens written to the cache; input price when absent. */
  cacheWrite?: number;
}

/** A long-context rate card: applies to the whole request once the prompt exceeds the threshold. */
export interface PriceTier extends Rates {
  aboveInputTokens: number;
}

export interface Pricing extends Rates {
  /** Higher rate cards for long prompts, any order. */
  tiers?: PriceTier[];
}

export interface ModelEntry {
  /** Canonical id: the home provider's own name for the model. */
  id: string;
  /** Home provider: the one whose price is `pricing`. */
  provider: ProviderId;
  /** Who made the model (e.g. `meta` for Llama served by Groq); peers come from other vendors. */
  vendor: string;
  family: string;
  tier: Tier;
  /** Other names that mean this model: dated snapshots, `-latest` forms, short forms. */
  aliases: string[];
  /** The id each provider uses for it; the home provider appears only when its id differs from `id`. */
  providerIds: Partial<Record<ProviderId, string>>;
  capabilities: Capabilities;
  contextWindow: number;
  maxOutputTokens: number;
  /** Home provider's price; undefined only for user-added models without a price. */
  pricing: Pricing | undefined;
  /** Prices at other providers, when they differ from the home price. */
  providerPricing?: Partial<Record<ProviderId, Pricing>>;
  /** Release date (`YYYY-MM` or `YYYY-MM-DD`). */
  released?: string;
  /** Present when the vendor deprecated or retired the model: what happened and what to use. */
  deprecated?: string;
  /** Where the figures come from, when not the provider block's source. */
  source?: string;
  /** When the figures were last checked (`YYYY-MM[-DD]`). */
  checked?: string;
}

/** Where a provider block's figures come from. */
export interface SourceNote {
  source: string;
  checked: string;
}

/**
 * A user's change to the catalog (from config). Matched by id, alias or provider id; fields merge
 * one by one over the bundled entry. `aliases` are added, `providerIds` and prices are merged.
 * An id the catalog does not know adds a model: it then needs `contextWindow` and
 * `maxOutputTokens`, and `provider` unless the name places it.
 */
export interface ModelOverride {
  id: string;
  provider?: ProviderId;
  vendor?: string;
  family?: string;
  tier?: Tier;
  aliases?: string[];
  providerIds?: Partial<Record<ProviderId, string>>;
  capabilities?: Partial<Capabilities>;
  contextWindow?: number;
  maxOutputTokens?: number;
  pricing?: Partial<Pricing>;
  providerPricing?: Partial<Record<ProviderId, Partial<Pricing>>>;
  deprecated?: string;
}

/** A compatible substitute for a model, with the reason it was chosen. */
export interface Alternative {
  /** Canonical id of the substitute. */
  modelId: string;
  /** The provider to call. */
  provider: ProviderId;
  /** The id to send to that provider. */
  providerModelId: string;
  kind: "same-model" | "peer";
  /** e.g. `same model via openrouter`, `peer: balanced tier, vision+tools`. */
  reason: string;
}
