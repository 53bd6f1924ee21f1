/**
 * @module
 * Configuration: the YAML file's schema, loading with `${VAR}` interpolation and line-accurate
 * errors, modes, hot reload, hashed gateway keys and the starter file.
 */
export { configSchema } from "./schema.ts";
export type {
  AuthConfig,
  GatewayKeyEntry,
  LlmuxConfig,
  ModeConfig,
  ModelOverrideConfig,
  ProviderConfig,
  RetriesConfig,
  RoutingConfig,
  ServerConfig,
  StatusConfig,
  TimeoutsConfig,
  UsageConfig,
} from "./schema.ts";
export { defaultConfig } from "./default-config.ts";
export { parseConfigText, type ParsedConfig } from "./parse-config-text.ts";
export { loadConfigFile, type LoadConfigOptions } from "./load-config-file.ts";
export { interpolateText, type Environment } from "./interpolate-env.ts";
export { formatConfigIssue, InvalidConfigError, type ConfigIssue } from "./config-issue.ts";
export { resolveMode } from "./resolve-mode.ts";
export { watchConfig, type ConfigWatcher, type ConfigWatchHandlers, type WatchConfigOptions } from "./watch-config.ts";
export { generateGatewayKey, hashKey, matchGatewayKey, verifyKey, type GeneratedGatewayKey } from "./gateway-key.ts";
export { exampleConfig } from "./example-config.ts";
