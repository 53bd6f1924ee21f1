/**
 * @module
 * Modes: named partial overrides (`modes.cheap`, `modes.offline`) switched on by `mode:` or at
 * runtime. Objects merge key by key, so a mode that changes one model's fallback chain keeps
 * the others; arrays and scalars replace, so a mode's chain is exactly what it says.
 */
import { ConfigError } from "../core/errors.ts";
import type { LlmuxConfig, ModeConfig } from "./schema.ts";
import { suggestName } from "./suggest-name.ts";

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function mergeDeep(base: unknown, override: unknown): unknown {
  if (override === undefined) return structuredClone(base);
  if (!isPlainObject(base) || !isPlainObject(override)) return structuredClone(override);
  const merged: Record<string, unknown> = structuredClone(base);
  for (const [key, value] of Object.entries(override)) {
    if (value !== undefined) merged[key] = mergeDeep(base[key], value);
  }
  return merged;
}

/** The sections a mode may override; `description` is documentation only. */
const overridable = ["routing", "fallbacks", "tiers", "fallbackProviders", "timeouts"] as const satisfies readonly (keyof ModeConfig & keyof LlmuxConfig)[];

/**
 * The effective config with mode `modeName` applied (by default the config's own `mode`).
 * Without a mode, a copy of `config`. The result's `mode` names the mode applied. Never
 * changes `config`. Throws `ConfigError` for an unknown mode name.
 */
export function resolveMode(config: LlmuxConfig, modeName: string | undefined = config.mode): LlmuxConfig {
  const resolved = structuredClone(config);
  if (modeName === undefined) return resolved;
  const mode = config.modes[modeName];
  if (mode === undefined) {
    const names = Object.keys(config.modes);
    const suggestion = suggestName(modeName, names);
    const known = names.length === 0 ? "no modes are defined" : `defined modes: ${names.join(", ")}`;
    throw new ConfigError(`Unknown mode ${JSON.stringify(modeName)} (${known})${suggestion === undefined ? "" : `; did you mean ${JSON.stringify(suggestion)}?`}`, {
      field: "mode",
    });
  }
  const sections: Partial<LlmuxConfig> = {};
  for (const section of overridable) {
    Object.assign(sections, { [section]: mergeDeep(config[section], mode[section]) });
  }
  return { ...resolved, ...sections, mode: modeName };
}
