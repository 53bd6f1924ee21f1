/**
 * @module
 * A request may name its own ordered fallbacks: an OpenRouter-style `models: [...]` array in
 * the body (or `fallbacks: [...]`), or the `x-llmux-fallbacks: a,b` header. They are taken
 * out of the request so they never reach an upstream.
 */
import type { IncomingHttpHeaders } from "node:http";
import { InvalidRequestError } from "../../core/errors.ts";
import type { CanonicalRequest } from "../../core/types/request.ts";

const bodyFields = ["models", "fallbacks"] as const;

function readList(value: unknown, field: string): string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string" && item !== "")) {
    throw new InvalidRequestError(`\`${field}\` must be an array of model names.`, { param: field });
  }
  return value as string[];
}

/** Removes the fallback fields from the request's extras; returns the ordered model list (requested model first). */
export function takeRequestFallbacks(request: CanonicalRequest, headers: IncomingHttpHeaders): string[] {
  const fallbacks: string[] = [];
  for (const [dialect, fields] of Object.entries(request.extras ?? {})) {
    if (!fields) continue;
    for (const field of bodyFields) {
      if (!(field in fields)) continue;
      fallbacks.push(...readList(fields[field], field));
      delete fields[field];
    }
    if (Object.keys(fields).length === 0) delete request.extras?.[dialect as keyof typeof request.extras];
  }
  const header = headers["x-llmux-fallbacks"];
  const headerText = Array.isArray(header) ? header.join(",") : header;
  if (headerText) fallbacks.push(...headerText.split(",").map((name) => name.trim()).filter((name) => name !== ""));
  // OpenRouter's `models` may repeat the primary model: keep the first occurrence of each.
  return [...new Set([request.model, ...fallbacks])];
}

/** The same fields removed from a raw wire body (the fast path forwards the body itself). */
export function stripFallbackFields(body: Record<string, unknown>): Record<string, unknown> {
  if (!bodyFields.some((field) => field in body)) return body;
  const copy = { ...body };
  for (const field of bodyFields) delete copy[field];
  return copy;
}
