/**
 * @module
 * A thrown transport error (no HTTP answer, or a body cut short) → UpstreamError. Says
 * which timeout fired; a connection never made counts as `connection`, not `timeout`.
 */
import { classifyFailure } from "../core/classify-failure.ts";
import { UpstreamError } from "../core/errors.ts";
import { redactSecrets, redactUrl } from "./redact-secrets.ts";
import type { UpstreamTimeouts } from "./timeouts.ts";

export interface TransportErrorContext {
  provider: string;
  model: string;
  url: string;
  timeouts: UpstreamTimeouts;
  /** Which of our own timers aborted the call, if one did. */
  expired: "total" | "first-byte" | "idle" | undefined;
  /** Where it broke: before the response headers, or while reading the body. */
  phase: "headers" | "body";
  secrets: Iterable<string>;
}

function errorCode(cause: unknown): string | undefined {
  let current: unknown = cause;
  for (let depth = 0; depth < 4 && typeof current === "object" && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export function mapTransportError(cause: unknown, context: TransportErrorContext): UpstreamError {
  const { timeouts } = context;
  const base = { provider: context.provider, model: context.model, url: redactUrl(context.url), cause };
  const code = errorCode(cause);
  const where = context.phase === "body" ? " while reading the response body" : "";
  if (context.expired === "total") {
    return new UpstreamError({ ...base, kind: "timeout", message: `total timeout: the call exceeded its ${timeouts.totalMs} ms deadline${where}.` });
  }
  if (context.expired === "first-byte" || code === "UND_ERR_HEADERS_TIMEOUT") {
    return new UpstreamError({ ...base, kind: "timeout", message: `firstByte timeout: no response headers within ${timeouts.firstByteMs} ms.` });
  }
  if (context.expired === "idle" || code === "UND_ERR_BODY_TIMEOUT") {
    return new UpstreamError({ ...base, kind: "timeout", message: `idle timeout: no body data for ${timeouts.idleMs} ms.` });
  }
  if (code === "UND_ERR_CONNECT_TIMEOUT") {
    return new UpstreamError({ ...base, kind: "connection", message: `connect timeout: no connection within ${timeouts.connectMs} ms.` });
  }
  const classification = classifyFailure({ cause });
  const description = redactSecrets(classification.message, context.secrets);
  const verb = context.phase === "body" ? "connection lost" : "connection failed";
  return new UpstreamError({ ...base, kind: classification.kind, message: `${verb}${where}: ${description}` });
}
