/**
 * @module
 * Hot reload. Watches the file's directory rather than the file: editors that save by writing
 * a temporary file and renaming it over the original replace the inode, and a watch on the
 * old inode would go silent. Events are debounced (one save fires several), and a reload
 * whose text did not change (or that finds the file empty) is skipped. An invalid file reports
 * to `onError` and the running config stays as it was.
 */
import { watch } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { ConfigError } from "../core/errors.ts";
import type { ConfigIssue } from "./config-issue.ts";
import type { Environment } from "./interpolate-env.ts";
import { readConfigText } from "./load-config-file.ts";
import { parseConfigText } from "./parse-config-text.ts";
import type { LlmuxConfig } from "./schema.ts";

export interface ConfigWatchHandlers {
  /** A changed file that validated: apply it. */
  onChange(config: LlmuxConfig, warnings: ConfigIssue[]): void;
  /** A changed file that did not validate (or could not be read): keep the running config. */
  onError(error: ConfigError): void;
}

export interface WatchConfigOptions {
  /** Quiet period after the last event before reloading. Default 100 ms. */
  debounceMs?: number;
  /** Resolves `${VAR}` on each reload; `process.env` by default. */
  env?: Environment;
}

export interface ConfigWatcher {
  /** The last config that validated (at start or on a change); undefined if none has yet. */
  current(): LlmuxConfig | undefined;
  close(): void;
}

function toConfigError(error: unknown, file: string): ConfigError {
  if (error instanceof ConfigError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ConfigError(`${file}: ${message}`, { file, cause: error });
}

export function watchConfig(path: string, handlers: ConfigWatchHandlers, options: WatchConfigOptions = {}): ConfigWatcher {
  const absolute = resolve(path);
  const fileName = basename(absolute);
  const debounceMs = options.debounceMs ?? 100;
  let lastText: string | undefined;
  let current: LlmuxConfig | undefined;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  try {
    lastText = readConfigText(absolute);
    current = parseConfigText(lastText, path, options.env ?? process.env).config;
  } catch {
    // The caller loaded (and reported) the file at startup; the watcher only reports changes.
  }

  const reload = (): void => {
    timer = undefined;
    if (closed) return;
    let text: string;
    try {
      text = readConfigText(absolute);
    } catch (error) {
      lastText = undefined;
      handlers.onError(toConfigError(error, path));
      return;
    }
    // An in-place save truncates before it writes; an empty file is that gap, not a config
    // to apply (it would silently reset everything to defaults). The write's event follows.
    if (text === lastText || text.trim() === "") return;
    lastText = text;
    let parsed: ReturnType<typeof parseConfigText>;
    try {
      parsed = parseConfigText(text, path, options.env ?? process.env);
    } catch (error) {
      handlers.onError(toConfigError(error, path));
      return;
    }
    current = parsed.config;
    handlers.onChange(parsed.config, parsed.warnings);
  };

  const watcher = watch(dirname(absolute), (_event, changed) => {
    // Some platforms omit the name; then any change in the directory triggers a (cheap) check.
    if (closed || (changed !== null && changed !== fileName)) return;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(reload, debounceMs);
  });
  watcher.on("error", (error) => {
    if (!closed) handlers.onError(toConfigError(error, path));
  });

  return {
    current: () => current,
    close(): void {
      closed = true;
      if (timer !== undefined) clearTimeout(timer);
      watcher.close();
    },
  };
}
