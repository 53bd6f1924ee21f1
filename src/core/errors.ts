/**
 * @module
 * The one error hierarchy. Errors carry data, not HTTP framing: each dialect's
 * `encodeError` maps an `LlmuxError` to its own status and body.
 */

const marker = Symbol.for("llmux.error");

export type ErrorCode =
  | "upstream_error"
  | "invalid_request"
  | "config_error"
  | "provider_not_configured"
  | "no_candidate"
  | "all_providers_down"
  | "provider_call_failed"
  | "aborted"
  | "unauthorized"
  | "not_found"
  | "internal";

/** What went wrong upstream, normalised across vendors: every kind, for code that lists them. */
export const failureKinds = [
  "rate-limit",
  "quota",
  "auth",
  "overloaded",
  "server",
  "timeout",
  "connection",
  "context-window",
  "content-policy",
  "invalid-request",
  "not-found",
] as const;

export type FailureKind = (typeof failureKinds)[number];

export interface LlmuxErrorOptions {
  cause?: unknown;
}

export class LlmuxError extends Error {
  readonly code: ErrorCode;
  readonly [marker] = true;

  constructor(code: ErrorCode, message: string, options: LlmuxErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "LlmuxError";
    this.code = code;
  }

  /** Works across two installed copies of llmux, unlike `instanceof`. */
  static isInstance(value: unknown): value is LlmuxError {
    return typeof value === "object" && value !== null && (value as { [marker]?: unknown })[marker] === true;
  }

  /** Secret-free view for logs and management APIs. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, code: this.code, message: this.message };
  }
}

export interface UpstreamErrorInit {
  provider: string;
  model: string;
  kind: FailureKind;
  message: string;
  status?: number;
  url?: string;
  headers?: Record<string, string>;
  /** A bounded, secret-free excerpt of the upstream body. */
  bodyExcerpt?: string;
  retryAfterMs?: number;
  /** The vendor's own error type/code, e.g. `overloaded_error`, `RESOURCE_EXHAUSTED`. */
  vendorCode?: string;
  cause?: unknown;
}

/** Failure kinds worth trying again (same candidate or the next one). */
const retryableKinds: ReadonlySet<FailureKind> = new Set(["rate-limit", "overloaded", "server", "timeout", "connection"]);

export class UpstreamError extends LlmuxError {
  readonly provider: string;
  readonly model: string;
  readonly kind: FailureKind;
  readonly status: number | undefined;
  readonly url: string | undefined;
  readonly headers: Record<string, string>;
  readonly bodyExcerpt: string | undefined;
  readonly retryAfterMs: number | undefined;
  readonly vendorCode: string | undefined;

  constructor(init: UpstreamErrorInit) {
    super("upstream_error", init.message, { cause: init.cause });
    this.name = "UpstreamError";
    this.provider = init.provider;
    this.model = init.model;
    this.kind = init.kind;
    this.status = init.status;
    this.url = init.url;
    this.headers = init.headers ?? {};
    this.bodyExcerpt = init.bodyExcerpt;
    this.retryAfterMs = init.retryAfterMs;
    this.vendorCode = init.vendorCode;
  }

  get retryable(): boolean {
    return retryableKinds.has(this.kind);
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      provider: this.provider,
      model: this.model,
      kind: this.kind,
      status: this.status,
      retryAfterMs: this.retryAfterMs,
      vendorCode: this.vendorCode,
    };
  }
}

/** The caller's request is malformed or asks for something impossible. */
export class InvalidRequestError extends LlmuxError {
  /** Dotted path of the offending field, when known. */
  readonly param: string | undefined;
  constructor(message: string, options: { param?: string; cause?: unknown } = {}) {
    super("invalid_request", message, options);
    this.name = "InvalidRequestError";
    this.param = options.param;
  }
}

export class NotFoundError extends LlmuxError {
  constructor(message: string) {
    super("not_found", message);
    this.name = "NotFoundError";
  }
}

export class UnauthorizedError extends LlmuxError {
  constructor(message: string) {
    super("unauthorized", message);
    this.name = "UnauthorizedError";
  }
}

export class ConfigError extends LlmuxError {
  /** Where the problem is: file, line and field when known. */
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly field: string | undefined;
  constructor(message: string, where: { file?: string; line?: number; field?: string; cause?: unknown } = {}) {
    super("config_error", message, { cause: where.cause });
    this.name = "ConfigError";
    this.file = where.file;
    this.line = where.line;
    this.field = where.field;
  }
}

/** The request was cancelled by its caller (AbortSignal or client disconnect). */
export class AbortedError extends LlmuxError {
  constructor(message = "The request was aborted.", options: LlmuxErrorOptions = {}) {
    super("aborted", message, options);
    this.name = "AbortedError";
  }
}

/** Turn anything thrown into an LlmuxError, keeping the original as `cause`. */
export function toLlmuxError(value: unknown): LlmuxError {
  if (LlmuxError.isInstance(value)) return value;
  const message = value instanceof Error ? value.message : String(value);
  return new LlmuxError("internal", message, { cause: value });
}
