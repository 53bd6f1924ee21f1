/**
 * @module
 * `npm run chaos`: the fault-injection scorecard. Runs every scenario through the OpenAI,
 * Anthropic and Gemini ingress, streaming and not, on the fast and the translated path,
 * prints the table and a summary, and exits 1 if any case is not graded as expected.
 *
 *   node src/chaos/main.ts [--profile full|bounded] [--scenario id,...] [--ingress openai,...]
 *                          [--form json|stream] [--path fast|translated] [--json]
 */
import { parseArgs } from "node:util";
import { boundedProfile, fullProfile } from "./chaos-profile.ts";
import type { ChaosPath } from "./chaos-route.ts";
import { formatScorecard, summarizeScorecard } from "./format-scorecard.ts";
import { ingressIds, type IngressId } from "./ingress.ts";
import { runScorecard } from "./run-scorecard.ts";
import { scenarios } from "./scenarios/index.ts";

function list(value: string | undefined): string[] | undefined {
  return value === undefined ? undefined : value.split(",").map((item) => item.trim()).filter((item) => item !== "");
}

function fail(message: string): never {
  process.stderr.write(`chaos: ${message}\n`);
  process.exit(2);
}

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      profile: { type: "string", default: "full" },
      scenario: { type: "string" },
      ingress: { type: "string" },
      form: { type: "string" },
      path: { type: "string" },
      concurrency: { type: "string" },
      json: { type: "boolean", default: false },
    },
  });
  const base = values.profile === "bounded" ? boundedProfile : values.profile === "full" ? fullProfile : fail(`unknown profile ${values.profile}`);
  const profile = values.concurrency === undefined ? base : { ...base, concurrency: Number(values.concurrency) || 1 };
  const scenarioIds = list(values.scenario);
  const selected = scenarioIds ? scenarios.filter((scenario) => scenarioIds.includes(scenario.id)) : scenarios;
  if (scenarioIds && selected.length !== scenarioIds.length) fail(`unknown scenario; known: ${scenarios.map((scenario) => scenario.id).join(", ")}`);
  const ingresses = (list(values.ingress) ?? ingressIds) as IngressId[];
  if (ingresses.some((id) => !ingressIds.includes(id))) fail(`unknown ingress; known: ${ingressIds.join(", ")}`);
  const forms = (list(values.form) ?? ["json", "stream"]) as ("json" | "stream")[];
  const paths = (list(values.path) ?? ["fast", "translated"]) as ChaosPath[];

  const started = performance.now();
  const results = await runScorecard({
    profile,
    scenarios: selected,
    ingresses,
    forms,
    paths,
    onResult: (result) => {
      if (!values.json) process.stderr.write(result.ok ? "." : "!");
    },
  });
  const wallMs = performance.now() - started;
  if (values.json) {
    process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  } else {
    process.stderr.write("\n");
    process.stdout.write(`${formatScorecard(results, { showPath: paths.length > 1 })}\n\n${summarizeScorecard(results, wallMs)}\n`);
    process.stdout.write(`\nprofile ${profile.name}: ${selected.length} scenarios; grades: pass = complete answer, safe = clean prompt error, fail = hang or truncated/wrong answer or a broken rule\n`);
  }
  return results.every((result) => result.ok) ? 0 : 1;
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
