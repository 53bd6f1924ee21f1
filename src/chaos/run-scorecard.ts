/**
 * @module
 * The whole scorecard: every selected scenario × ingress × form (× path), each case in its
 * own topology, a few at a time. Results come back in the order of the matrix, whatever
 * order the cases finished in.
 */
import type { ChaosProfile } from "./chaos-profile.ts";
import type { ChaosPath } from "./chaos-route.ts";
import { ingressIds, type IngressId } from "./ingress.ts";
import { runCase, type CaseResult, type CaseSpec } from "./run-case.ts";
import type { Scenario } from "./scenario.ts";
import { scenarios as allScenarios } from "./scenarios/index.ts";

export interface ScorecardOptions {
  profile: ChaosProfile;
  /** @default every scenario */
  scenarios?: readonly Scenario[];
  /** @default all three */
  ingresses?: readonly IngressId[];
  /** @default both */
  forms?: readonly ("stream" | "json")[];
  /** @default ["fast"] */
  paths?: readonly ChaosPath[];
  /** Called as each case finishes (progress output). */
  onResult?: (result: CaseResult) => void;
}

export function listCases(options: ScorecardOptions): CaseSpec[] {
  const cases: CaseSpec[] = [];
  for (const scenario of options.scenarios ?? allScenarios) {
    for (const path of options.paths ?? ["fast"]) {
      for (const ingress of options.ingresses ?? ingressIds) {
        for (const form of options.forms ?? ["json", "stream"]) {
          cases.push({ scenario, ingress, path, stream: form === "stream", profile: options.profile });
        }
      }
    }
  }
  return cases;
}

/** Runs cases with at most `concurrency` at once. */
export async function runCases(cases: readonly CaseSpec[], concurrency: number, onResult?: (result: CaseResult) => void): Promise<CaseResult[]> {
  const results: CaseResult[] = new Array(cases.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let index = next++; index < cases.length; index = next++) {
      const spec = cases[index] as CaseSpec;
      const result = await runCase(spec);
      results[index] = result;
      onResult?.(result);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, cases.length)) }, worker));
  return results;
}

export function runScorecard(options: ScorecardOptions): Promise<CaseResult[]> {
  return runCases(listCases(options), options.profile.concurrency, options.onResult);
}
