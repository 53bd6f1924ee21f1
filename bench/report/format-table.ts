/**
 * @module
 * The one markdown table of a run (requests/s with spread, p50/p99, latency added versus
 * direct, TTFB for streams, peak RSS, errors), the targets verdicts, and the notes.
 */
import type { RoutePlanResult } from "../route-plan/route-plan-spec.ts";
import type { BenchResults, TargetCheck, TargetSummary } from "./results.ts";

const header = [
  "| case | target | req/s (median) | spread | p50 ms | p99 ms | +p50 vs direct | +p99 vs direct | TTFB p50 / p99 ms | peak RSS MiB | target CPU | others' CPU | errors |",
  "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
];

function fixed(value: number | undefined, digits: number): string {
  return value === undefined || !Number.isFinite(value) ? "–" : value.toFixed(digits);
}

function signed(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return "–";
  return `${value >= 0 ? "+" : ""}${value.toFixed(2)}`;
}

function latency(value: number | undefined): string {
  if (value === undefined) return "–";
  return fixed(value, value < 1 ? 3 : value < 100 ? 2 : 1);
}

function summaryRow(summary: TargetSummary): string {
  if (summary.status !== "ok") {
    return `| ${summary.caseTitle} | ${summary.targetLabel} | ${summary.status}: ${summary.note ?? ""} | | | | | | | | | | |`;
  }
  const rps = summary.requestsPerSecond;
  const ttfb = summary.ttfbP50Ms === undefined ? "–" : `${latency(summary.ttfbP50Ms)} / ${latency(summary.ttfbP99Ms)}`;
  const rss = summary.peakRssBytes === undefined ? "–" : fixed(summary.peakRssBytes / 1024 / 1024, 0);
  const cells = [
    summary.caseTitle,
    summary.targetLabel,
    fixed(rps?.median, 0),
    rps === undefined ? "–" : `±${rps.spreadPct.toFixed(1)}%`,
    latency(summary.p50Ms),
    latency(summary.p99Ms),
    signed(summary.addedP50Ms),
    signed(summary.addedP99Ms),
    ttfb,
    rss,
    summary.targetCpuPct === undefined ? "–" : `${summary.targetCpuPct.toFixed(0)}%`,
    summary.foreignCpuPct === undefined ? "–" : `${summary.foreignCpuPct.toFixed(0)}%`,
    String(summary.errors),
  ];
  return `| ${cells.join(" | ")} |`;
}

function routePlanRow(result: RoutePlanResult): string {
  const title = `router.plan(), ${result.candidates} candidate${result.candidates === 1 ? "" : "s"}`;
  return `| ${title} | llmux library | ${fixed(result.plansPerSecond, 0)} | – | ${fixed(result.p50Us / 1000, 3)} | ${fixed(result.p99Us / 1000, 3)} | – | – | – | – | – | – | 0 |`;
}

export function formatTable(summaries: readonly TargetSummary[], routePlan: readonly RoutePlanResult[]): string {
  return [...header, ...summaries.map(summaryRow), ...routePlan.map(routePlanRow)].join("\n");
}

export function formatChecks(checks: readonly TargetCheck[]): string {
  if (checks.length === 0) return "";
  return checks.map((check) => `- ${check.pass ? "✅" : "❌"} ${check.goal}: ${check.measured}`).join("\n");
}

/** Table, verdicts and notes, as printed and as written to docs/benchmarks.md. */
export function formatResults(results: BenchResults): string {
  const errorLines = results.summaries
    .filter((summary) => summary.errors > 0)
    .map((summary) => `- errors in ${summary.caseTitle} / ${summary.targetLabel}: ${summary.errorSamples.join("; ")}`);
  const sections = [formatTable(results.summaries, results.routePlan)];
  const checks = formatChecks(results.checks);
  if (checks) sections.push(`Targets (llmux, from the issue):\n\n${checks}`);
  const notes = [...results.notes.map((note) => `- ${note}`), ...errorLines];
  if (notes.length > 0) sections.push(`Notes:\n\n${notes.join("\n")}`);
  return sections.join("\n\n");
}
