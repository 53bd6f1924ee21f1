/**
 * @module
 * What a Router and each of its calls accept: options, per-try timeouts, registrations, and
 * the final event of a stream.
 */
import type { Catalog, ModelOverride } from "../catalog/index.ts";
import type { CanonicalEvent } from "../core/types/event.ts";
import type { HealthTracker, HealthTrackerOptions } from "../health/index.ts";
import type { Environment } from "../providers/discover.ts";
import type { HttpClient } from "../providers/http-client.ts";
import type { ProviderRegistration, ProviderRegistry } from "../providers/registry.ts";
import type { StatusAPI, StatusAPIOptions } from "../status/index.ts";
import type { RequestOptions } from "./input.ts";
import type { RouterMiddleware } from "./middleware.ts";
import type { RetryPolicy } from "./retry-policy.ts";
import type { RouteResponse } from "./route-response.ts";
import type { StrategyName } from "./strategies/index.ts";

/** Timeouts of one try; `firstTokenMs` bounds the wait for the first content of a stream. */
export interface RouterTimeouts {
  connectMs: number;
  firstTokenMs: number;
  idleMs: number;
  /** A whole non-streaming try. */
  attemptMs: number;
  /** The whole request, every try included. */
  totalMs: number;
}

export const defaultRouterTimeouts: Readonly<RouterTimeouts> = {
  connectMs: 10_000,
  firstTokenMs: 30_000,
  idleMs: 60_000,
  attemptMs: 120_000,
  totalMs: 600_000,
};

export interface RouterOptions {
  /** Where providers are discovered. @default process.env */
  env?: Environment;
  /** Use this registry instead of discovering from `env`. */
  providers?: ProviderRegistry;
  catalog?: Catalog;
  /** Model and price overrides, when `catalog` is not given. */
  catalogOverrides?: ModelOverride[];
  health?: HealthTracker;
  healthOptions?: HealthTrackerOptions;
  /**
   * Pre-flight status: a StatusAPI, its options, or false. Off by default: llmux makes no
   * call to a third party unless asked. `{ statusPages: true }` turns on the public status pages.
   */
  status?: StatusAPI | StatusAPIOptions | false;
  /** Longest wait for a status lookup, in ms. @default 2000 */
  checkTimeout?: number;
  strategy?: StrategyName;
  /** Weights by provider id or `provider/model`, for the weighted strategy. */
  weights?: Record<string, number>;
  tiers?: Record<string, string[]>;
  /** The tiers `tier: "auto"` chooses between. @default { simple: "fast", complex: "strong" } */
  autoTier?: { simple: string; complex: string; threshold?: number };
  /** Per-model fallback chains: model → models to try after it. */
  fallbacks?: Record<string, string[]>;
  /** Providers to try, in this order, after a model's home provider (e.g. ["openrouter"]). */
  fallbackProviders?: string[];
  /** Models that registered (custom) providers serve, by provider id (`"*"` for any name). */
  servedModels?: Record<string, string[]>;
  timeouts?: Partial<RouterTimeouts>;
  retry?: Partial<RetryPolicy>;
  middleware?: RouterMiddleware[];
  http?: HttpClient;
  /** Output reserve for planning and for dialects that need a limit. @default 4096 */
  defaultMaxOutputTokens?: number;
  /** Active health probes (a GET of each provider's model list). Off by default. */
  probes?: { intervalMs: number; timeoutMs?: number } | false;
}

export interface RouteOptions extends RequestOptions {
  model?: string;
  tier?: string;
  /** An explicit ordered list of models. */
  models?: string[];
  /** Provider ids (or models) to try first. */
  prefer?: string[];
  /** Provider ids (or models) never to use. */
  exclude?: string[];
  /** @default true */
  allowFallback?: boolean;
  strategy?: StrategyName;
  /** Total time for the request, every try included (ms). */
  timeout?: number;
  /** Per-try timeouts. */
  timeouts?: Partial<RouterTimeouts>;
  signal?: AbortSignal;
  /** Passed to middleware; not sent upstream. */
  metadata?: Record<string, unknown>;
}

/** The last event of `router.stream()`: what `route()` would have said. */
export interface RouteEvent {
  type: "route";
  response: RouteResponse;
}

export type RouterStreamEvent = CanonicalEvent | RouteEvent;

export interface RouterRegistration extends ProviderRegistration {
  /** Models this provider serves (`*` for any name). */
  models?: string[];
}

