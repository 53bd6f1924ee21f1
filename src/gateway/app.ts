/**
 * @module
 * The gateway's request dispatch: a route table (method, path pattern, dialect, access),
 * the `/m/{mode}/` prefix, auth, the client-disconnect signal, and the one error boundary.
 * Works on node:http objects directly: the Web Request/Response layer would cost the fast
 * path a large share of its throughput.
 */
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { InvalidRequestError, NotFoundError } from "../core/errors.ts";
import type { Dialect } from "../dialects/dialect.ts";
import { dialects } from "../dialects/registry.ts";
import { identifyCaller, requireAdmin } from "./auth.ts";
import type { GatewayRoute, RequestContext } from "./context.ts";
import { sendError } from "./errors.ts";
import { gatewayRoutes } from "./routes/index.ts";
import type { GatewayRuntime } from "./runtime.ts";


const modePrefix = /^\/m\/([A-Za-z0-9._-]+)(\/.*)$/;

// Request ids: a random prefix per process and a counter, unique without a UUID per request.
const idPrefix = `req_${randomBytes(8).toString("hex")}`;
let idCounter = 0;

function newRequestId(): string {
  idCounter += 1;
  return `${idPrefix}${idCounter.toString(36).padStart(6, "0")}`;
}

/** A path WHATWG URL parsing would leave as it is: no dot segments, escapes or odd characters. */
const plainPath = /^\/(?!\/)(?:[A-Za-z0-9_~:@!$&'()*+,;=-]|\.(?![./]|$)|\/(?![./]))*$/;

/** The path of a request target (a plain path needs no URL parsing). */
function pathOf(target: string): string {
  const query = target.indexOf("?");
  const path = query === -1 ? target : target.slice(0, query);
  return plainPath.test(path) ? path : new URL(path, "http://gateway.local").pathname;
}

/**
 * A request's context, its URL parsed only when a handler or auth reads the query (chat
 * requests rarely do). A class, not an object literal with a getter: with the literal (its
 * getter's closure holding the request), every minor GC kept a quarter of the young generation
 * alive and promoted it, and paused 7× longer (docs/performance.md).
 */
class DispatchContext implements RequestContext {
  readonly requestId: string;
  readonly startedAt: number;
  readonly path: string;
  readonly mode: string | undefined;
  dialect: Dialect;
  gatewayKeyId: string | undefined = undefined;
  callerKey: string | undefined = undefined;
  readonly signal: AbortSignal;
  params: Record<string, string> = {};
  readonly #target: string;
  #url: URL | undefined;

  constructor(fields: { requestId: string; startedAt: number; target: string; path: string; mode: string | undefined; dialect: Dialect; signal: AbortSignal }) {
    this.requestId = fields.requestId;
    this.startedAt = fields.startedAt;
    this.#target = fields.target;
    this.path = fields.path;
    this.mode = fields.mode;
    this.dialect = fields.dialect;
    this.signal = fields.signal;
  }

  get url(): URL {
    this.#url ??= new URL(this.#target, "http://gateway.local");
    return this.#url;
  }
}

/** `GET /v1/models` is ambiguous between OpenAI and Anthropic clients: their headers tell. */
function isAnthropicClient(request: IncomingMessage): boolean {
  return request.headers["anthropic-version"] !== undefined;
}

function findRoute(routes: readonly GatewayRoute[], method: string, path: string, request: IncomingMessage): { route: GatewayRoute; params: Record<string, string> } | undefined {
  let pathMatched = false;
  for (const route of routes) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    pathMatched = true;
    if (route.method !== method) continue;
    if (route.dialect.id === "openai-chat" && (path === "/v1/models" || path.startsWith("/v1/models/")) && isAnthropicClient(request)) continue;
    return { route, params: { ...match.groups } };
  }
  if (pathMatched) throw new InvalidRequestError(`Method ${method} is not allowed on ${path}.`);
  return undefined;
}

/** The dialect a path belongs to, for answering errors before a route is known. */
function dialectOfPath(path: string): Dialect {
  if (path.startsWith("/anthropic/")) return dialects["anthropic-messages"];
  if (path.startsWith("/gemini/")) return dialects.gemini;
  if (path.startsWith("/ollama/")) return dialects.ollama;
  return dialects["openai-chat"];
}

export type GatewayListener = (request: IncomingMessage, response: ServerResponse) => void;

export function createGatewayApp(runtime: GatewayRuntime, routes: readonly GatewayRoute[] = gatewayRoutes): GatewayListener {
  return function gateway(request, response) {
    // dispatch answers every error itself; this only guards against a failure while answering one.
    dispatch(runtime, routes, request, response).catch(() => response.destroy());
  };
}

async function dispatch(runtime: GatewayRuntime, routes: readonly GatewayRoute[], request: IncomingMessage, response: ServerResponse): Promise<void> {
  const startedAt = Date.now();
  const requestId = typeof request.headers["x-request-id"] === "string" && /^[\w.-]{1,128}$/.test(request.headers["x-request-id"]) ? request.headers["x-request-id"] : newRequestId();
  const target = request.url ?? "/";
  let path = pathOf(target);
  let mode: string | undefined;
  const prefixed = modePrefix.exec(path);
  if (prefixed) {
    mode = prefixed[1];
    path = prefixed[2] ?? "/";
  }
  const header = request.headers["x-llmux-mode"];
  if (mode === undefined && typeof header === "string" && header !== "") mode = header;

  // The client leaving aborts whatever is still upstream.
  const disconnect = new AbortController();
  response.on("close", () => {
    if (!response.writableFinished) disconnect.abort();
  });

  const context = new DispatchContext({ requestId, startedAt, target, path, mode, dialect: dialectOfPath(path), signal: disconnect.signal });
  try {
    const found = findRoute(routes, request.method ?? "GET", path, request);
    if (!found) throw new NotFoundError(`No route for ${request.method ?? "GET"} ${path}.`);
    context.dialect = found.route.dialect;
    context.params = found.params;
    if (found.route.access === "client") {
      const caller = identifyCaller(request.headers, context, runtime.config.auth);
      context.gatewayKeyId = caller.gatewayKeyId;
      context.callerKey = caller.callerKey;
    } else if (found.route.access === "admin") {
      requireAdmin(request.headers, context, runtime.config.auth);
    }
    await found.route.handler(request, response, context, runtime);
  } catch (error) {
    if (response.headersSent) {
      response.destroy();
      return;
    }
    sendError(response, context, error);
  }
}
