/**
 * @module
 * The issue's targets for llmux, judged on this run's medians (only where the run measured
 * what a target needs). Every comparison is with the raw node:http proxy of the same run.
 */
import type { RoutePlanResult } from "../route-plan/route-plan-spec.ts";
import type { TargetId } from "../targets/targets.ts";
import type { TargetCheck, TargetSummary } from "./results.ts";

const mebibyte = 1024 * 1024;

function find(summaries: readonly TargetSummary[], caseId: string, targetId: TargetId): TargetSummary | undefined {
  return summaries.find((summary) => summary.caseId === caseId && summary.targetId === targetId && summary.status === "ok");
}

function milliseconds(value: number): string {
  return `${value >= 0 ? "+" : ""}${value.toFixed(2)} ms`;
}

/** A throughput ratio: `measured` against `reference` req/s, passing at `least` (undefined: reported only). */
function ratioCheck(goal: string, measured: number, reference: number, least: number | undefined): TargetCheck {
  const ratio = measured / reference;
  return {
    goal,
    measured: `${Math.round(measured)} vs ${Math.round(reference)} req/s (${(ratio * 100).toFixed(0)}%)`,
    pass: least === undefined || ratio >= least,
  };
}

export function checkTargets(summaries: readonly TargetSummary[], routePlan: readonly RoutePlanResult[]): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const fastRps = find(summaries, "c64-0ms", "llmux")?.requestsPerSecond?.median;
  const proxyRps = find(summaries, "c64-0ms", "node-proxy")?.requestsPerSecond?.median;
  if (fastRps !== undefined && proxyRps !== undefined) {
    checks.push(ratioCheck("throughput, 0 ms upstream, c=64, fast path ≥ 75% of the node:http proxy", fastRps, proxyRps, 0.75));
  }
  const llmux50 = find(summaries, "c64-50ms", "llmux");
  const proxy50 = find(summaries, "c64-50ms", "node-proxy");
  if (llmux50?.p50Ms !== undefined && llmux50.p99Ms !== undefined && proxy50?.p50Ms !== undefined && proxy50.p99Ms !== undefined) {
    const p50 = llmux50.p50Ms - proxy50.p50Ms;
    const p99 = llmux50.p99Ms - proxy50.p99Ms;
    checks.push({ goal: "added latency, 50 ms upstream, c=64: p50 ≤ 0.5 ms above the node:http proxy", measured: milliseconds(p50), pass: p50 <= 0.5 });
    checks.push({ goal: "added latency, 50 ms upstream, c=64: p99 ≤ 3 ms above the node:http proxy", measured: milliseconds(p99), pass: p99 <= 3 });
  }
  const llmuxStream = find(summaries, "stream-c64", "llmux");
  const proxyStream = find(summaries, "stream-c64", "node-proxy");
  if (llmuxStream?.ttfbP50Ms !== undefined && proxyStream?.ttfbP50Ms !== undefined) {
    const added = llmuxStream.ttfbP50Ms - proxyStream.ttfbP50Ms;
    checks.push({ goal: "streaming TTFB p50 within 0.5 ms of the node:http proxy", measured: milliseconds(added), pass: added <= 0.5 });
  }
  if (llmuxStream?.spanP50Ms !== undefined && proxyStream?.spanP50Ms !== undefined) {
    // A buffered stream arrives all at once: its first-to-last-byte span collapses.
    const ratio = llmuxStream.spanP50Ms / proxyStream.spanP50Ms;
    checks.push({
      goal: "streamed chunks forwarded as they arrive (first→last byte span ≥ 80% of the proxy's)",
      measured: `${llmuxStream.spanP50Ms.toFixed(1)} vs ${proxyStream.spanP50Ms.toFixed(1)} ms, ${llmuxStream.readsP50 ?? "?"} reads per stream`,
      pass: ratio >= 0.8,
    });
  }
  const translateRps = find(summaries, "c64-0ms", "llmux-translate")?.requestsPerSecond?.median;
  if (translateRps !== undefined && fastRps !== undefined) {
    checks.push(ratioCheck("translation (Anthropic client, OpenAI upstream) ≥ 50% of the fast path's throughput", translateRps, fastRps, 0.5));
  }
  const usageRps = find(summaries, "c64-0ms", "llmux-usage")?.requestsPerSecond?.median;
  if (usageRps !== undefined && fastRps !== undefined) {
    checks.push(ratioCheck("the default SQLite usage store, against the fast path without one (no target; reported)", usageRps, fastRps, undefined));
  }
  for (const caseId of ["c64-0ms", "c64-50ms"]) {
    const rss = find(summaries, caseId, "llmux")?.peakRssBytes;
    if (rss !== undefined) checks.push({ goal: `peak RSS < 150 MiB at c=64 (${caseId})`, measured: `${(rss / mebibyte).toFixed(0)} MiB`, pass: rss < 150 * mebibyte });
  }
  for (const targetId of ["llmux", "llmux-translate"] as const) {
    const open = summaries.find((summary) => summary.caseId === "streams-1000" && summary.targetId === targetId);
    if (!open) continue;
    const peak = open.peakOpen ?? 0;
    checks.push({
      goal: `1,000 concurrent open streams without errors (${targetId})`,
      measured: `${open.status === "ok" ? `${peak} open at peak, ${open.errors} errors` : `${open.status}: ${open.note ?? ""}`}${open.peakRssBytes === undefined ? "" : `, ${(open.peakRssBytes / mebibyte).toFixed(0)} MiB peak RSS`}`,
      pass: open.status === "ok" && open.errors === 0 && peak >= 1000,
    });
  }
  const hundred = routePlan.find((result) => result.candidates === 100);
  if (hundred) {
    checks.push({
      goal: "router.plan() with 100 candidates (no target; reported)",
      measured: `p50 ${(hundred.p50Us / 1000).toFixed(3)} ms, p99 ${(hundred.p99Us / 1000).toFixed(3)} ms`,
      pass: true,
    });
  }
  return checks;
}
