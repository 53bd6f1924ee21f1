/**
 * @module
 * Keep-alive connection pools, one undici Agent per connect timeout (undici fixes the
 * connect timeout per agent; in practice there is one value). Each Agent keeps one Pool
 * per origin, so sequential calls to a provider reuse warm sockets.
 */
import type { Dispatcher } from "undici";
// Only the Agent: undici's index also loads fetch, WebSocket, caches and mocks, about 14 MiB
// of resident memory a gateway never uses.
import Agent from "undici/lib/dispatcher/agent.js";

export interface PoolOptions {
  /** How long an idle socket stays open for reuse. */
  keepAliveMs?: number;
  /** Upper bound on a server's keep-alive hint. */
  keepAliveMaxMs?: number;
  /** Sockets per origin; undefined means unlimited. */
  connectionsPerOrigin?: number;
}

export class ConnectionPools {
  readonly #agents = new Map<number, Agent>();
  readonly #options: PoolOptions;
  #closed = false;

  constructor(options: PoolOptions = {}) {
    this.#options = options;
  }

  /** The dispatcher to use for a request with this connect timeout. */
  dispatcherFor(connectMs: number): Dispatcher {
    if (this.#closed) throw new Error("connection pools are closed");
    let agent = this.#agents.get(connectMs);
    if (!agent) {
      agent = new Agent({
        connect: { timeout: connectMs },
        keepAliveTimeout: this.#options.keepAliveMs ?? 30_000,
        keepAliveMaxTimeout: this.#options.keepAliveMaxMs ?? 120_000,
        connections: this.#options.connectionsPerOrigin ?? null,
        // First-byte and idle limits are the client's own timers (undici's are disabled per request).
      });
      this.#agents.set(connectMs, agent);
    }
    return agent;
  }

  /** Closes idle sockets and waits for in-flight requests. */
  async close(): Promise<void> {
    this.#closed = true;
    const agents = [...this.#agents.values()];
    this.#agents.clear();
    await Promise.all(agents.map((agent) => agent.close()));
  }

  /** Tears down every socket now, in-flight requests included. */
  async destroy(): Promise<void> {
    this.#closed = true;
    const agents = [...this.#agents.values()];
    this.#agents.clear();
    await Promise.all(agents.map((agent) => agent.destroy()));
  }
}
