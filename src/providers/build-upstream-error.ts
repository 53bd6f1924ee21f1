/**
 * @module
 * An upstream error answer (status, headers, body) → UpstreamError, read by the
 * dialect's `decodeError`, with a bounded, secret-free body excerpt and the back-off hint.
 */
import { classifyFailure } from "../core/classify-failure.ts";
import { UpstreamError } from "../core/errors.ts";
import type { Dialect } from "../dialects/dialect.ts";
import type { UpstreamResponse } from "./http-client.ts";
import type { ProviderKey } from "./provider-key.ts";
import { readBodyText } from "./read-body-text.ts";
import { redactSecrets, redactUrl } from "./redact-secrets.ts";

/** Longest body excerpt kept on an error, in UTF-8 bytes. */
export const maxExcerptBytes = 2048;
const maxMessageChars = 500;

export interface UpstreamErrorAnswer {
  provider: string;
  model: string;
  status: number;
  headers: Record<string, string>;
  bodyText: string;
  /** The upstream dialect's reader; defaults to the dialect-neutral `classifyFailure`. */
  decodeError?: Dialect["decodeError"];
  url?: string;
  /** Secrets that must not show (the key used for the call). */
  secrets?: Iterable<ProviderKey | string>;
}

/** Cuts text to at most `maxBytes` of UTF-8 without splitting a character. */
export function truncateUtf8(text: string, maxBytes: number): string {
  const bytes = new TextEncoder().encode(text);
  if (bytes.byteLength <= maxBytes) return text;
  return `${new TextDecoder().decode(bytes.subarray(0, maxBytes - 3)).replace(/\uFFFD$/, "")}…`;
}

function parseBody(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export function buildUpstreamError(answer: UpstreamErrorAnswer): UpstreamError {
  const secrets = [...(answer.secrets ?? [])];
  const decode = answer.decodeError ?? classifyFailure;
  const classification = decode({ status: answer.status, headers: answer.headers, body: parseBody(answer.bodyText) });
  const excerpt = answer.bodyText === "" ? undefined : truncateUtf8(redactSecrets(answer.bodyText, secrets), maxExcerptBytes);
  const detail = redactSecrets(classification.message, secrets);
  const message = `${answer.provider} answered HTTP ${answer.status}: ${detail.length > maxMessageChars ? `${detail.slice(0, maxMessageChars)}…` : detail}`;
  const { "set-cookie": _cookie, ...headers } = answer.headers;
  return new UpstreamError({
    provider: answer.provider,
    model: answer.model,
    kind: classification.kind,
    message,
    status: answer.status,
    url: answer.url === undefined ? undefined : redactUrl(answer.url),
    headers,
    bodyExcerpt: excerpt,
    retryAfterMs: classification.retryAfterMs,
    vendorCode: classification.vendorCode,
  });
}

export interface ResponseErrorOptions extends Omit<UpstreamErrorAnswer, "status" | "headers" | "bodyText"> {
  /** How much of the body to read; the excerpt keeps at most 2 KB of it. */
  limitBytes?: number;
}

/** Reads a failed response's body (bounded) and builds its UpstreamError. */
export async function readUpstreamError(response: UpstreamResponse, options: ResponseErrorOptions): Promise<UpstreamError> {
  const bodyText = await readBodyText(response.body, options.limitBytes);
  return buildUpstreamError({ ...options, status: response.status, headers: response.headers, bodyText });
}
