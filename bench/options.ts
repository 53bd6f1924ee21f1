/**
 * @module
 * Command-line options of `npm run bench`. The full run suits a 2-core box (a few minutes);
 * `--quick` is a smoke run of about a second per case and target.
 */
import { parseArgs } from "node:util";
import { benchCases } from "./cases.ts";
import { targetIds, type TargetId } from "./targets/targets.ts";

export interface BenchOptions {
  quick: boolean;
  /** Case ids to run (all when none were named). */
  cases: string[];
  targets: TargetId[];
  /** Whether --cases or --targets narrowed the run (then docs/benchmarks.md is left alone). */
  filtered: boolean;
  rounds: number;
  warmupMs: number;
  durationMs: number;
  /** `--cpu-prof` on every llmux process; profiles go to bench/results/profiles/. */
  profile: boolean;
  /** Run llmux from src/ (type stripping) instead of a fresh tsc build. */
  llmuxSource: boolean;
  /** Install bench/peers (Portkey) when it is missing. */
  install: boolean;
  /** Write docs/benchmarks.md and bench/results/latest.json (full, unfiltered runs, unless forced). */
  docs: boolean;
  help: boolean;
}

export const usage = `Usage: npm run bench -- [options]

  --quick               smoke run: 1 round, under a second per case and target
  --cases a,b           case ids: ${benchCases.map((entry) => entry.id).join(", ")}
  --targets a,b         targets: ${targetIds.join(", ")}
  --rounds N            rounds per case, targets alternating (default 3; quick 1)
  --duration-ms N       measured window per round (default 2000; quick 500)
  --warmup-ms N         warm-up before each window (default 500; quick 100)
  --profile             run llmux (from src/) with --cpu-prof and summarise the profile
  --llmux-source        run llmux from src/ (type stripping) instead of a fresh tsc build
  --no-install          do not install bench/peers (Portkey) when missing
  --docs / --no-docs    write docs/benchmarks.md + bench/results/latest.json (default: only
                        after a full, unfiltered run; other runs write bench/results/last-run.json)
`;

function splitList(value: string | undefined): string[] {
  return value === undefined ? [] : value.split(",").map((item) => item.trim()).filter((item) => item !== "");
}

function positive(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) throw new Error(`--${name} must be a positive integer, got "${value}"`);
  return number;
}

function isTargetId(value: string): value is TargetId {
  return (targetIds as readonly string[]).includes(value);
}

export function parseBenchOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    allowNegative: true,
    options: {
      quick: { type: "boolean", default: false },
      cases: { type: "string" },
      targets: { type: "string" },
      rounds: { type: "string" },
      "duration-ms": { type: "string" },
      "warmup-ms": { type: "string" },
      profile: { type: "boolean", default: false },
      "llmux-source": { type: "boolean", default: false },
      install: { type: "boolean", default: true },
      docs: { type: "boolean" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const knownCases = benchCases.map((entry) => entry.id);
  const cases = splitList(values.cases);
  for (const id of cases) if (!knownCases.includes(id)) throw new Error(`unknown case "${id}" (known: ${knownCases.join(", ")})`);
  const targetNames = splitList(values.targets);
  for (const id of targetNames) if (!isTargetId(id)) throw new Error(`unknown target "${id}" (known: ${targetIds.join(", ")})`);
  const quick = values.quick;
  const filtered = cases.length > 0 || targetNames.length > 0;
  const custom = values.rounds !== undefined || values["duration-ms"] !== undefined || values["warmup-ms"] !== undefined;
  return {
    quick,
    cases: cases.length > 0 ? cases : knownCases,
    targets: targetNames.length > 0 ? targetNames.filter(isTargetId) : [...targetIds],
    filtered,
    rounds: positive(values.rounds, quick ? 1 : 3, "rounds"),
    warmupMs: positive(values["warmup-ms"], quick ? 100 : 500, "warmup-ms"),
    durationMs: positive(values["duration-ms"], quick ? 500 : 2_000, "duration-ms"),
    profile: values.profile,
    llmuxSource: values["llmux-source"],
    install: values.install,
    docs: values.docs ?? (!quick && !filtered && !custom && !values.profile),
    help: values.help,
  };
}
