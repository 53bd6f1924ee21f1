/**
 * @module
 * Base URL normalisation for table defaults, env overrides and registrations.
 */
import { ConfigError } from "../core/errors.ts";

/** Trims, removes trailing slashes and checks it is an http(s) URL; `where` names the source in errors. */
export function normalizeBaseUrl(value: string, where: string): string {
  const trimmed = value.trim().replace(/\/+$/, "");
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch (cause) {
    throw new ConfigError(`${where} is not a URL: "${trimmed}" (expected e.g. https://host/v1).`, { field: where, cause });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ConfigError(`${where} must be an http or https URL, got "${url.protocol}".`, { field: where });
  }
  // Query strings and fragments would break `baseUrl + path` joining.
  if (url.search !== "" || url.hash !== "") {
    throw new ConfigError(`${where} must not have a query or fragment.`, { field: where });
  }
  return trimmed;
}

/**
 * OLLAMA_HOST as Ollama itself reads it: `host`, `host:port`, `:port` or a full URL;
 * the scheme defaults to http and the port to 11434. A bind-all address (0.0.0.0, ::)
 * is where the server listens, not where a client connects, so it becomes loopback.
 */
export function normalizeOllamaHost(value: string): string {
  let text = value.trim();
  if (text === "") return "http://127.0.0.1:11434";
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    if (text.startsWith(":")) text = `127.0.0.1${text}`;
    text = `http://${text}`;
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch (cause) {
    throw new ConfigError(`OLLAMA_HOST is not a host or URL: "${value}".`, { field: "OLLAMA_HOST", cause });
  }
  if (url.hostname === "0.0.0.0" || url.hostname === "[::]") url.hostname = "127.0.0.1";
  // Only a scheme-less value gets Ollama's default port; an explicit URL keeps its own.
  if (url.port === "" && !/^[a-z][a-z0-9+.-]*:\/\//i.test(value.trim())) url.port = "11434";
  return normalizeBaseUrl(url.toString(), "OLLAMA_HOST");
}
