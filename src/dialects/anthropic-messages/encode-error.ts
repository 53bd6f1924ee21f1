/**
 * @module
 * Any LlmuxError → Anthropic's native status and error body (protocols.md §2.4), by one
 * table. Each row reads back as the same failure kind through `classifyFailure`, except
 * "connection", which Anthropic has no status for (it reads back as "server").
 */
import type { LlmuxError } from "../../core/errors.ts";
import type { ErrorEncoding } from "../dialect.ts";
import { categorizeError, type ErrorCategory } from "../error-category.ts";
import type { AnthropicErrorBody, AnthropicErrorType } from "./wire-types.ts";

interface ErrorRow {
  status: number;
  type: AnthropicErrorType;
  /** Wording Anthropic uses for this case, prefixed when the message lacks it (classifyFailure reads it). */
  prefix?: string;
}

const errorRows: Record<ErrorCategory, ErrorRow> = {
  "rate-limit": { status: 429, type: "rate_limit_error" },
  quota: { status: 402, type: "billing_error" },
  auth: { status: 401, type: "authentication_error" },
  unauthorized: { status: 401, type: "authentication_error" },
  overloaded: { status: 529, type: "overloaded_error" },
  unavailable: { status: 529, type: "overloaded_error" },
  server: { status: 500, type: "api_error" },
  internal: { status: 500, type: "api_error" },
  connection: { status: 502, type: "api_error" },
  timeout: { status: 504, type: "timeout_error" },
  "context-window": { status: 400, type: "invalid_request_error", prefix: "prompt is too long" },
  "content-policy": { status: 400, type: "invalid_request_error", prefix: "Output blocked by content filtering policy" },
  "invalid-request": { status: 400, type: "invalid_request_error" },
  "not-found": { status: 404, type: "not_found_error" },
  aborted: { status: 499, type: "invalid_request_error" },
};

/** HTTP status Anthropic uses for each error type: reads in-stream errors, which come after a 200. */
export const statusByErrorType: Record<AnthropicErrorType, number> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
  overloaded_error: 529,
};

export function encodeErrorBody(error: LlmuxError): { status: number; body: AnthropicErrorBody } {
  const row = errorRows[categorizeError(error)];
  const { prefix } = row;
  const hasPrefix = prefix === undefined || error.message.toLowerCase().includes(prefix.toLowerCase());
  const message = hasPrefix ? error.message : `${prefix}: ${error.message}`;
  return { status: row.status, body: { type: "error", error: { type: row.type, message } } };
}

export function encodeError(error: LlmuxError): ErrorEncoding {
  return encodeErrorBody(error);
}
