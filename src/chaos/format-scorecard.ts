/**
 * @module
 * The scorecard as text: one row per case (scenario × ingress × form → grade, time, why),
 * then a summary. A grade other than the scenario's expected one is marked with `!`.
 */
import type { Grade } from "./grade-answer.ts";
import type { CaseResult } from "./run-case.ts";

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + " ".repeat(width - text.length);
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function formatScorecard(results: readonly CaseResult[], options: { showPath?: boolean } = {}): string {
  const header = ["scenario", "ingress", ...(options.showPath ? ["path"] : []), "form", "grade", "expect", "time", "note"];
  const rows = results.map((result) => [
    result.scenario,
    result.ingress,
    ...(options.showPath ? [result.path] : []),
    result.stream ? "stream" : "json",
    `${result.ok ? " " : "!"}${result.grade}`,
    result.expected,
    `${result.elapsedMs} ms`,
    shorten(result.requests > 1 ? `${result.requests} requests; ${result.reason}` : result.reason, 90),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? "").length)));
  const line = (cells: string[]): string => cells.map((cell, column) => pad(cell, widths[column] ?? 0)).join("  ").trimEnd();
  return [line(header), line(widths.map((width) => "-".repeat(width))), ...rows.map(line)].join("\n");
}

export function summarizeScorecard(results: readonly CaseResult[], wallMs: number): string {
  const counts: Record<Grade, number> = { pass: 0, safe: 0, fail: 0 };
  for (const result of results) counts[result.grade] += 1;
  const unexpected = results.filter((result) => !result.ok);
  const lines = [
    `${results.length} cases in ${(wallMs / 1000).toFixed(1)} s: ${counts.pass} pass, ${counts.safe} safe, ${counts.fail} fail; ${unexpected.length} not as expected`,
  ];
  for (const result of unexpected) {
    lines.push(`  ! ${result.scenario} via ${result.ingress} (${result.path}, ${result.stream ? "stream" : "json"}): ${result.grade}, expected ${result.expected}: ${result.violations.join("; ") || result.reason}`);
  }
  return lines.join("\n");
}
