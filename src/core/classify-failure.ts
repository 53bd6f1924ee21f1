/**
 * @module
 * The one place that decides what an upstream failure means: its kind (and so whether it
 * is worth retrying or falling back) and how long to back off. Every vendor's error shape
 * is read here: OpenAI `{error:{type,code}}`, Anthropic `{type:"error",error:{type}}`,
 * Gemini `{error:{status,details}}`, Ollama `{error:"..."}`.
 */
import type { FailureKind } from "./errors.ts";
import { parseDuration, parseRetryAfter } from "./retry-after.ts";

export interface FailureInput {
  status?: number;
  headers?: Record<string, string>;
  /** The upstream body: parsed JSON, or text when it was not JSON. */
  body?: unknown;
  /** A thrown network or timeout error, when there was no HTTP answer. */
  cause?: unknown;
}

export interface FailureClassification {
  kind: FailureKind;
  /** The vendor's own error type/code/status, when the body named one. */
  vendorCode: string | undefined;
  message: string;
  retryAfterMs: number | undefined;
}

interface VendorError {
  codes: string[];
  message: string | undefined;
  retryDelayMs: number | undefined;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function stringField(record: Record<string, unknown> | undefined, key: string): string | undefined {
  const value = record?.[key];
  return typeof value === "string" ? value : undefined;
}

/** Pulls codes and message out of any of the vendors' error bodies. */
function readVendorError(body: unknown): VendorError {
  const result: VendorError = { codes: [], message: undefined, retryDelayMs: undefined };
  if (typeof body === "string") {
    result.message = body;
    return result;
  }
  const root = asRecord(body);
  const errorValue = root?.["error"];
  if (typeof errorValue === "string") {
    result.message = errorValue; // Ollama
    return result;
  }
  const error = asRecord(errorValue);
  if (!error) return result;
  result.message = stringField(error, "message");
  for (const key of ["type", "code", "status"]) {
    const value = error[key];
    if (typeof value === "string") result.codes.push(value);
  }
  const details = error["details"];
  const anthropicCode = stringField(asRecord(details), "error_code");
  if (anthropicCode) result.codes.push(anthropicCode);
  if (Array.isArray(details)) {
    for (const detail of details) {
      const record = asRecord(detail);
      const reason = stringField(record, "reason");
      if (reason) result.codes.push(reason);
      const delay = stringField(record, "retryDelay");
      if (delay) result.retryDelayMs = parseDuration(delay);
    }
  }
  return result;
}

const codeKinds: Record<string, FailureKind> = {
  // OpenAI
  context_length_exceeded: "context-window",
  insufficient_quota: "quota",
  billing_hard_limit_reached: "quota",
  invalid_api_key: "auth",
  rate_limit_exceeded: "rate-limit",
  model_not_found: "not-found",
  content_filter: "content-policy",
  content_policy_violation: "content-policy",
  server_error: "server",
  server_is_overloaded: "overloaded",
  slow_down: "overloaded",
  service_unavailable_error: "overloaded",
  // Anthropic
  overloaded_error: "overloaded",
  rate_limit_error: "rate-limit",
  authentication_error: "auth",
  permission_error: "auth",
  billing_error: "quota",
  enforced_spend_limit_reached: "quota",
  not_found_error: "not-found",
  api_error: "server",
  timeout_error: "timeout",
  request_too_large: "invalid-request",
  // Gemini (google.rpc status names and ErrorInfo reasons)
  RESOURCE_EXHAUSTED: "rate-limit",
  UNAVAILABLE: "overloaded",
  INTERNAL: "server",
  DEADLINE_EXCEEDED: "timeout",
  PERMISSION_DENIED: "auth",
  UNAUTHENTICATED: "auth",
  API_KEY_INVALID: "auth",
  NOT_FOUND: "not-found",
  FAILED_PRECONDITION: "quota",
};

const contextWindowPattern =
  /context[ _-]?length|context window|maximum context|prompt is too long|input is too long|too many (input )?tokens|exceeds the maximum (number of )?tokens|reduce the length of the messages/i;
const contentPolicyPattern = /content[ _-]?(policy|filter|management)|safety (system|filter)|flagged as potentially/i;

function kindFromStatus(status: number): FailureKind {
  if (status === 401 || status === 403) return "auth";
  if (status === 402) return "quota";
  if (status === 404) return "not-found";
  if (status === 408 || status === 504) return "timeout";
  if (status === 429) return "rate-limit";
  if (status === 503 || status === 529) return "overloaded";
  if (status === 409 || status >= 500) return "server";
  return "invalid-request";
}

const timeoutCodes = new Set([
  "ETIMEDOUT",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "ESOCKETTIMEDOUT",
]);

function kindFromCause(cause: unknown): FailureKind {
  let current: unknown = cause;
  for (let depth = 0; depth < 4 && current; depth++) {
    const record = asRecord(current);
    const code = stringField(record, "code");
    const name = stringField(record, "name");
    if ((code && timeoutCodes.has(code)) || name === "TimeoutError") return "timeout";
    current = record?.["cause"];
  }
  return "connection";
}

function describeCause(cause: unknown): string {
  if (cause instanceof Error) {
    const code = stringField(asRecord(cause), "code");
    return code ? `${cause.message} (${code})` : cause.message;
  }
  return String(cause);
}

/** Decides the kind of an upstream failure from its status, headers, body or thrown cause. */
export function classifyFailure(input: FailureInput): FailureClassification {
  if (input.status === undefined) {
    const kind = input.cause === undefined ? "connection" : kindFromCause(input.cause);
    return {
      kind,
      vendorCode: undefined,
      message: input.cause === undefined ? "no response from upstream" : describeCause(input.cause),
      retryAfterMs: undefined,
    };
  }
  const status = input.status;
  const vendor = readVendorError(input.body);
  const message = vendor.message ?? `upstream answered HTTP ${status}`;
  let kind: FailureKind | undefined;
  // The most specific code wins: codes are read type, code, status, then detail reasons.
  for (const code of vendor.codes) {
    const mapped = codeKinds[code];
    if (mapped) kind = mapped;
  }
  if (status >= 400 && status < 500 && status !== 429) {
    if (contextWindowPattern.test(message)) kind = "context-window";
    else if (kind === undefined || kind === "invalid-request") {
      if (contentPolicyPattern.test(message)) kind = "content-policy";
    }
  }
  const retryAfterMs = parseRetryAfter(input.headers) ?? vendor.retryDelayMs;
  // A 429 that names exhausted credit, with no hint of when to come back, is a quota
  // problem (retrying cannot help); with a back-off hint it is a transient limit.
  if (kind === "rate-limit" && retryAfterMs === undefined && /billing|spend limit|credit|insufficient.quota/i.test(message)) {
    kind = "quota";
  }
  kind ??= kindFromStatus(status);
  return { kind, vendorCode: vendor.codes[0], message, retryAfterMs };
}
