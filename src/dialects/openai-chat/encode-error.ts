/**
 * @module
 * Any LlmuxError → OpenAI's status and `{"error":{message,type,param,code}}` body, from one
 * table (protocols.md 1.2). `classifyFailure` reads each row back as the same kind, except
 * `connection`: OpenAI has no distinct status for it, so it reads back as `server`.
 */
import { InvalidRequestError, type LlmuxError } from "../../core/errors.ts";
import type { ErrorEncoding } from "../dialect.ts";
import { categorizeError, type ErrorCategory } from "../error-category.ts";
import type { OpenAIChatErrorBody } from "./wire-types.ts";

interface ErrorRow {
  status: number;
  type: string;
  code: string | null;
}

const errorRows: Record<ErrorCategory, ErrorRow> = {
  "rate-limit": { status: 429, type: "requests", code: "rate_limit_exceeded" },
  quota: { status: 429, type: "insufficient_quota", code: "insufficient_quota" },
  auth: { status: 401, type: "invalid_request_error", code: "invalid_api_key" },
  overloaded: { status: 503, type: "service_unavailable_error", code: "server_is_overloaded" },
  server: { status: 500, type: "server_error", code: "server_error" },
  timeout: { status: 504, type: "timeout_error", code: "timeout" },
  connection: { status: 502, type: "upstream_error", code: "bad_gateway" },
  "context-window": { status: 400, type: "invalid_request_error", code: "context_length_exceeded" },
  "content-policy": { status: 400, type: "invalid_request_error", code: "content_policy_violation" },
  "invalid-request": { status: 400, type: "invalid_request_error", code: null },
  "not-found": { status: 404, type: "invalid_request_error", code: "model_not_found" },
  unauthorized: { status: 401, type: "invalid_request_error", code: "invalid_api_key" },
  aborted: { status: 499, type: "request_aborted", code: null },
  unavailable: { status: 503, type: "service_unavailable_error", code: "service_unavailable" },
  internal: { status: 500, type: "server_error", code: "internal_error" },
};

/** The error object alone: the HTTP body's `error`, and the in-stream error frame's. */
export function encodeErrorBody(error: LlmuxError): { status: number; body: OpenAIChatErrorBody } {
  const row = errorRows[categorizeError(error)];
  const param = error instanceof InvalidRequestError ? (error.param ?? null) : null;
  return { status: row.status, body: { error: { message: error.message, type: row.type, param, code: row.code } } };
}

export function encodeError(error: LlmuxError): ErrorEncoding {
  return encodeErrorBody(error);
}
