/**
 * @module
 * Times `router.plan()` for a model served by N registered providers: expansion, health and
 * status filtering, strategy ordering and cost estimates, with no upstream call.
 */
import { Router } from "../../src/routing/router.ts";
import { summarizePercentiles } from "../load/percentiles.ts";
import type { RoutePlanResult, RoutePlanSpec } from "./route-plan-spec.ts";

const model = "bench-model";
const prompt = [
  { role: "system" as const, content: "You are a terse assistant." },
  { role: "user" as const, content: "Name three primary colours." },
];

export function createPlanningRouter(candidates: number): Router {
  const router = new Router({ env: {}, status: false });
  for (let index = 1; index <= candidates; index += 1) {
    router.register({ id: `bench-${index}`, dialect: "openai-chat", baseUrl: `http://127.0.0.1:9/p${index}/v1`, keys: [`sk-bench-${index}`], models: [model] });
  }
  return router;
}

export async function measureRoutePlan(spec: RoutePlanSpec): Promise<RoutePlanResult> {
  const router = createPlanningRouter(spec.candidates);
  const planned = (await router.plan(prompt, { model })).candidates.length;
  if (planned !== spec.candidates) throw new Error(`planned ${planned} candidates, expected ${spec.candidates}`);
  const warmupEnd = performance.now() + spec.warmupMs;
  while (performance.now() < warmupEnd) await router.plan(prompt, { model });
  const timings: number[] = [];
  const started = performance.now();
  const end = started + spec.durationMs;
  for (let now = started; now < end; ) {
    await router.plan(prompt, { model });
    const after = performance.now();
    timings.push((after - now) * 1000);
    now = after;
  }
  const elapsedMs = performance.now() - started;
  await router.close();
  const summary = summarizePercentiles(Float64Array.from(timings));
  return {
    candidates: spec.candidates,
    planned,
    plans: timings.length,
    plansPerSecond: (timings.length / elapsedMs) * 1000,
    p50Us: summary.p50,
    p99Us: summary.p99,
  };
}
