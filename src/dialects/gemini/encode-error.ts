/**
 * @module
 * Any LlmuxError → Gemini's google.rpc.Status body with its HTTP status, from one table.
 * Where Gemini tells kinds apart only by wording (a quota, a context window, a safety block
 * share status codes with other errors), the table adds the sentence Gemini itself uses, so
 * `classifyFailure` reads the body back as the same kind. Gemini has no status of its own
 * for a failed connection: it is `UNAVAILABLE`, as for an overloaded model.
 */
import { UpstreamError, type LlmuxError } from "../../core/errors.ts";
import type { ErrorEncoding } from "../dialect.ts";
import { categorizeError, type ErrorCategory } from "../error-category.ts";
import type { GeminiErrorBody } from "./wire-types.ts";

interface ErrorForm {
  code: number;
  status: string;
  /** Gemini's own wording for the kind, appended unless the message already matches `marker`. */
  note?: string;
  marker?: RegExp;
  /** Whether a known back-off goes out as a RetryInfo detail. */
  retryInfo?: boolean;
}

const quotaNote = "You exceeded your current quota, please check your plan and billing details.";

const forms: Record<ErrorCategory, ErrorForm> = {
  "rate-limit": { code: 429, status: "RESOURCE_EXHAUSTED", retryInfo: true },
  // No RetryInfo: with a back-off hint a 429 reads as a transient rate limit.
  quota: { code: 429, status: "RESOURCE_EXHAUSTED", note: quotaNote, marker: /billing/i },
  auth: { code: 403, status: "PERMISSION_DENIED" },
  unauthorized: { code: 401, status: "UNAUTHENTICATED" },
  overloaded: { code: 503, status: "UNAVAILABLE", retryInfo: true },
  connection: { code: 503, status: "UNAVAILABLE", retryInfo: true },
  unavailable: { code: 503, status: "UNAVAILABLE", retryInfo: true },
  server: { code: 500, status: "INTERNAL", retryInfo: true },
  internal: { code: 500, status: "INTERNAL" },
  timeout: { code: 504, status: "DEADLINE_EXCEEDED", retryInfo: true },
  "context-window": {
    code: 400,
    status: "INVALID_ARGUMENT",
    note: "The input token count exceeds the maximum number of tokens allowed.",
    marker: /exceeds the maximum number of tokens/i,
  },
  "content-policy": {
    code: 400,
    status: "INVALID_ARGUMENT",
    note: "The request was blocked by the safety filter.",
    marker: /safety filter|content policy/i,
  },
  "invalid-request": { code: 400, status: "INVALID_ARGUMENT" },
  "not-found": { code: 404, status: "NOT_FOUND" },
  aborted: { code: 499, status: "CANCELLED" },
};

/** google.protobuf.Duration JSON: seconds with an `s` suffix, fractions allowed. */
function formatDelay(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))}s`;
}

export function encodeError(error: LlmuxError): ErrorEncoding {
  const form = forms[categorizeError(error)];
  const message = form.note !== undefined && !form.marker?.test(error.message) ? `${error.message} ${form.note}` : error.message;
  const body: GeminiErrorBody = { error: { code: form.code, message, status: form.status } };
  const retryAfterMs = error instanceof UpstreamError ? error.retryAfterMs : undefined;
  if (form.retryInfo === true && retryAfterMs !== undefined) {
    body.error.details = [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: formatDelay(retryAfterMs) }];
  }
  return { status: form.code, body };
}
