/**
 * @module
 * A gateway config file as router settings: the providers it names (plus the environment's
 * when asked), and the routing, tiers, fallbacks, timeouts and retries of a (resolved) config.
 * Shared by the gateway and the CLI, so a config means the same thing to both.
 */
import type { LlmuxConfig } from "../config/index.ts";
import { InvalidRequestError, type FailureKind } from "../core/errors.ts";
import type { CooldownOverrides } from "../health/index.ts";
import { discoverProviders, type Environment } from "../providers/discover.ts";
import { ProviderRegistry, type ProviderRegistration } from "../providers/registry.ts";
import { findProviderRow } from "../providers/table.ts";
import type { RouterOptions } from "./router.ts";

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

/** The routing settings of a config (apply `resolveMode` first for a mode). */
export function routerOptionsFromConfig(config: LlmuxConfig): RouterOptions {
  return {
    checkTimeout: config.status.checkTimeoutMs,
    strategy: config.routing.strategy,
    weights: config.routing.weights,
    tiers: config.tiers,
    autoTier: config.routing.autoTier,
    fallbacks: config.fallbacks,
    fallbackProviders: config.fallbackProviders,
    servedModels: Object.fromEntries(Object.entries(config.providers).flatMap(([id, provider]) => (provider.models ? [[id, provider.models]] : []))),
    timeouts: config.timeouts,
    retry: {
      maxRetries: config.retries.maxPerCandidate,
      baseDelayMs: config.retries.backoffBaseMs,
      maxDelayMs: config.retries.backoffMaxMs,
      maxRetryAfterMs: config.retries.maxRetryAfterMs,
    },
  };
}

/** Config gives one length per failure kind: it becomes that kind's base cooldown. */
export function cooldownOverridesFromConfig(config: LlmuxConfig): CooldownOverrides {
  const overrides: CooldownOverrides = {};
  for (const [kind, ms] of Object.entries(config.cooldowns) as Array<[FailureKind, number | undefined]>) {
    if (ms !== undefined) overrides[kind] = { baseMs: ms };
  }
  return overrides;
}

