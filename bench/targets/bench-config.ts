/**
 * @module
 * The llmux config the benchmark runs: what a user would write for one OpenAI-compatible
 * upstream. No usage store and no status checks: the benchmark measures the request path.
 */

export function buildBenchConfigText(upstreamUrl: string): string {
  return [
    "server:",
    "  host: 127.0.0.1",
    "providers:",
    "  openai:",
    `    baseUrl: ${upstreamUrl}/v1`,
    '    keys: ["${BENCH_UPSTREAM_KEY:-sk-bench-upstream}"]',
    "usage:",
    "  enabled: false",
    "status:",
    "  enabled: false",
    "",
  ].join("\n");
}
