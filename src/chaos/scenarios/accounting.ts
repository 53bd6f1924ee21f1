/**
 * @module
 * Accounting after a failover: the answer names the model that actually served (in its body
 * and in `x-llmux-model`), carries usage, and the usage record agrees with both: who served,
 * how (a fallback), the tokens, and as many attempts as the response headers claim.
 */
import type { Scenario } from "../scenario.ts";

export const accountingScenario: Scenario = {
  id: "accounting-after-failover",
  title: "After a failover the answer names the serving model, carries usage, and the record agrees",
  upstreams: () => ({ primary: { fail: { kind: "overloaded", status: 503 } } }),
  expect: () => ({ grade: "pass", servedBy: "fallback" }),
  check({ outcomes, usage, context }) {
    const outcome = outcomes[0];
    const response = outcome?.graded.response;
    if (!outcome || !response) return ["no answer to account for"];
    const headers = outcome.observation.headers;
    const problems: string[] = [];
    const headerModel = headers["x-llmux-model"];
    if (headerModel === undefined || headerModel === context.route.model) problems.push(`x-llmux-model is ${headerModel ?? "missing"}, not the fallback model`);
    // The body may name the upstream's own id (e.g. a dated version); it must not name the requested model.
    if (response.model === "" || response.model === context.route.model) problems.push(`the answer names "${response.model}", not the model that served`);
    if (!(response.usage.inputTokens !== undefined && response.usage.inputTokens > 0 && response.usage.outputTokens !== undefined && response.usage.outputTokens > 0)) {
      problems.push(`the answer carries no usage (input ${response.usage.inputTokens}, output ${response.usage.outputTokens})`);
    }
    const record = usage[0];
    if (!record) return [...problems, "no usage record"];
    if (record.servedModel !== headerModel) problems.push(`the record says ${record.servedModel ?? "nothing"} served, the headers ${headerModel ?? "nothing"}`);
    if (record.provider !== context.route.fallback.provider) problems.push(`the record names provider ${record.provider ?? "none"}`);
    if (record.routeMode !== "model-fallback" && record.routeMode !== "provider-fallback") problems.push(`the record's route mode is ${record.routeMode}`);
    if (record.usageEstimated) problems.push("the record's tokens are an estimate, though the upstream reported usage");
    if (record.inputTokens !== response.usage.inputTokens || record.outputTokens !== response.usage.outputTokens) {
      problems.push(`the record counts ${record.inputTokens}/${record.outputTokens} tokens, the answer ${response.usage.inputTokens}/${response.usage.outputTokens}`);
    }
    if (headers["x-llmux-attempts"] !== String(record.attemptCount)) problems.push(`x-llmux-attempts is ${headers["x-llmux-attempts"] ?? "missing"}, the record counts ${record.attemptCount} attempts`);
    if (!record.attempts.some((attempt) => attempt.outcome === "failure")) problems.push("the record names no failed attempt");
    return problems;
  },
};
