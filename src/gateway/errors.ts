/**
 * @module
 * The gateway's one error boundary: every error becomes the caller's dialect's own error body
 * and status, with the request id, the attempts made, and back-off headers set on purpose
 * (`retry-after` when an upstream gave one; `x-should-retry: false` once llmux has already
 * tried every candidate, so client SDKs do not multiply the gateway's retries).
 */
import type { ServerResponse } from "node:http";
import { LlmuxError, toLlmuxError, UpstreamError } from "../core/errors.ts";
import type { RequestContext } from "./context.ts";
import { headerSafe, sendJson } from "./http/respond.ts";
import { BodyTooLargeError } from "./http/read-body.ts";

/** The status an error is answered with in the caller's dialect. */
export function statusOf(error: LlmuxError, context: Pick<RequestContext, "dialect">): number {
  return error instanceof BodyTooLargeError ? 413 : context.dialect.encodeError(error).status;
}

/** Writes the error; returns the status sent. */
export function sendError(response: ServerResponse, context: RequestContext, thrown: unknown): number {
  const error = toLlmuxError(thrown);
  if (error.code === "internal") process.emitWarning(`llmux: internal error on ${context.path}: ${error.message}`);
  const encoded = context.dialect.encodeError(error);
  const status = statusOf(error, context);
  const headers: Record<string, string> = { "x-request-id": context.requestId };
  const attempts = (error as { attempts?: unknown }).attempts;
  if (Array.isArray(attempts)) {
    headers["x-llmux-attempts"] = String(attempts.length);
    headers["x-should-retry"] = "false";
  }
  const retryAfterMs = retryAfterOf(error);
  if (retryAfterMs !== undefined) headers["retry-after"] = String(Math.max(1, Math.ceil(retryAfterMs / 1000)));
  if (error.code !== "internal") headers["x-llmux-error"] = headerSafe(error.code);
  if (!response.headersSent) sendJson(response, status, encoded.body, headers);
  return status;
}

function retryAfterOf(error: LlmuxError): number | undefined {
  if (error instanceof UpstreamError) return error.retryAfterMs;
  return error.cause instanceof UpstreamError ? error.cause.retryAfterMs : undefined;
}
