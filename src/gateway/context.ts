/**
 * @module
 * What every handler gets: the request's id and timing, the ingress dialect (for errors in the
 * caller's own format), the mode, who is calling, and a signal that fires when the client leaves.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Dialect } from "../dialects/dialect.ts";
import type { GatewayRuntime } from "./runtime.ts";

export interface RequestContext {
  requestId: string;
  startedAt: number;
  url: URL;
  /** Path with any `/m/{mode}` prefix removed. */
  path: string;
  /** From the `/m/{mode}/` prefix or the `x-llmux-mode` header; undefined = the active mode. */
  mode: string | undefined;
  /** The dialect errors are answered in. */
  dialect: Dialect;
  /** Id of the gateway key that authenticated the call, when auth is on. */
  gatewayKeyId: string | undefined;
  /** The caller's own provider key, offered for passthrough. */
  callerKey: string | undefined;
  /** Aborts when the client disconnects before the answer is complete. */
  signal: AbortSignal;
  /** Path parameters (e.g. the Gemini model and action). */
  params: Record<string, string>;
}

export type Handler = (request: IncomingMessage, response: ServerResponse, context: RequestContext, runtime: GatewayRuntime) => Promise<void>;

/** public: anyone; client: a gateway key when auth is on; admin: the admin key when auth is on. */
export type Access = "public" | "client" | "admin";

export interface GatewayRoute {
  method: "GET" | "POST";
  /** Matched against the path without any mode prefix; named groups become params. */
  pattern: RegExp;
  dialect: Dialect;
  access: Access;
  handler: Handler;
}
