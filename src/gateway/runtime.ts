/**
 * @module
 * The gateway's running state, built from a config: providers, one Router per mode (all
 * sharing one health tracker, catalog, status source and connection pools), the usage
 * store and metrics. A hot reload swaps providers and routers; health and usage carry on.
 */
import { createCatalog, parseModelOverrides, type Catalog } from "../catalog/index.ts";
import { resolveMode, type LlmuxConfig } from "../config/index.ts";
import { InvalidRequestError, type FailureKind } from "../core/errors.ts";
import { HealthTracker, type CooldownOverrides } from "../health/index.ts";
import { discoverProviders, type Environment } from "../providers/discover.ts";
import { createHttpClient, type HttpClient } from "../providers/http-client.ts";
import { ProviderRegistry, type ProviderRegistration } from "../providers/registry.ts";
import { findProviderRow } from "../providers/table.ts";
import { Router } from "../routing/router.ts";
import { StatusAPI } from "../status/index.ts";
import type { UsageStore } from "../usage/usage-store.ts";
import { GatewayMetrics } from "./metrics.ts";

export interface RuntimeOptions {
  config: LlmuxConfig;
  env: Environment;
  /** Also take providers from environment variables (`--auto`, or no config file). */
  auto: boolean;
  usage: UsageStore | undefined;
  /** Injected in tests; created otherwise. */
  http?: HttpClient;
  health?: HealthTracker;
  /** Status source override (tests pass one pointed at a fake page, or false). */
  status?: StatusAPI | false;
}

/** Providers from the config, plus the environment's when `auto`; config wins on the same id. */
export function buildRegistry(config: LlmuxConfig, env: Environment, auto: boolean): ProviderRegistry {
  const registry = new ProviderRegistry(auto ? discoverProviders(env) : []);
  for (const [id, provider] of Object.entries(config.providers)) {
    if (!provider.enabled) {
      registry.unregister(id);
      continue;
    }
    const row = findProviderRow(id);
    const dialect = provider.dialect ?? row?.dialect;
    const baseUrl = provider.baseUrl ?? (row ? (env[row.baseUrlEnv] ?? row.baseUrl) : undefined);
    if (!dialect || !baseUrl) {
      throw new InvalidRequestError(`Provider "${id}" is not in llmux's table: give it a dialect and a baseUrl.`, { param: `providers.${id}` });
    }
    const registration: ProviderRegistration = { id, dialect, baseUrl, keys: provider.keys, headers: provider.headers };
    const inherited = registry.get(id);
    // Keys from the environment still count when the config names the provider without keys.
    if (provider.keys.length === 0 && inherited) registration.keys = inherited.keys.map((key) => key.reveal());
    registry.register(registration);
  }
  return registry;
}

export class GatewayRuntime {
  config: LlmuxConfig;
  registry: ProviderRegistry;
  catalog: Catalog;
  readonly health: HealthTracker;
  readonly status: StatusAPI | undefined;
  readonly http: HttpClient;
  readonly usage: UsageStore | undefined;
  readonly metrics = new GatewayMetrics();
  readonly startedAt = Date.now();
  readonly #env: Environment;
  readonly #auto: boolean;
  #routers = new Map<string, Router>();
  #modeConfigs = new Map<string, LlmuxConfig>();
  #activeMode: string | undefined;

  constructor(options: RuntimeOptions) {
    this.#env = options.env;
    this.#auto = options.auto;
    this.config = options.config;
    this.usage = options.usage;
    this.http = options.http ?? createHttpClient();
    this.health = options.health ?? new HealthTracker({ cooldowns: cooldownOverrides(options.config) });
    const statusConfig = options.config.status;
    this.status =
      options.status === false
        ? undefined
        : (options.status ??
          (statusConfig.enabled && (statusConfig.statusPages || statusConfig.apiBaseUrl)
            ? new StatusAPI({
                checkTimeout: statusConfig.checkTimeoutMs,
                ...(statusConfig.statusPages ? {} : { statusPages: false as const }),
                ...(statusConfig.apiBaseUrl ? { baseUrl: statusConfig.apiBaseUrl } : {}),
              })
            : undefined));
    this.registry = buildRegistry(options.config, options.env, options.auto);
    this.catalog = catalogFor(options.config);
    this.#activeMode = options.config.mode;
  }

  /** Applies a new (already validated) config without dropping requests in flight. */
  apply(config: LlmuxConfig): void {
    const registry = buildRegistry(config, this.#env, this.#auto);
    const catalog = catalogFor(config);
    this.config = config;
    this.registry = registry;
    this.catalog = catalog;
    // Requests in flight keep the router they started with; new ones get fresh routers.
    this.#routers = new Map();
    this.#modeConfigs = new Map();
    if (config.mode !== undefined) this.#activeMode = config.mode;
    else if (this.#activeMode !== undefined && !(this.#activeMode in config.modes)) this.#activeMode = undefined;
  }

  get activeMode(): string | undefined {
    return this.#activeMode;
  }

  modes(): string[] {
    return Object.keys(this.config.modes);
  }

  setMode(mode: string): void {
    if (!(mode in this.config.modes)) {
      throw new InvalidRequestError(`Unknown mode "${mode}" (modes: ${this.modes().join(", ") || "none configured"}).`, { param: "mode" });
    }
    this.#activeMode = mode;
  }

  /** The effective config of a mode (the active one when none is named). */
  configFor(mode?: string): LlmuxConfig {
    const name = mode ?? this.#activeMode;
    if (name === undefined || !(name in this.config.modes)) return this.config;
    let resolved = this.#modeConfigs.get(name);
    if (!resolved) {
      resolved = resolveMode(this.config, name);
      this.#modeConfigs.set(name, resolved);
    }
    return resolved;
  }

  /** The router for a mode (the active one when none is named). */
  routerFor(mode?: string): Router {
    const name = mode ?? this.#activeMode;
    if (name !== undefined && !(name in this.config.modes)) {
      throw new InvalidRequestError(`Unknown mode "${name}" (modes: ${this.modes().join(", ") || "none configured"}).`, { param: "mode" });
    }
    const key = name ?? "";
    let router = this.#routers.get(key);
    if (!router) {
      router = this.#createRouter(this.configFor(name));
      this.#routers.set(key, router);
    }
    return router;
  }

  #createRouter(config: LlmuxConfig): Router {
    return new Router({
      providers: this.registry,
      catalog: this.catalog,
      health: this.health,
      status: this.status ?? false,
      checkTimeout: config.status.checkTimeoutMs,
      strategy: config.routing.strategy,
      weights: config.routing.weights,
      tiers: config.tiers,
      autoTier: config.routing.autoTier,
      fallbacks: config.fallbacks,
      fallbackProviders: config.fallbackProviders,
      servedModels: Object.fromEntries(
        Object.entries(config.providers).flatMap(([id, provider]) => (provider.models ? [[id, provider.models]] : [])),
      ),
      timeouts: config.timeouts,
      retry: {
        maxRetries: config.retries.maxPerCandidate,
        baseDelayMs: config.retries.backoffBaseMs,
        maxDelayMs: config.retries.backoffMaxMs,
        maxRetryAfterMs: config.retries.maxRetryAfterMs,
      },
      http: this.http,
    });
  }

  async close(): Promise<void> {
    this.status?.stop();
    await this.http.close();
    await this.usage?.close();
  }
}

/** Config gives one length per failure kind: it becomes that kind's base cooldown. */
function cooldownOverrides(config: LlmuxConfig): CooldownOverrides {
  const overrides: CooldownOverrides = {};
  for (const [kind, ms] of Object.entries(config.cooldowns) as Array<[FailureKind, number | undefined]>) {
    if (ms !== undefined) overrides[kind] = { baseMs: ms };
  }
  return overrides;
}

/** The config's model overrides, checked by the catalog itself (it names a bad field). */
function catalogFor(config: LlmuxConfig): Catalog {
  return createCatalog({ overrides: parseModelOverrides(config.catalog.models, "catalog.models") });
}
