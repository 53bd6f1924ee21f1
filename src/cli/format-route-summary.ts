/**
 * @module
 * The one-line account of how an answer was served, printed on stderr after `chat` and
 * `vision` so stdout holds only the answer.
 */
import type { RouteResponse } from "../routing/route-response.ts";
import { formatUsd } from "./format-values.ts";

export function formatRouteSummary(response: RouteResponse): string {
  const fallback = response.fallbackReason === undefined ? "no fallback" : `fallback: ${response.fallbackReason}`;
  const tokens =
    response.inputTokens === undefined && response.outputTokens === undefined
      ? "tokens unknown"
      : `tokens ${response.inputTokens ?? "?"} in / ${response.outputTokens ?? "?"} out`;
  const cost = response.costUsd === undefined ? "cost unknown" : `cost ${formatUsd(response.costUsd)}`;
  return `route: ${response.modelUsed} via ${response.providerUsed} | ${fallback} | ${tokens} | ${cost} | ${response.latencyMs} ms`;
}
