/**
 * An error that arrives inside a stream, after the 200: every dialect reads it the same way,
 * with the status the vendor's error body implies (the HTTP status can no longer say).
 */
import { classifyFailure } from "../../core/classify-failure.ts";
import { UpstreamError } from "../../core/errors.ts";

export function inStreamError(input: { body: unknown; status: number; model: string; excerpt: string }): UpstreamError {
  const classification = classifyFailure({ status: input.status, body: input.body });
  return new UpstreamError({
    provider: "",
    model: input.model,
    kind: classification.kind,
    message: classification.message,
    status: input.status,
    bodyExcerpt: input.excerpt.slice(0, 500),
    ...(classification.vendorCode === undefined ? {} : { vendorCode: classification.vendorCode }),
    ...(classification.retryAfterMs === undefined ? {} : { retryAfterMs: classification.retryAfterMs }),
  });
}

/** A frame that does not parse, or lacks what its type requires: the upstream's failure (kind server). */
export function malformedChunkError(input: { dialect: string; data: string; model: string; reason?: string; cause?: unknown }): UpstreamError {
  const excerpt = input.data.length > 200 ? `${input.data.slice(0, 200)}…` : input.data;
  const why = input.reason === undefined ? "" : ` (${input.reason})`;
  return new UpstreamError({
    provider: "",
    model: input.model,
    kind: "server",
    message: `Malformed chunk in the ${input.dialect} stream${why}: ${excerpt}`,
    bodyExcerpt: excerpt,
    ...(input.cause === undefined ? {} : { cause: input.cause }),
  });
}
