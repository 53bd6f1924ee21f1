/**
 * @module
 * A primary that goes down, then comes back. A steady trickle of requests runs through the
 * outage: every one must be served, the primary must not be hammered while it is down (the
 * health tracker's cooldowns and single half-open probes), and traffic must return to it
 * soon after it recovers.
 */
import { setTimeout as delay } from "node:timers/promises";
import type { RequestOutcome, Scenario } from "../scenario.ts";
import { healthy } from "../scenario.ts";

/** When the primary comes back (epoch ms), per topology: set when the case starts driving. */
const recoveries = new WeakMap<object, number>();

const down = { fail: { kind: "overloaded", status: 503 } } as const;

function servedByPrimary(outcome: RequestOutcome, primaryProvider: string): boolean {
  return outcome.graded.grade === "pass" && outcome.observation.headers["x-llmux-provider"] === primaryProvider;
}

/**
 * Calls a down primary may take: each opening of its circuit costs a try and one retry, and
 * with cooldowns doubling from `cooldownMs` an outage of `downMs` sees about
 * log2(downMs / cooldownMs) + 2 openings. Without health tracking it would be two per request.
 */
export function flapCallBound(downMs: number, cooldownMs: number): number {
  return 2 * (2 + Math.ceil(Math.log2(Math.max(2, downMs / cooldownMs))));
}

export const flappingScenario: Scenario = {
  id: "flapping-primary",
  title: "The primary is down, then up: all served, not hammered while down, back on it soon after",
  upstreams: () => ({ primary: down }),
  expect: () => ({ grade: "pass" }),
  async drive(context, topology, send) {
    const { downMs, intervalMs, recoveryBoundMs } = context.profile.flap;
    const upAt = Date.now() + downMs;
    recoveries.set(topology, upAt);
    // "Down" is a span of wall time, whatever the requests' ordinals.
    topology.setPrimaryScript(() => (Date.now() < upAt ? down : healthy));
    const outcomes: RequestOutcome[] = [];
    let onPrimaryInARow = 0;
    while (Date.now() < upAt + recoveryBoundMs + intervalMs && onPrimaryInARow < 3) {
      const outcome = await send();
      outcomes.push(outcome);
      onPrimaryInARow = outcome.sentAt >= upAt && servedByPrimary(outcome, context.route.primary.provider) ? onPrimaryInARow + 1 : 0;
      await delay(intervalMs);
    }
    return outcomes;
  },
  check({ topology, outcomes, context }) {
    const upAt = recoveries.get(topology) ?? 0;
    const { downMs, recoveryBoundMs } = context.profile.flap;
    const problems: string[] = [];
    const lost = outcomes.filter((outcome) => outcome.graded.grade !== "pass").length;
    if (lost > 0) problems.push(`${lost} of ${outcomes.length} requests were not served`);
    const callsWhileDown = topology.primaryArrivals.filter((at) => at < upAt).length;
    const bound = flapCallBound(downMs, context.profile.cooldownMs);
    const sentWhileDown = outcomes.filter((outcome) => outcome.sentAt < upAt).length;
    if (callsWhileDown > bound) problems.push(`the down primary was called ${callsWhileDown}× for ${sentWhileDown} requests (at most ${bound}×)`);
    const back = outcomes.find((outcome) => outcome.sentAt >= upAt && servedByPrimary(outcome, context.route.primary.provider));
    if (!back) problems.push(`no request went back to the primary within ${recoveryBoundMs} ms of its recovery`);
    else if (back.sentAt - upAt > recoveryBoundMs) problems.push(`traffic went back to the primary ${back.sentAt - upAt} ms after its recovery`);
    return problems;
  },
};
