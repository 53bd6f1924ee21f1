/**
 * @module
 * Reads and validates a config file. Synchronous on purpose: it runs once at startup (and on
 * a debounced reload), and a sync read keeps the CLI's startup path simple.
 */
import { readFileSync } from "node:fs";
import { ConfigError } from "../core/errors.ts";
import type { Environment } from "./interpolate-env.ts";
import { parseConfigText, type ParsedConfig } from "./parse-config-text.ts";

export interface LoadConfigOptions {
  /** Resolves `${VAR}`; `process.env` by default. */
  env?: Environment;
}

/** Reads the file's text, turning a missing or unreadable file into a `ConfigError` naming it. */
export function readConfigText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "file not found" : code === "EACCES" ? "permission denied" : `cannot read (${code ?? "unknown error"})`;
    throw new ConfigError(`${path}: ${reason}`, { file: path, cause: error });
  }
}

/**
 * Loads `path` → `{ config, warnings }`. Throws `ConfigError` when the file cannot be read,
 * or `InvalidConfigError` (a `ConfigError` with `issues`) listing every problem in it.
 * Messages name the file by `path` as given, so `llmux.yaml:14:` reads as the user typed it.
 */
export function loadConfigFile(path: string, options: LoadConfigOptions = {}): ParsedConfig {
  return parseConfigText(readConfigText(path), path, options.env ?? process.env);
}
