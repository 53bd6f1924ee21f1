/**
 * @module
 * `npm run bench`: the llmux benchmark suite. Installs bench/peers (Portkey) on first run,
 * pins the target to one core and everything else to the others, runs the cases, prints one
 * markdown table, and writes bench/results/latest.json (and docs/benchmarks.md after a full
 * run). See `npm run bench -- --help`.
 */
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseBenchOptions, usage, type BenchOptions } from "./options.ts";
import { detectCpuLayout, pinProcess } from "./processes/cpu-layout.ts";
import { formatProfileSummary, summarizeProfile } from "./profile/summarize-profile.ts";
import { checkTargets } from "./report/check-targets.ts";
import { describeMachine } from "./report/describe-machine.ts";
import { formatResults } from "./report/format-table.ts";
import type { BenchResults } from "./report/results.ts";
import { docsPath, partialResultsPath, resultsPath, writeBenchmarksDoc, writeResultsJson } from "./report/write-results.ts";
import { runSuite } from "./run-suite.ts";
import { buildLlmux } from "./setup/build-llmux.ts";
import { ensurePeers } from "./setup/install-peers.ts";

const log = (line: string): void => void process.stderr.write(`${line}\n`);
/** .cpuprofile files land next to latest.json, where .gitignore already excludes them. */
const profileDirectory = fileURLToPath(new URL("results/", import.meta.url));

function readOptions(): BenchOptions {
  try {
    return parseBenchOptions(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
    process.exit(2);
  }
}

function removeOldProfiles(): void {
  for (const name of readdirSync(profileDirectory, { withFileTypes: true })) {
    if (name.isFile() && name.name.startsWith("profile-") && name.name.endsWith(".cpuprofile")) rmSync(`${profileDirectory}${name.name}`);
  }
}

function printProfiles(): void {
  for (const name of readdirSync(profileDirectory).filter((file) => file.startsWith("profile-") && file.endsWith(".cpuprofile"))) {
    process.stdout.write(`\nCPU profile ${name}\n${formatProfileSummary(summarizeProfile(`${profileDirectory}${name}`, 25))}\n`);
  }
}

async function main(): Promise<void> {
  const options = readOptions();
  if (options.help) {
    process.stdout.write(usage);
    return;
  }
  if (Number(process.versions.node.split(".")[0]) < 24) throw new Error(`the bench needs Node 24 (it runs .ts directly); this is ${process.version}`);
  // Before pinning: nproc answers for this process's CPU affinity.
  const machine = describeMachine();
  mkdirSync(profileDirectory, { recursive: true });
  if (options.profile) removeOldProfiles();
  const notes: string[] = [];
  const wantsPortkey = options.targets.includes("portkey");
  const peers = wantsPortkey ? ensurePeers({ install: options.install, log }) : { portkey: undefined, note: undefined };
  if (peers.note) notes.push(peers.note);
  if (peers.portkey) {
    notes.push(
      `Portkey: @portkey-ai/gateway ${peers.portkey.version ?? "?"} from npm with @hono/node-server pinned to ${peers.portkey.honoNodeServerVersion ?? "?"} by npm overrides in bench/peers/package.json (what Portkey's own repository pins); a plain install resolves a newer @hono/node-server under which every streamed answer fails with a 500.`,
    );
  }
  const layout = detectCpuLayout();
  const pinning = layout.pinned ? `target on CPU ${layout.targetCores}; runner, fake upstream and load generator on CPU ${layout.otherCores} (taskset)` : (layout.note ?? "not pinned");
  if (!layout.pinned) notes.push(`Not pinned: ${layout.note ?? "unknown reason"}.`);
  pinProcess(process.pid, layout.otherCores);
  log(`bench: ${options.quick ? "quick smoke run" : "full run"}, ${options.rounds} round(s) × ${options.durationMs} ms; ${pinning}`);

  const wantsLlmux = options.targets.some((id) => id.startsWith("llmux"));
  // Profiles run from src/: type stripping keeps every line and column, so file:line is exact.
  const fromSource = options.llmuxSource || options.profile;
  const built = wantsLlmux && !fromSource ? buildLlmux() : { build: undefined, note: undefined };
  if (built.note) notes.push(built.note);
  else if (built.build) notes.push("llmux runs from a fresh tsc build of src/ (compiled JavaScript, as the published package runs), not through Node's type stripping.");
  else if (wantsLlmux) notes.push("llmux ran from src/ through Node's type stripping (--llmux-source or --profile), which adds about 25–30 MiB RSS.");

  const startedAt = new Date().toISOString();
  let outcome;
  try {
    outcome = await runSuite({ options, layout, log, profileDirectory, llmuxBuild: built.build?.directory });
  } finally {
    built.build?.remove();
  }
  const results: BenchResults = {
    startedAt,
    finishedAt: new Date().toISOString(),
    machine,
    run: { quick: options.quick, filtered: options.filtered, rounds: options.rounds, warmupMs: options.warmupMs, durationMs: options.durationMs, pinning },
    notes,
    summaries: outcome.summaries,
    routePlan: outcome.routePlan,
    checks: checkTargets(outcome.summaries, outcome.routePlan),
  };
  process.stdout.write(`\n${formatResults(results)}\n`);
  const jsonPath = options.docs ? resultsPath : partialResultsPath;
  writeResultsJson(results, jsonPath);
  log(`\nbench: results in ${jsonPath}`);
  if (options.docs) {
    writeBenchmarksDoc(results);
    log(`bench: table written to ${docsPath}`);
  }
  if (options.profile) printProfiles();
}

await main();
