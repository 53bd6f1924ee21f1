/**
 * @module
 * What a scorecard scenario is: how the upstreams misbehave, what the client should see (the
 * grade, and for a pass the answer), and the rules the gateway must keep on the way (bounded
 * attempts, no blind retry, the Retry-After honoured...). A broken rule fails the case even
 * when the client's answer looked fine.
 */
import type { UnifiedFinishReason } from "../core/types/response.ts";
import type { Script } from "../simulator/behaviour.ts";
import type { UsageRecord } from "../usage/usage-record.ts";
import type { ChaosProfile } from "./chaos-profile.ts";
import type { ChaosPath, ChaosRoute } from "./chaos-route.ts";
import type { BodyFault } from "./fault-proxy.ts";
import type { GradedAnswer } from "./grade-answer.ts";
import type { Ingress } from "./ingress.ts";
import type { Observation } from "./send-chat.ts";
import type { Topology } from "./start-topology.ts";

/** What every simulated upstream answers when it answers: long enough to be cut mid-way. */
export const chaosAnswer = "Rain is expected in Paris tomorrow afternoon, so take an umbrella and a light coat.";

export const chaosPrompt = "What will the weather be like in Paris tomorrow?";

export interface ScenarioContext {
  ingress: Ingress;
  route: ChaosRoute;
  path: ChaosPath;
  stream: boolean;
  profile: ChaosProfile;
}

export interface UpstreamPlan {
  primary: Script;
  /** @default a healthy upstream answering `chaosAnswer` */
  fallback?: Script;
  /** Body faults on the primary's answers, by request ordinal. */
  proxy?: (index: number) => BodyFault | undefined;
}

export interface Expected {
  grade: "pass" | "safe";
  /** For a pass. @default chaosAnswer */
  text?: string;
  /** For a pass. @default "stop" */
  finish?: UnifiedFinishReason;
  /** Which upstream must have served a pass. */
  servedBy?: "primary" | "fallback";
}

export interface RequestOutcome {
  /** Epoch ms when the request was sent. */
  sentAt: number;
  observation: Observation;
  graded: GradedAnswer;
}

export interface CaseEvidence {
  context: ScenarioContext;
  topology: Topology;
  outcomes: RequestOutcome[];
  /** The gateway's usage records, oldest first. */
  usage: UsageRecord[];
}

export interface Scenario {
  id: string;
  /** One line for the table's legend. */
  title: string;
  upstreams(context: ScenarioContext): UpstreamPlan;
  expect(context: ScenarioContext): Expected;
  /** The scenario's rules; each broken one is a sentence. */
  check?(evidence: CaseEvidence): string[];
  /** Sends the case's requests; by default one. */
  drive?(context: ScenarioContext, topology: Topology, send: () => Promise<RequestOutcome>): Promise<RequestOutcome[]>;
}

/** A healthy reply with the scorecard's answer. */
export const healthy = { reply: { text: chaosAnswer } } as const;

/** Generation requests an upstream received, per model it was asked for. */
export function countByModel(upstream: { requests: readonly { endpoint: string; model: string | undefined }[] }): Map<string, number> {
  const counts = new Map<string, number>();
  for (const request of upstream.requests) {
    if (request.endpoint === "models" || request.endpoint === "unknown") continue;
    const model = request.model ?? "?";
    counts.set(model, (counts.get(model) ?? 0) + 1);
  }
  return counts;
}

/** The same rule for every model an upstream was asked for (each model is its own candidate). */
export function expectCallsPerModel(name: string, upstream: Parameters<typeof countByModel>[0], rule: { exactly?: number; atMost?: number }): string[] {
  return [...countByModel(upstream)].flatMap(([model, count]) => expectCalls(`${name} (${model})`, count, rule));
}

/** `actual` calls to an upstream, compared with a rule; a sentence when broken. */
export function expectCalls(name: string, actual: number, rule: { exactly?: number; atMost?: number; atLeast?: number }): string[] {
  if (rule.exactly !== undefined && actual !== rule.exactly) return [`${name} was called ${actual}×, expected ${rule.exactly}×`];
  if (rule.atMost !== undefined && actual > rule.atMost) return [`${name} was called ${actual}×, at most ${rule.atMost}× allowed`];
  if (rule.atLeast !== undefined && actual < rule.atLeast) return [`${name} was called ${actual}×, at least ${rule.atLeast}× expected`];
  return [];
}
