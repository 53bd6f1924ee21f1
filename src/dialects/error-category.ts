/**
 * @module
 * Which kind of failure an LlmuxError is, for encoders: each dialect maps a category to
 * its own status and error type with a small table, so the decision lives here once.
 */
import { LlmuxError, UpstreamError, type FailureKind } from "../core/errors.ts";

export type ErrorCategory = FailureKind | "unauthorized" | "aborted" | "unavailable" | "internal";

export function categorizeError(error: LlmuxError): ErrorCategory {
  if (error instanceof UpstreamError) return error.kind;
  const kind = (error as { kind?: unknown }).kind;
  switch (error.code) {
    case "invalid_request":
    case "config_error":
      return "invalid-request";
    case "not_found":
    case "provider_not_configured":
    case "no_candidate":
      return "not-found";
    case "unauthorized":
      return "unauthorized";
    case "aborted":
      return "aborted";
    case "all_providers_down":
    case "provider_call_failed":
      // Routing errors name the kind that ended the last attempt, when there was one.
      return typeof kind === "string" ? (kind as FailureKind) : "unavailable";
    default:
      return "internal";
  }
}
