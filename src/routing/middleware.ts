/**
 * @module
 * Middleware hooks around routing: before each attempt (may rewrite the request or veto the
 * candidate), after a response, and on each failed attempt.
 */
import type { UpstreamError } from "../core/errors.ts";
import type { CanonicalRequest } from "../core/types/request.ts";
import type { RouteResponse } from "./route-response.ts";

export interface BeforeAttemptContext {
  request: CanonicalRequest;
  provider: string;
  model: string;
  retry: number;
  /** The caller's `metadata` route option (never sent upstream). */
  metadata: Record<string, unknown> | undefined;
}

export interface RouterMiddleware {
  /** Return a new request to rewrite it, `false` to veto this candidate, nothing to go on. */
  beforeAttempt?(context: BeforeAttemptContext): CanonicalRequest | false | void | Promise<CanonicalRequest | false | void>;
  /** After a successful response (streams: when they finish). */
  afterResponse?(response: RouteResponse): void | Promise<void>;
  /** After each failed attempt; the executor decides what happens next. */
  onError?(error: UpstreamError, context: { provider: string; model: string; retry: number }): void;
}
