/**
 * @module
 * The provider table: pure data. A provider is a vendor at a base URL speaking one
 * dialect with one auth scheme; quirks are named hooks. Base URLs join with a dialect's
 * request path as `baseUrl + dialect.requestPath(...)`, so openai-chat bases include
 * `/v1` and the others do not.
 */
import type { DialectId } from "../core/types/message.ts";
import type { HookName } from "./hooks/hook.ts";

export type ProviderId =
  | "openai"
  | "anthropic"
  | "google"
  | "openrouter"
  | "deepseek"
  | "mistral"
  | "xai"
  | "groq"
  | "together"
  | "moonshot"
  | "dashscope"
  | "ollama";

/** How a key is sent: `Authorization: Bearer`, `x-api-key`, `x-goog-api-key`, or not at all. */
export type AuthScheme = "bearer" | "x-api-key" | "x-goog-api-key" | "none";

export interface ProviderRow {
  readonly id: ProviderId;
  /** Display name. */
  readonly name: string;
  readonly dialect: DialectId;
  readonly baseUrl: string;
  readonly auth: AuthScheme;
  /** Env vars holding keys (comma-separated allowed); the first one set wins. */
  readonly keyEnv: readonly string[];
  /** False for providers that work without a key (a local Ollama). */
  readonly keyRequired: boolean;
  /** Env var overriding `baseUrl`. */
  readonly baseUrlEnv: string;
  readonly defaultHeaders: Readonly<Record<string, string>>;
  /** Quirk hooks applied, in order, to every request. */
  readonly hooks: readonly HookName[];
  /** Body fields the provider rejects; read by the `strip-unsupported-params` hook. */
  readonly unsupportedParams: readonly string[];
  /** A cheap GET for health probes, relative to the base URL. */
  readonly modelsPath: string;
  /** Statuspage v2 base URL (append `/api/v2/summary.json`), where the vendor has one. */
  readonly statusPage: string | undefined;
}

/** What a dialect implies when a registration does not say (custom endpoints). */
export interface DialectDefaults {
  readonly auth: AuthScheme;
  readonly headers: Readonly<Record<string, string>>;
  readonly modelsPath: string;
}

export const dialectDefaults: Readonly<Record<DialectId, DialectDefaults>> = {
  "openai-chat": { auth: "bearer", headers: {}, modelsPath: "/models" },
  // The API answers 400 without a version; 2023-06-01 is the one every model accepts.
  "anthropic-messages": { auth: "x-api-key", headers: { "anthropic-version": "2023-06-01" }, modelsPath: "/v1/models" },
  gemini: { auth: "x-goog-api-key", headers: {}, modelsPath: "/v1beta/models" },
  ollama: { auth: "none", headers: {}, modelsPath: "/api/tags" },
};

// Providers that document only `max_tokens`: DeepSeek ignores `max_completion_tokens`,
// Mistral rejects it; the others list `max_tokens` alone in their API references.
const legacyMaxTokens: HookName = "max-tokens-field";

function openaiCompatible(
  id: ProviderId,
  name: string,
  baseUrl: string,
  extra: Partial<Pick<ProviderRow, "hooks" | "unsupportedParams" | "statusPage">> = {},
): ProviderRow {
  const envName = id.toUpperCase();
  return {
    id,
    name,
    dialect: "openai-chat",
    baseUrl,
    auth: "bearer",
    keyEnv: [`${envName}_API_KEY`],
    keyRequired: true,
    baseUrlEnv: `${envName}_BASE_URL`,
    defaultHeaders: {},
    hooks: extra.hooks ?? [],
    unsupportedParams: extra.unsupportedParams ?? [],
    modelsPath: "/models",
    statusPage: extra.statusPage,
  };
}

export const providerTable: readonly ProviderRow[] = [
  openaiCompatible("openai", "OpenAI", "https://api.openai.com/v1", { statusPage: "https://status.openai.com" }),
  {
    id: "anthropic",
    name: "Anthropic",
    dialect: "anthropic-messages",
    baseUrl: "https://api.anthropic.com",
    auth: "x-api-key",
    keyEnv: ["ANTHROPIC_API_KEY"],
    keyRequired: true,
    baseUrlEnv: "ANTHROPIC_BASE_URL",
    defaultHeaders: dialectDefaults["anthropic-messages"].headers,
    hooks: [],
    unsupportedParams: [],
    modelsPath: "/v1/models",
    statusPage: "https://status.claude.com",
  },
  {
    id: "google",
    name: "Google Gemini",
    dialect: "gemini",
    baseUrl: "https://generativelanguage.googleapis.com",
    auth: "x-goog-api-key",
    keyEnv: ["GEMINI_API_KEY", "GOOGLE_API_KEY"],
    keyRequired: true,
    baseUrlEnv: "GEMINI_BASE_URL",
    defaultHeaders: {},
    hooks: [],
    unsupportedParams: [],
    modelsPath: "/v1beta/models",
    statusPage: undefined, // aistudio.google.com/status is a custom page, not Statuspage v2
  },
  openaiCompatible("openrouter", "OpenRouter", "https://openrouter.ai/api/v1", {
    hooks: ["openrouter-attribution", legacyMaxTokens],
  }),
  openaiCompatible("deepseek", "DeepSeek", "https://api.deepseek.com/v1", {
    hooks: [legacyMaxTokens],
    statusPage: "https://status.deepseek.com",
  }),
  openaiCompatible("mistral", "Mistral", "https://api.mistral.ai/v1", {
    hooks: [legacyMaxTokens, "random-seed-field", "drop-stream-options", "strip-unsupported-params"],
    // Mistral's schema forbids extra fields (422); these OpenAI fields are not in it.
    unsupportedParams: ["store", "logit_bias", "logprobs", "top_logprobs", "user", "service_tier", "safety_identifier", "prompt_cache_key"],
  }),
  openaiCompatible("xai", "xAI", "https://api.x.ai/v1"),
  openaiCompatible("groq", "Groq", "https://api.groq.com/openai/v1", {
    hooks: ["strip-unsupported-params"],
    // Groq's OpenAI-compatibility page: these "will result in a 400 error if supplied".
    unsupportedParams: ["logprobs", "logit_bias", "top_logprobs", "messages[].name"],
    statusPage: "https://groqstatus.com",
  }),
  openaiCompatible("together", "Together AI", "https://api.together.xyz/v1", { hooks: [legacyMaxTokens] }),
  openaiCompatible("moonshot", "Moonshot AI", "https://api.moonshot.ai/v1", { hooks: [legacyMaxTokens] }),
  // International endpoint; mainland China accounts set DASHSCOPE_BASE_URL to
  // https://dashscope.aliyuncs.com/compatible-mode/v1. Only DASHSCOPE_API_KEY is read:
  // it is the one variable Alibaba's docs and SDKs use.
  openaiCompatible("dashscope", "Alibaba DashScope (Qwen)", "https://dashscope-intl.aliyuncs.com/compatible-mode/v1", {
    hooks: [legacyMaxTokens],
  }),
  {
    id: "ollama",
    name: "Ollama",
    dialect: "ollama",
    baseUrl: "http://localhost:11434",
    // Local Ollama needs no key; Ollama Cloud (or a proxy in front) takes a Bearer key.
    auth: "bearer",
    keyEnv: ["OLLAMA_API_KEY"],
    keyRequired: false,
    baseUrlEnv: "OLLAMA_HOST",
    defaultHeaders: {},
    hooks: [],
    unsupportedParams: [],
    modelsPath: "/api/tags",
    statusPage: undefined,
  },
];

export function findProviderRow(id: string): ProviderRow | undefined {
  return providerTable.find((row) => row.id === id);
}
