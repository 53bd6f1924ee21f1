/**
 * @module
 * The upstream HTTP client: undici `request()` over keep-alive pools (no global fetch),
 * with four separate timeouts. Transport failures become UpstreamError (`timeout` naming
 * which one fired, or `connection`); the caller's AbortSignal aborts the upstream call
 * and closes its socket, and surfaces as AbortedError.
 */
import { request as undiciRequest, type Dispatcher } from "undici";
import { AbortedError, type LlmuxError } from "../core/errors.ts";
import { mapTransportError } from "./map-transport-error.ts";
import { ConnectionPools, type PoolOptions } from "./pool.ts";
import type { ProviderKey } from "./provider-key.ts";
import { resolveTimeouts, type UpstreamTimeouts } from "./timeouts.ts";

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
   * The whole body as UTF-8 text, read with events rather than async iteration (the cheap
   * way for a JSON answer). A body past `limitBytes` throws RangeError; a cut or a timeout
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

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    result[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return result;
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

/** Why our own controller aborted the call, if it did. */
type AbortCause = "caller" | "total" | "first-byte" | "idle";

async function sendWith(pools: ConnectionPools, request: UpstreamRequest): Promise<UpstreamResponse> {
  const timeouts = resolveTimeouts(request.timeouts);
  const caller = request.signal;
  if (caller?.aborted) throw new AbortedError("The request was aborted before it was sent.", { cause: caller.reason });

  // One controller aborts the undici call for every reason; `abortCause` says which.
  // The timers are ours, not undici's headersTimeout/bodyTimeout: those tick at ~1 s
  // resolution, and ours can say exactly which limit fired.
  const controller = new AbortController();
  let abortCause: AbortCause | undefined;
  const abortFor = (cause: AbortCause, reason?: unknown): void => {
    if (abortCause !== undefined) return;
    abortCause = cause;
    controller.abort(reason ?? new Error(`${cause} limit reached`));
  };
  const onCallerAbort = (): void => abortFor("caller", caller?.reason);
  caller?.addEventListener("abort", onCallerAbort, { once: true });
  const totalTimer = setTimeout(() => abortFor("total"), timeouts.totalMs);
  const release = (): void => {
    clearTimeout(totalTimer);
    caller?.removeEventListener("abort", onCallerAbort);
  };

  const translate = (error: unknown, phase: "headers" | "body"): LlmuxError => {
    if (abortCause === "caller") return new AbortedError("The request was aborted by its caller.", { cause: error });
    return mapTransportError(error, {
      provider: request.provider ?? "",
      model: request.model ?? "",
      url: request.url,
      timeouts,
      expired: abortCause,
      phase,
      secrets: secretStrings(request.secrets),
    });
  };

  // First byte counts from the call, connection set-up included.
  const firstByteTimer = setTimeout(() => abortFor("first-byte"), timeouts.firstByteMs);
  let response: Dispatcher.ResponseData;
  try {
    response = await undiciRequest(request.url, {
      dispatcher: pools.dispatcherFor(timeouts.connectMs),
      method: request.method ?? (request.body === undefined ? "GET" : "POST"),
      headers: request.headers ?? {},
      body: request.body ?? null,
      signal: controller.signal,
      headersTimeout: 0,
      bodyTimeout: 0,
    });
  } catch (error) {
    release();
    throw translate(error, "headers");
  } finally {
    clearTimeout(firstByteTimer);
  }

  const upstreamBody = response.body;
  let settled = false;
  const cancel = (): void => {
    if (settled) return;
    settled = true;
    release();
    // Nobody reads the body any more: an abort error it may still emit has no one to tell.
    upstreamBody.on("error", () => {});
    upstreamBody.destroy();
  };

  async function* readBody(): AsyncGenerator<Uint8Array> {
    const chunks = upstreamBody[Symbol.asyncIterator]();
    // Idle counts only while we wait on the upstream, so a slow consumer (whose backpressure
    // pauses the socket) is never blamed on the provider. One timer for the whole body,
    // re-armed per wait: cheaper than a new one per chunk.
    let waiting = false;
    const idleTimer = setTimeout(() => {
      if (waiting) abortFor("idle");
    }, timeouts.idleMs);
    try {
      while (true) {
        waiting = true;
        idleTimer.refresh();
        let next: IteratorResult<unknown>;
        try {
          next = await chunks.next();
        } finally {
          waiting = false;
        }
        if (next.done) break;
        yield next.value as Uint8Array;
      }
      settled = true;
      // undici frees the socket for reuse just after the body ends; yielding one turn
      // lets an immediate next call to the same origin take this socket, not a new one.
      await new Promise((resolve) => setImmediate(resolve));
    } catch (error) {
      throw translate(error, "body");
    } finally {
      // Reached on completion, on a throw, and when the consumer leaves the loop early:
      // an unfinished body must not keep its socket (or our timers) alive.
      clearTimeout(idleTimer);
      if (!settled) upstreamBody.destroy();
      settled = true;
      release();
    }
  }

  function text(limitBytes: number): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const idleTimer = setTimeout(() => abortFor("idle"), timeouts.idleMs);
      const finish = (): void => {
        clearTimeout(idleTimer);
        upstreamBody.off("data", onData);
        upstreamBody.off("end", onEnd);
        upstreamBody.off("error", onError);
        settled = true;
        release();
      };
      const onData = (chunk: Buffer): void => {
        idleTimer.refresh();
        size += chunk.length;
        if (size > limitBytes) {
          finish();
          upstreamBody.on("error", () => {});
          upstreamBody.destroy();
          reject(new RangeError(`the answer is larger than ${limitBytes} bytes`));
          return;
        }
        chunks.push(chunk);
      };
      const onEnd = (): void => {
        finish();
        resolve(chunks.length === 1 ? (chunks[0] as Buffer).toString("utf8") : Buffer.concat(chunks, size).toString("utf8"));
      };
      const onError = (error: unknown): void => {
        finish();
        reject(translate(error, "body"));
      };
      upstreamBody.on("data", onData);
      upstreamBody.on("end", onEnd);
      upstreamBody.on("error", onError);
    });
  }

  let body: AsyncIterable<Uint8Array> | undefined;
  return {
    status: response.statusCode,
    headers: flattenHeaders(response.headers),
    // Created on first use: a whole-body read never needs the generator.
    get body() {
      body ??= readBody();
      return body;
    },
    text,
    cancel,
  };
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
