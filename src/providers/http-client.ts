/**
 * @module
 * The upstream HTTP client: undici's dispatch API over keep-alive pools (no global fetch,
 * no Readable per answer: upstream-exchange.ts), with four separate timeouts. Transport
 * failures become UpstreamError (`timeout` naming which one fired, or `connection`); the
 * caller's AbortSignal aborts the upstream call, closes its socket, and surfaces as
 * AbortedError.
 */
import { AbortedError } from "../core/errors.ts";
import { ConnectionPools, type PoolOptions } from "./pool.ts";
import type { ProviderKey } from "./provider-key.ts";
import { resolveTimeouts, type UpstreamTimeouts } from "./timeouts.ts";
import { UpstreamExchange } from "./upstream-exchange.ts";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD";

export interface UpstreamRequest {
  url: string;
  method?: HttpMethod;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Missing fields take `defaultTimeouts`. */
  timeouts?: Partial<UpstreamTimeouts>;
  signal?: AbortSignal;
  /** Labels carried by errors. */
  provider?: string;
  model?: string;
  /** Secrets to keep out of error messages (the key used for this call). */
  secrets?: Iterable<ProviderKey | string>;
}

export interface UpstreamResponse {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /**
   * The body, read once. Enforces the idle gap and the total deadline; a cut throws
   * UpstreamError (`connection` or `timeout`). Leaving the loop early closes the socket.
   */
  body: AsyncIterable<Uint8Array>;
  /**
   * The whole body as UTF-8 text, gathered as it arrives rather than through async
   * iteration (the cheap way for a JSON answer). A body past `limitBytes` throws RangeError; a cut or a timeout
   * throws as `body` does. Read the body one way only.
   */
  text(limitBytes: number): Promise<string>;
  /** Drops the body unread (closes the socket and stops the timers). */
  cancel(): void;
}

export interface HttpClient {
  send(request: UpstreamRequest): Promise<UpstreamResponse>;
  /** Closes the pools: idle sockets now, busy ones when their calls end. */
  close(): Promise<void>;
}

export interface HttpClientOptions extends PoolOptions {
  /** Share pools between clients (or inject them in tests). */
  pools?: ConnectionPools;
}

function secretStrings(secrets: Iterable<ProviderKey | string> | undefined): string[] {
  return [...(secrets ?? [])].map((secret) => (typeof secret === "string" ? secret : secret.reveal()));
}

export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const pools = options.pools ?? new ConnectionPools(options);
  return {
    send: (request) => sendWith(pools, request),
    close: () => pools.close(),
  };
}

/** Origin and path of an upstream URL; the same few URLs come back on every call. */
const targets = new Map<string, { origin: string; path: string }>();

function splitUrl(url: string): { origin: string; path: string } {
  let target = targets.get(url);
  if (target === undefined) {
    const parsed = new URL(url);
    target = { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
    if (targets.size >= 1000) targets.clear();
    targets.set(url, target);
  }
  return target;
}

/**
 * An answer whose body the exchange delivers. A class, not an object literal with a getter:
 * a literal's getter closure holding a request's objects kept them alive through minor GCs
 * (docs/performance.md).
 */
class ExchangeResponse implements UpstreamResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly #exchange: UpstreamExchange;
  #body: AsyncIterable<Uint8Array> | undefined;

  constructor(status: number, headers: Record<string, string>, exchange: UpstreamExchange) {
    this.status = status;
    this.headers = headers;
    this.#exchange = exchange;
  }

  // Created on first use: a whole-body read never needs the generator.
  get body(): AsyncIterable<Uint8Array> {
    this.#body ??= this.#exchange.chunks();
    return this.#body;
  }

  text(limitBytes: number): Promise<string> {
    return this.#exchange.text(limitBytes);
  }

  cancel(): void {
    this.#exchange.cancel();
  }
}

function sendWith(pools: ConnectionPools, request: UpstreamRequest): Promise<UpstreamResponse> {
  const timeouts = resolveTimeouts(request.timeouts);
  const caller = request.signal;
  if (caller?.aborted) return Promise.reject(new AbortedError("The request was aborted before it was sent.", { cause: caller.reason }));
  const { origin, path } = splitUrl(request.url);
  return new Promise<UpstreamResponse>((resolve, reject) => {
    const exchange = new UpstreamExchange({
      timeouts,
      signal: caller,
      labels: { url: request.url, provider: request.provider ?? "", model: request.model ?? "", secrets: () => secretStrings(request.secrets) },
      onHead: (head) => resolve(new ExchangeResponse(head.status, head.headers, exchange)),
      onHeadError: reject,
    });
    try {
      pools.dispatcherFor(timeouts.connectMs).dispatch(
        {
          origin,
          path,
          method: request.method ?? (request.body === undefined ? "GET" : "POST"),
          headers: request.headers ?? {},
          body: request.body ?? null,
          // Our own timers enforce the limits (undici's tick at ~1 s and cannot say which fired).
          headersTimeout: 0,
          bodyTimeout: 0,
        },
        exchange,
      );
    } catch (error) {
      exchange.onResponseError(undefined, error instanceof Error ? error : new Error(String(error)));
    }
  });
}

let sharedClient: HttpClient | undefined;

/** The process-wide client most callers want; pools live as long as the process. */
export function defaultHttpClient(): HttpClient {
  sharedClient ??= createHttpClient();
  return sharedClient;
}

/** Sends one request through the shared client. */
export function sendUpstream(request: UpstreamRequest): Promise<UpstreamResponse> {
  return defaultHttpClient().send(request);
}
