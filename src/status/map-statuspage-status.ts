/**
 * @module
 * Statuspage v2 vocabulary to llmux status levels (protocols.md section 5).
 */
import type { StatusLevel } from "./types.ts";

/** Component `status`: the per-service truth, preferred over the page indicator. */
export function mapComponentStatus(status: string | undefined): StatusLevel {
  switch (status) {
    case "operational":
      return "operational";
    case "degraded_performance":
    case "partial_outage":
    case "under_maintenance":
      return "degraded";
    case "major_outage":
      return "down";
    default:
      return "unknown";
  }
}

/**
 * Page-level `status.indicator`, used only when no component speaks for the provider:
 * then a major or critical page-wide incident is all we know, so it means down.
 */
export function mapPageIndicator(indicator: string | undefined): StatusLevel {
  switch (indicator) {
    case "none":
      return "operational";
    case "minor":
    case "maintenance": // seen in the wild, not in Atlassian's docs
      return "degraded";
    case "major":
    case "critical":
      return "down";
    default:
      return "unknown";
  }
}
