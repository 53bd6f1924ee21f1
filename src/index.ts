/**
 * @module
 * llmux's public API. Nothing but exports: the names here are pinned by test/index.test.ts.
 */

// Library: routing
export { route, stream, defaultRouter, setDefaultRouter } from "./routing/route.ts";
export { Router, defaultRouterTimeouts } from "./routing/router.ts";
export type { RouteOptions, RouterOptions, RouterRegistration, RouterStreamEvent, RouteEvent, RouterTimeouts } from "./routing/router.ts";
export type { RouteResponse, ToolCall } from "./routing/route-response.ts";
export type { RouteInput, RequestOptions, OpenAIStyleMessage, ToolInput } from "./routing/input.ts";
export type { Plan, DeferredCandidate } from "./routing/plan.ts";
export type { Candidate, CandidateOrigin } from "./routing/candidate.ts";
export type { RouterMiddleware, BeforeAttemptContext } from "./routing/middleware.ts";
export type { RetryPolicy } from "./routing/retry-policy.ts";
export type { StrategyName } from "./routing/strategies/index.ts";
export { judgeComplexity, type ComplexityVerdict } from "./routing/complexity.ts";
export { AllProvidersDown, ProviderNotConfigured, ProviderCallFailed, type Attempt, type SkippedCandidate } from "./routing/errors.ts";

// Gateway
export { startGateway, type GatewayOptions, type GatewayHandle } from "./gateway/serve.ts";

// Config
export { loadConfigFile, parseConfigText, exampleConfig, hashKey, generateGatewayKey, type LlmuxConfig } from "./config/index.ts";

// Errors: one hierarchy
export {
  LlmuxError,
  UpstreamError,
  InvalidRequestError,
  NotFoundError,
  UnauthorizedError,
  ConfigError,
  AbortedError,
  type ErrorCode,
  type FailureKind,
} from "./core/errors.ts";
export { classifyFailure, type FailureClassification, type FailureInput } from "./core/classify-failure.ts";

// Canonical model
export type * from "./core/types/message.ts";
export type * from "./core/types/request.ts";
export type * from "./core/types/response.ts";
export type * from "./core/types/event.ts";
export { collectStream, StreamCollector } from "./core/collect-stream.ts";

// Dialects
export { dialects, getDialect } from "./dialects/registry.ts";
export type { Dialect, Translated, StreamEncodeOptions, ResponseEncodeOptions, RequestEncodeOptions } from "./dialects/dialect.ts";
export { openaiChatDialect } from "./dialects/openai-chat/index.ts";
export { anthropicMessagesDialect } from "./dialects/anthropic-messages/index.ts";
export { geminiDialect } from "./dialects/gemini/index.ts";
export { ollamaDialect } from "./dialects/ollama/index.ts";

// Providers
export { ProviderRegistry, type ProviderRegistration } from "./providers/registry.ts";
export { providerTable, type ProviderRow, type ProviderId } from "./providers/table.ts";
export { discoverProviders, missingProviderHint } from "./providers/discover.ts";
export type { ResolvedProvider } from "./providers/resolved-provider.ts";

// Catalog
export { createCatalog, defaultCatalog, type Catalog, type ModelEntry, type ModelOverride, type Pricing } from "./catalog/index.ts";

// Health and status
export { HealthTracker, MemoryHealthStore, type HealthSnapshot, type HealthStore } from "./health/index.ts";
export { StatusAPI, type ProviderStatus, type StatusAPIOptions } from "./status/index.ts";
