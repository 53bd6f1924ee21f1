/**
 * @module
 * The only file that listens: `startGateway()` builds the runtime from a config, starts
 * node:http, watches the config file for hot reload, and shuts down gracefully (stop
 * accepting, let requests and streams in flight finish up to a deadline, then close).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { defaultConfig, loadConfigFile, watchConfig, type ConfigWatcher, type LlmuxConfig } from "../config/index.ts";
import type { HealthTracker } from "../health/index.ts";
import type { Environment } from "../providers/discover.ts";
import type { HttpClient } from "../providers/http-client.ts";
import type { StatusAPI } from "../status/index.ts";
import { openUsageStore } from "../usage/open-usage-store.ts";
import type { UsageStore } from "../usage/usage-store.ts";
import { createGatewayApp } from "./app.ts";
import { tuneHeap } from "./heap-tuning.ts";
import { GatewayRuntime } from "./runtime.ts";

export interface GatewayOptions {
  /** A validated config; otherwise `configPath` is loaded, otherwise defaults. */
  config?: LlmuxConfig;
  /** A YAML config file, watched for changes (hot reload) unless `watch` is false. */
  configPath?: string;
  watch?: boolean;
  /** Discover providers from environment variables too. @default true when no config file is given */
  auto?: boolean;
  env?: Environment;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Overrides the config's usage store (tests pass a memory store), or false for none. */
  usage?: UsageStore | false;
  status?: StatusAPI | false;
  http?: HttpClient;
  health?: HealthTracker;
  /** Where the gateway says what it does (startup, reloads). @default stderr */
  log?: (line: string) => void;
}

export interface GatewayHandle {
  /** e.g. `http://127.0.0.1:9880` */
  url: string;
  port: number;
  runtime: GatewayRuntime;
  server: Server;
  /** Graceful: stops accepting, waits for requests in flight up to the deadline, then closes. */
  close(deadlineMs?: number): Promise<void>;
}

export async function startGateway(options: GatewayOptions = {}): Promise<GatewayHandle> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const config = options.config ?? (options.configPath ? loadConfigFile(options.configPath, { env }).config : defaultConfig());
  tuneHeap(config.server.memory);
  const usage = options.usage === false ? undefined : (options.usage ?? (config.usage.enabled ? openUsageStore(config.usage.store) : undefined));
  const runtime = new GatewayRuntime({
    config,
    env,
    auto: options.auto ?? options.configPath === undefined,
    usage,
    ...(options.http ? { http: options.http } : {}),
    ...(options.health ? { health: options.health } : {}),
    ...(options.status !== undefined ? { status: options.status } : {}),
  });
  const server = createServer(
    { headersTimeout: config.server.headersTimeoutMs, requestTimeout: config.server.bodyTimeoutMs, keepAliveTimeout: 65_000 },
    createGatewayApp(runtime),
  );
  // Requests Node's parser refuses (oversized or malformed headers) still get a JSON error.
  server.on("clientError", (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy();
    const status = error.code === "HPE_HEADER_OVERFLOW" ? 431 : error.code === "ERR_HTTP_REQUEST_TIMEOUT" ? 408 : 400;
    const body = JSON.stringify({ error: { message: status === 431 ? "Request headers too large." : "Malformed HTTP request.", type: "invalid_request_error", param: null, code: null } });
    socket.end(`HTTP/1.1 ${status} ${status === 431 ? "Request Header Fields Too Large" : status === 408 ? "Request Timeout" : "Bad Request"}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
  });
  const host = options.host ?? config.server.host;
  const port = options.port ?? config.server.port;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const url = `http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}`;

  let watcher: ConfigWatcher | undefined;
  if (options.configPath && options.watch !== false) {
    watcher = watchConfig(options.configPath, {
      onChange(next) {
        try {
          runtime.apply(next);
          log(`llmux: reloaded ${options.configPath}`);
        } catch (error) {
          log(`llmux: rejected ${options.configPath}: ${error instanceof Error ? error.message : String(error)}; the running config stays`);
        }
      },
      onError(error) {
        log(`llmux: rejected ${options.configPath}: ${error.message}; the running config stays`);
      },
    }, { env });
  }

  let closing: Promise<void> | undefined;
  // While closing, a connection whose last response just finished is idle: close it at once
  // rather than wait for the client to drop its keep-alive.
  server.on("request", (_request, response) => {
    response.on("finish", () => {
      if (closing) setImmediate(() => server.closeIdleConnections());
    });
  });
  const close = (deadlineMs = config.server.shutdownDeadlineMs): Promise<void> => {
    closing ??= (async () => {
      watcher?.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          server.closeAllConnections();
          resolve();
        }, deadlineMs);
        timer.unref();
      });
      await Promise.race([closed, deadline]);
      clearTimeout(timer);
      await runtime.close();
    })();
    return closing;
  };
  return { url, port: address.port, runtime, server, close };
}
