/**
 * @module
 * Scripted failures → the vendor's error answer: status, body from the dialect's own
 * `encodeError`, and headers (`retry-after` when a back-off is given; Gemini carries it as
 * RetryInfo in the body instead, and sends no rate-limit headers, protocols.md 3.4).
 */
import { UpstreamError, type FailureKind, type LlmuxError } from "../core/errors.ts";
import type { DialectId } from "../core/types/message.ts";
import type { Dialect } from "../dialects/dialect.ts";
import { isRecord } from "./check-value.ts";
import type { SimulatedFailure } from "./behaviour.ts";

export interface ErrorAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

const defaultMessages: Record<FailureKind, string> = {
  "rate-limit": "Rate limit reached for requests. Please try again later.",
  quota: "You exceeded your current quota, please check your plan and billing details.",
  auth: "Incorrect API key provided.",
  overloaded: "Overloaded",
  server: "The server had an error while processing your request. Sorry about that!",
  timeout: "Request timed out.",
  connection: "Upstream connect error or disconnect/reset before headers.",
  "context-window": "The prompt is too long for this model's maximum context length.",
  "content-policy": "Your request was rejected as a result of our safety system.",
  "invalid-request": "Invalid request.",
  "not-found": "The model does not exist or you do not have access to it.",
};

/** `retry-after` in seconds: whole seconds when exact, else a fraction (llmux and the SDKs parse both). */
export function formatRetryAfter(ms: number): string {
  return ms % 1000 === 0 ? String(ms / 1000) : String(Number((ms / 1000).toFixed(3)));
}

/** The answer a dialect gives for any LlmuxError, with `status` overriding the usual one. */
export function encodeErrorAnswer(dialect: Dialect, error: LlmuxError, status?: number): ErrorAnswer {
  const encoded = dialect.encodeError(error);
  const body = encoded.body;
  if (status !== undefined && isRecord(body) && isRecord(body["error"]) && typeof body["error"]["code"] === "number") {
    // Gemini repeats the HTTP status in the body.
    body["error"]["code"] = status;
  }
  return { status: status ?? encoded.status, headers: {}, body };
}

export function buildFailureAnswer(dialect: Dialect, failure: SimulatedFailure, model: string): ErrorAnswer {
  const error = new UpstreamError({
    provider: "simulator",
    model,
    kind: failure.kind,
    message: failure.message ?? defaultMessages[failure.kind],
    retryAfterMs: failure.retryAfterMs,
  });
  const answer = encodeErrorAnswer(dialect, error, failure.status);
  if (failure.retryAfterMs !== undefined && dialect.id !== "gemini") answer.headers["retry-after"] = formatRetryAfter(failure.retryAfterMs);
  Object.assign(answer.headers, failure.headers);
  return answer;
}

/** The vendor's own wording for a prompt over the context window (classifyFailure reads each as context-window). */
export function describeContextOverflow(dialect: DialectId, promptTokens: number, limit: number): string {
  switch (dialect) {
    case "openai-chat":
      return `This model's maximum context length is ${limit} tokens. However, your messages resulted in ${promptTokens} tokens. Please reduce the length of the messages.`;
    case "anthropic-messages":
      return `prompt is too long: ${promptTokens} tokens > ${limit} maximum`;
    case "gemini":
      return `The input token count (${promptTokens}) exceeds the maximum number of tokens allowed (${limit}).`;
    case "ollama":
      return `the input length (${promptTokens} tokens) exceeds the context length (${limit} tokens)`;
  }
}
