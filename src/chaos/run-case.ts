/**
 * @module
 * One scorecard case: a scenario through one ingress, streaming or not, on the fast or the
 * translated path. Starts its own topology, sends the request(s), grades what the client
 * saw, then checks the scenario's rules and the ones every case keeps: a pass is served by
 * the upstream the scenario names, and every request leaves exactly one usage record.
 */
import { setTimeout as delay } from "node:timers/promises";
import type { UsageRecord } from "../usage/usage-record.ts";
import type { ChaosProfile } from "./chaos-profile.ts";
import { chooseRoute, type ChaosPath } from "./chaos-route.ts";
import { gradeAnswer, type Grade } from "./grade-answer.ts";
import { buildChatCall, getIngress, type IngressId } from "./ingress.ts";
import { chaosAnswer, chaosPrompt, healthy, type CaseEvidence, type Expected, type RequestOutcome, type Scenario, type ScenarioContext } from "./scenario.ts";
import { sendChat } from "./send-chat.ts";
import { startTopology, type Topology } from "./start-topology.ts";

export interface CaseSpec {
  scenario: Scenario;
  ingress: IngressId;
  path: ChaosPath;
  stream: boolean;
  profile: ChaosProfile;
}

export interface CaseResult {
  scenario: string;
  ingress: IngressId;
  path: ChaosPath;
  stream: boolean;
  /** The client's grade, or fail when a scenario rule was broken. */
  grade: Grade;
  expected: Expected["grade"];
  /** The grade is the expected one. */
  ok: boolean;
  /** Wall time of the case's requests. */
  elapsedMs: number;
  /** Requests sent (more than one for the flapping scenario). */
  requests: number;
  /** What the client saw, or the first broken rule. */
  reason: string;
  violations: string[];
}

const worst: Record<Grade, number> = { pass: 0, safe: 1, fail: 2 };

/** Records are written after the answer ends: give the gateway a moment to write them. */
async function readUsage(topology: Topology, expected: number): Promise<UsageRecord[]> {
  for (let waited = 0; ; waited += 10) {
    const records = await topology.usage.query();
    if (records.length >= expected || waited >= 1000) return records.reverse();
    await delay(10);
  }
}

function commonChecks(evidence: CaseEvidence, expected: Expected): string[] {
  const problems: string[] = [];
  const { route } = evidence.context;
  if (expected.grade === "pass" && expected.servedBy !== undefined) {
    const provider = expected.servedBy === "primary" ? route.primary.provider : route.fallback.provider;
    for (const outcome of evidence.outcomes) {
      const served = outcome.observation.headers["x-llmux-provider"];
      if (outcome.graded.grade === "pass" && served !== provider) problems.push(`served by ${served ?? "an unnamed provider"}, expected the ${expected.servedBy} (${provider})`);
    }
  }
  for (const outcome of evidence.outcomes) {
    // 499 says the client closed the request; these clients never do.
    if (outcome.observation.status === 499) problems.push("answered 499 (client closed request) to a client that was still waiting");
  }
  if (evidence.usage.length !== evidence.outcomes.length) problems.push(`${evidence.usage.length} usage records for ${evidence.outcomes.length} requests`);
  return problems;
}

export async function runCase(spec: CaseSpec): Promise<CaseResult> {
  const ingress = getIngress(spec.ingress);
  const route = chooseRoute(spec.ingress, spec.path);
  const context: ScenarioContext = { ingress, route, path: spec.path, stream: spec.stream, profile: spec.profile };
  const plan = spec.scenario.upstreams(context);
  const expected = spec.scenario.expect(context);
  const topology = await startTopology({
    route,
    profile: spec.profile,
    primary: plan.primary,
    fallback: plan.fallback ?? healthy,
    ...(plan.proxy ? { proxy: plan.proxy } : {}),
  });
  try {
    const call = buildChatCall(ingress, { model: route.model, prompt: chaosPrompt, stream: spec.stream });
    const send = async (): Promise<RequestOutcome> => {
      const sentAt = Date.now();
      const observation = await sendChat(topology.gateway.url, call, spec.profile.clientTimeoutMs);
      const graded = await gradeAnswer({
        dialect: ingress.dialect,
        stream: spec.stream,
        observation,
        expected: { text: expected.text ?? chaosAnswer, finish: expected.finish ?? "stop" },
        safeBoundMs: spec.profile.safeBoundMs,
      });
      return { sentAt, observation, graded };
    };
    const started = performance.now();
    const outcomes = spec.scenario.drive ? await spec.scenario.drive(context, topology, send) : [await send()];
    const elapsedMs = Math.round(performance.now() - started);
    const evidence: CaseEvidence = { context, topology, outcomes, usage: await readUsage(topology, outcomes.length) };
    const violations = [...commonChecks(evidence, expected), ...(spec.scenario.check?.(evidence) ?? [])];
    const clientWorst = outcomes.reduce<RequestOutcome | undefined>((current, outcome) => (current && worst[current.graded.grade] >= worst[outcome.graded.grade] ? current : outcome), undefined);
    const clientGrade = clientWorst?.graded.grade ?? "fail";
    const grade: Grade = violations.length > 0 ? "fail" : clientGrade;
    return {
      scenario: spec.scenario.id,
      ingress: spec.ingress,
      path: spec.path,
      stream: spec.stream,
      grade,
      expected: expected.grade,
      ok: grade === expected.grade,
      elapsedMs,
      requests: outcomes.length,
      reason: (clientGrade === "fail" ? clientWorst?.graded.reason : violations[0]) ?? clientWorst?.graded.reason ?? "no request was sent",
      violations,
    };
  } finally {
    await topology.close();
  }
}
