/**
 * @module
 * The gateway's running state, built from a config: providers, one Router per mode (all
 * sharing one health tracker, catalog, status source and connection pools), the usage
 * store and metrics. A hot reload swaps providers and routers; health and usage carry on.
 */
import { createCatalog, parseModelOverrides, type Catalog } from "../catalog/index.ts";
import { resolveMode, type LlmuxConfig } from "../config/index.ts";
import { InvalidRequestError } from "../core/errors.ts";
import { HealthTracker } from "../health/index.ts";
import type { Environment } from "../providers/discover.ts";
import { createHttpClient, type HttpClient } from "../providers/http-client.ts";
import type { ProviderRegistry } from "../providers/registry.ts";
import { buildRegistry, cooldownOverridesFromConfig, routerOptionsFromConfig } from "../routing/from-config.ts";
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
    this.health = options.health ?? new HealthTracker({ cooldowns: cooldownOverridesFromConfig(options.config) });
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
      ...routerOptionsFromConfig(config),
      providers: this.registry,
      catalog: this.catalog,
      health: this.health,
      status: this.status ?? false,
      http: this.http,
    });
  }

  async close(): Promise<void> {
    this.status?.stop();
    await this.http.close();
    await this.usage?.close();
  }
}

/** The config's model overrides, checked by the catalog itself (it names a bad field). */
function catalogFor(config: LlmuxConfig): Catalog {
  return createCatalog({ overrides: parseModelOverrides(config.catalog.models, "catalog.models") });
}
