/**
 * @module
 * The config an empty file yields: every section at its defaults.
 */
import { configSchema, type LlmuxConfig } from "./schema.ts";

/** A fresh object each call, so callers may change it freely. */
export function defaultConfig(): LlmuxConfig {
  return configSchema.parse({});
}
