/**
 * @module
 * Ollama's final-object metrics ↔ canonical usage. `prompt_eval_count` is the whole prompt
 * and `eval_count` the whole output; Ollama reports no cache or reasoning subsets. Durations
 * (nanoseconds) have no canonical field: they stay in `usage.raw`, and come back from it.
 */
import type { Usage, Warning } from "../../core/types/response.ts";
import { isRecord } from "../internal/json.ts";
import type { OllamaMetrics } from "./wire-types.ts";

const metricKeys = [
  "total_duration",
  "load_duration",
  "prompt_eval_count",
  "prompt_eval_duration",
  "eval_count",
  "eval_duration",
] as const satisfies ReadonlyArray<keyof OllamaMetrics>;

export const metricFields: ReadonlySet<string> = new Set(metricKeys);

function count(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/** Usage from a final object; counts Ollama left out (it omits zeros) are unknown, not 0. */
export function decodeUsage(chunk: Record<string, unknown>): Usage {
  const raw: OllamaMetrics = {};
  for (const key of metricKeys) {
    const value = count(chunk[key]);
    if (value !== undefined) raw[key] = value;
  }
  return {
    inputTokens: raw.prompt_eval_count,
    outputTokens: raw.eval_count,
    cacheReadTokens: undefined,
    cacheWriteTokens: undefined,
    reasoningTokens: undefined,
    raw,
  };
}

/** Metrics for a final object: counts from usage, durations from an Ollama `raw` when there is one. */
export function encodeUsage(usage: Usage): OllamaMetrics {
  const metrics: OllamaMetrics = {};
  const raw = isRecord(usage.raw) ? usage.raw : {};
  for (const key of ["total_duration", "load_duration", "prompt_eval_duration", "eval_duration"] as const) {
    const value = count(raw[key]);
    if (value !== undefined) metrics[key] = value;
  }
  if (usage.inputTokens !== undefined) metrics.prompt_eval_count = usage.inputTokens;
  if (usage.outputTokens !== undefined) metrics.eval_count = usage.outputTokens;
  return metrics;
}

/** Subsets Ollama has no field for; reported when they carried information. */
export function warnUsageSubsets(usage: Usage, warnings: Warning[]): void {
  const lost = (
    [
      ["cacheReadTokens", usage.cacheReadTokens],
      ["cacheWriteTokens", usage.cacheWriteTokens],
      ["reasoningTokens", usage.reasoningTokens],
    ] as const
  ).filter(([, value]) => value !== undefined && value > 0);
  if (lost.length === 0) return;
  warnings.push({
    code: "unsupported-field",
    message: `Ollama reports no ${lost.map(([name]) => name).join(", ")}; dropped from usage.`,
    path: "usage",
  });
}
