/**
 * @module
 * A summary as an aligned plain-text table, for `llmux usage` and `llmux demo`. Unknown figures
 * show as `-`, never 0; `~` marks token sums that include llmux's estimates and `+` a cost that
 * leaves out requests of unknown price (a legend line says so when either appears).
 */
import type { UsageSummaryRow } from "./usage-store.ts";

export interface FormatUsageTableOptions {
  /** Header of the first column, e.g. the group-by name. @default "GROUP" */
  groupLabel?: string;
  /** Add a TOTAL line when there is more than one row. @default true */
  total?: boolean;
}

const headers = ["REQUESTS", "FAILED", "FALLBACK", "INPUT", "OUTPUT", "CACHE READ", "CACHE WRITE", "COST USD", "P50 MS", "P95 MS"];

function formatCount(value: number | null, estimated: boolean): string {
  if (value === null) return "-";
  return `${estimated ? "~" : ""}${value.toLocaleString("en-US")}`;
}

function formatCost(value: number | null, partial: boolean): string {
  if (value === null) return "-";
  const text = value === 0 ? "0" : value < 0.0001 ? "<0.0001" : value.toFixed(4);
  return partial ? `${text}+` : text;
}

function formatMs(value: number | null): string {
  return value === null ? "-" : Math.round(value).toLocaleString("en-US");
}

function sumKnown(values: Array<number | null>): number | null {
  return values.reduce<number | null>((sum, value) => (value === null ? sum : (sum ?? 0) + value), null);
}

function formatCells(label: string, row: UsageSummaryRow, latency: boolean): string[] {
  const estimated = row.estimatedRequests > 0;
  return [
    label,
    formatCount(row.requests, false),
    formatCount(row.failures, false),
    formatCount(row.fallbacks, false),
    formatCount(row.inputTokens, estimated),
    formatCount(row.outputTokens, estimated),
    formatCount(row.cacheReadTokens, estimated),
    formatCount(row.cacheWriteTokens, estimated),
    formatCost(row.costUsd, row.unpricedRequests > 0 && row.costUsd !== null),
    latency ? formatMs(row.latencyP50Ms) : "-",
    latency ? formatMs(row.latencyP95Ms) : "-",
  ];
}

/** Additive columns summed; percentiles do not add up, so the total shows none. */
function sumSummaryRows(rows: readonly UsageSummaryRow[]): UsageSummaryRow {
  const add = (pick: (row: UsageSummaryRow) => number): number => rows.reduce((sum, row) => sum + pick(row), 0);
  return {
    group: "TOTAL",
    requests: add((row) => row.requests),
    failures: add((row) => row.failures),
    fallbacks: add((row) => row.fallbacks),
    estimatedRequests: add((row) => row.estimatedRequests),
    inputTokens: sumKnown(rows.map((row) => row.inputTokens)),
    outputTokens: sumKnown(rows.map((row) => row.outputTokens)),
    cacheReadTokens: sumKnown(rows.map((row) => row.cacheReadTokens)),
    cacheWriteTokens: sumKnown(rows.map((row) => row.cacheWriteTokens)),
    reasoningTokens: sumKnown(rows.map((row) => row.reasoningTokens)),
    costUsd: sumKnown(rows.map((row) => row.costUsd)),
    unpricedRequests: add((row) => row.unpricedRequests),
    latencyP50Ms: 0,
    latencyP95Ms: 0,
  };
}

export function formatUsageTable(rows: readonly UsageSummaryRow[], options: FormatUsageTableOptions = {}): string {
  if (rows.length === 0) return "No usage recorded for this period.";
  const lines = [[options.groupLabel ?? "GROUP", ...headers], ...rows.map((row) => formatCells(row.group ?? "(none)", row, true))];
  const shown = [...rows];
  if ((options.total ?? true) && rows.length > 1) {
    const total = sumSummaryRows(rows);
    lines.push(formatCells("TOTAL", total, false));
    shown.push(total);
  }
  const widths = lines[0]?.map((_, column) => Math.max(...lines.map((cells) => cells[column]?.length ?? 0))) ?? [];
  const text = lines.map((cells) =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0)))
      .join("  ")
      .trimEnd(),
  );
  const legend: string[] = [];
  if (shown.some((row) => row.estimatedRequests > 0)) legend.push("~ includes token counts estimated by llmux (the upstream reported none)");
  if (shown.some((row) => row.unpricedRequests > 0 && row.costUsd !== null)) legend.push("+ leaves out requests whose cost is unknown");
  return [...text, ...(legend.length > 0 ? ["", ...legend] : [])].join("\n");
}
