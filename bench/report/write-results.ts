/**
 * @module
 * Writes a run's results. A full run writes bench/results/latest.json and docs/benchmarks.md
 * together (the table the README shows, with the machine it came from); quick, filtered or
 * profiling runs write bench/results/last-run.json and leave those two alone.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { formatMachine } from "./describe-machine.ts";
import { formatResults } from "./format-table.ts";
import type { BenchResults } from "./results.ts";

export const resultsPath = fileURLToPath(new URL("../results/latest.json", import.meta.url));
export const partialResultsPath = fileURLToPath(new URL("../results/last-run.json", import.meta.url));
export const docsPath = fileURLToPath(new URL("../../docs/benchmarks.md", import.meta.url));

export function writeResultsJson(results: BenchResults, path = resultsPath): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
}

export function renderBenchmarksDoc(results: BenchResults): string {
  const { run } = results;
  return `# Benchmarks

Measured by \`npm run bench\` (source in \`bench/\`; raw numbers in \`bench/results/latest.json\`).

**Setup.** A fake OpenAI-compatible upstream answers a chat request after a fixed service latency,
or streams 20 content chunks a fixed delay apart. A load generator (undici, one keep-alive
connection per concurrent client) sends the same request back to back and reads every answer to
its last byte. Every target is its own process, pinned to one core; the upstream, the load
generator and the runner share the other core. Targets live for the whole run and are warmed with
5 s of load first (V8 optimises for seconds before it reaches steady state). Within a case, rounds
alternate the targets (who goes first rotates); the table shows the median of ${run.rounds} round${run.rounds === 1 ? "" : "s"} of
${run.durationMs / 1000} s (each after ${run.warmupMs} ms of warm-up), and **spread** is half the min–max range of requests/s
across rounds.

**Columns.** Latency is request sent → last byte (for streams, the whole stream); **TTFB** is the
first body byte. **+p50/+p99 vs direct** is what the hop adds over calling the upstream directly.
**Peak RSS** is the target's VmHWM during the case (reset when the case starts; memory a process
kept from earlier cases counts, which is why the c=64 cases run before the c=256 ones). **Target
CPU** is the target's share of its core. **Others' CPU** is the worst round's CPU taken by programs
outside the benchmark: the machine is shared, so each round first waits for it to go quiet and a
disturbed round is measured again, keeping the least disturbed try; a high figure marks a number to
distrust.

- **direct**: the load generator calls the fake upstream itself (the floor).
- **node:http proxy**: a minimal pass-through proxy (\`bench/targets/raw-proxy-process.ts\`), the
  practical floor for any Node gateway.
- **llmux (fast path)**: \`startGateway()\` with one OpenAI provider whose base URL is the upstream;
  an OpenAI client, so the client's body is forwarded with only the model set. No usage store:
  this measures the request path.
- **llmux (fast path, SQLite usage)**: the same with the default usage store, every request
  recorded in a SQLite file (committed before its answer leaves), as \`npm start\` runs.
- **llmux (Anthropic → OpenAI)**: an Anthropic Messages client through the same gateway, translated
  both ways.
- **Portkey 1.15.2**: \`@portkey-ai/gateway\` from npm, \`--headless\`, with \`x-portkey-provider: openai\`
  and \`x-portkey-custom-host\`.

Machine: ${formatMachine(results.machine)}.
Pinning: ${run.pinning}.
Run: ${results.startedAt} → ${results.finishedAt}${run.quick ? " (quick smoke run: not representative)" : ""}.

${formatResults(results)}

Reproduce with \`npm run bench\` (a few minutes on 2 cores). \`npm run bench -- --quick\` is a smoke
run; \`--cases\` and \`--targets\` narrow a run (\`--help\` lists them); \`--profile\` runs llmux with
\`--cpu-prof\` (profiles in \`bench/results/\`) and prints its top functions by self and total time.
`;
}

export function writeBenchmarksDoc(results: BenchResults, path = docsPath): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, renderBenchmarksDoc(results));
}
