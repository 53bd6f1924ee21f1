/**
 * @module
 * Any LlmuxError → Ollama's error answer, `{"error": "message"}` with a status. Ollama has
 * no error types, so the status carries the kind; where a status is shared (400) a short
 * phrase that classifyFailure recognises is put in front of the message, only if needed.
 */
import { classifyFailure } from "../../core/classify-failure.ts";
import type { LlmuxError } from "../../core/errors.ts";
import type { ErrorEncoding } from "../dialect.ts";
import { categorizeError, type ErrorCategory } from "../error-category.ts";
import type { OllamaErrorBody } from "./wire-types.ts";

interface ErrorShape {
  status: number;
  /** Prefix that makes the kind readable from a status other kinds share. */
  phrase?: string;
}

const shapes: Record<ErrorCategory, ErrorShape> = {
  "rate-limit": { status: 429 },
  quota: { status: 402 },
  auth: { status: 401 },
  unauthorized: { status: 401 },
  overloaded: { status: 503 },
  unavailable: { status: 503 },
  server: { status: 500 },
  internal: { status: 500 },
  timeout: { status: 504 },
  // Ollama answers 502 when a cloud model is unreachable; it reads back as "server".
  connection: { status: 502 },
  "context-window": { status: 400, phrase: "the input exceeds the context length" },
  "content-policy": { status: 400, phrase: "blocked by content policy" },
  "invalid-request": { status: 400 },
  "not-found": { status: 404 },
  // Non-standard, as nginx uses it: the caller went away; nobody reads this answer.
  aborted: { status: 499 },
};

export function encodeError(error: LlmuxError): ErrorEncoding {
  const category = categorizeError(error);
  const shape = shapes[category];
  let body: OllamaErrorBody = { error: error.message };
  if (shape.phrase !== undefined && classifyFailure({ status: shape.status, body }).kind !== category) {
    body = { error: `${shape.phrase}: ${error.message}` };
  }
  return { status: shape.status, body };
}
