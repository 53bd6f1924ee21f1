/**
 * @module
 * The llmux config the benchmark runs: what a user would write for one OpenAI-compatible
 * upstream. No status checks. No usage store unless `usageDatabase` names one: most targets
 * measure the request path; `llmux-usage` measures it with the default SQLite store.
 */

export function buildBenchConfigText(upstreamUrl: string, usageDatabase?: string): string {
  return [
    "server:",
    "  host: 127.0.0.1",
    "providers:",
    "  openai:",
    `    baseUrl: ${upstreamUrl}/v1`,
    '    keys: ["${BENCH_UPSTREAM_KEY:-sk-bench-upstream}"]',
    "usage:",
    ...(usageDatabase === undefined ? ["  enabled: false"] : ["  enabled: true", "  store:", "    kind: sqlite", `    path: ${JSON.stringify(usageDatabase)}`]),
    "status:",
    "  enabled: false",
    "",
  ].join("\n");
}
