/**
 * @module
 * GET of a JSON document with conditional requests: remembers each URL's `ETag` and
 * `Last-Modified`, sends `If-None-Match` / `If-Modified-Since`, and answers a 304 with the
 * body it kept. Every request carries `AbortSignal.timeout` plus the owner's stop signal.
 */
import { LlmuxError } from "../core/errors.ts";

export type FetchFunction = typeof fetch;

export interface JsonClientOptions {
  fetch: FetchFunction;
  /** Upper bound for one request, headers and body. */
  requestTimeoutMs: number;
  /** Aborts every request in flight when the owner stops. */
  signal: AbortSignal;
}

interface Validated {
  etag: string | undefined;
  lastModified: string | undefined;
  body: unknown;
}

export class JsonClient {
  readonly #options: JsonClientOptions;
  readonly #validated = new Map<string, Validated>();

  constructor(options: JsonClientOptions) {
    this.#options = options;
  }

  /** The parsed body; throws an `LlmuxError` on network failure, timeout, non-2xx or non-JSON. */
  async getJson(url: string): Promise<unknown> {
    const kept = this.#validated.get(url);
    const headers: Record<string, string> = { accept: "application/json" };
    if (kept?.etag !== undefined) headers["if-none-match"] = kept.etag;
    if (kept?.lastModified !== undefined) headers["if-modified-since"] = kept.lastModified;
    const signal = AbortSignal.any([AbortSignal.timeout(this.#options.requestTimeoutMs), this.#options.signal]);
    try {
      const response = await this.#options.fetch(url, { headers, signal });
      if (response.status === 304 && kept) {
        await response.body?.cancel();
        return kept.body;
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw new LlmuxError("upstream_error", `HTTP ${response.status}`);
      }
      const text = await response.text();
      const body = parseJson(text);
      const etag = response.headers.get("etag") ?? undefined;
      const lastModified = response.headers.get("last-modified") ?? undefined;
      if (etag !== undefined || lastModified !== undefined) this.#validated.set(url, { etag, lastModified, body });
      else this.#validated.delete(url);
      return body;
    } catch (error) {
      if (LlmuxError.isInstance(error)) throw error;
      throw new LlmuxError("upstream_error", describeFetchFailure(error, this.#options.requestTimeoutMs), { cause: error });
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new LlmuxError("upstream_error", "response is not JSON", { cause: error });
  }
}

function describeFetchFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error) {
    if (error.name === "TimeoutError") return `no response within ${timeoutMs} ms`;
    if (error.name === "AbortError") return "request aborted";
    const code = (error.cause as { code?: unknown } | undefined)?.code;
    if (typeof code === "string") return `connection failed (${code})`;
    return error.message;
  }
  return String(error);
}
