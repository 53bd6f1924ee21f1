import assert from "node:assert/strict";
import { test } from "node:test";
import { formatUsageTable } from "../../src/usage/format-usage-table.ts";
import type { UsageSummaryRow } from "../../src/usage/usage-store.ts";

function summary(overrides: Partial<UsageSummaryRow>): UsageSummaryRow {
  return {
    group: "gpt-4o",
    requests: 1,
    failures: 0,
    fallbacks: 0,
    estimatedRequests: 0,
    inputTokens: null,
    outputTokens: null,
    cacheReadTokens: null,
    cacheWriteTokens: null,
    reasoningTokens: null,
    costUsd: null,
    unpricedRequests: 1,
    latencyP50Ms: 100,
    latencyP95Ms: 100,
    ...overrides,
  };
}

test("renders an aligned table with unknowns as '-' and a total line", () => {
  const table = formatUsageTable(
    [
      summary({ group: "gpt-4o", requests: 1200, failures: 3, fallbacks: 2, inputTokens: 1_234_567, outputTokens: 89_000, cacheReadTokens: 0, costUsd: 12.3456789, unpricedRequests: 0, latencyP50Ms: 812.4, latencyP95Ms: 2_310 }),
      summary({ group: null, requests: 4, failures: 4, latencyP50Ms: 30, latencyP95Ms: 41 }),
    ],
    { groupLabel: "MODEL" },
  );
  assert.equal(
    table,
    [
      "MODEL   REQUESTS  FAILED  FALLBACK      INPUT  OUTPUT  CACHE READ  CACHE WRITE  COST USD  P50 MS  P95 MS",
      "gpt-4o     1,200       3         2  1,234,567  89,000           0            -   12.3457     812   2,310",
      "(none)         4       4         0          -       -           -            -         -      30      41",
      "TOTAL      1,204       7         2  1,234,567  89,000           0            -  12.3457+       -       -",
      "",
      "+ leaves out requests whose cost is unknown",
    ].join("\n"),
  );
});

test("marks estimated tokens and tiny costs; a single row has no total", () => {
  const table = formatUsageTable([summary({ group: "ollama/llama3", estimatedRequests: 1, inputTokens: 40, outputTokens: 7, costUsd: 0.00001, unpricedRequests: 0 })], { groupLabel: "MODEL" });
  const lines = table.split("\n");
  assert.equal(lines.length, 4);
  assert.match(lines[1] ?? "", /^ollama\/llama3 +1 +0 +0 +~40 +~7 +- +- +<0\.0001 +100 +100$/);
  assert.equal(lines[3], "~ includes token counts estimated by llmux (the upstream reported none)");
});

test("an empty summary says so", () => {
  assert.equal(formatUsageTable([]), "No usage recorded for this period.");
});
