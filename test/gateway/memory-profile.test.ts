import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { test } from "node:test";

const child = fileURLToPath(new URL("./fixtures/heap-growth.ts", import.meta.url));

function peakHeap(memory: "throughput" | "lean"): number {
  // Its own process: the profile is a process-wide V8 setting.
  return Number(execFileSync(process.execPath, ["--max-semi-space-size=8", child, memory], { encoding: "utf8" }).trim());
}

test("server.memory: lean keeps the V8 heap well below what throughput lets it grow to", () => {
  const throughput = peakHeap("throughput");
  const lean = peakHeap("lean");
  assert.ok(lean < throughput * 0.85, `lean peaked at ${(lean / 2 ** 20).toFixed(0)} MiB, throughput at ${(throughput / 2 ** 20).toFixed(0)} MiB`);
});
