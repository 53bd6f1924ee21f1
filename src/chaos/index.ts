/**
 * @module
 * The fault-injection scorecard: scenarios of misbehaving upstreams, driven through the
 * gateway's OpenAI, Anthropic and Gemini faces and graded pass / safe / fail from the client's
 * side. `npm run chaos` is `main.ts`; tests and benchmarks use the pieces below.
 */
export { boundedProfile, fullProfile, type ChaosProfile } from "./chaos-profile.ts";
export { chooseRoute, type ChaosPath, type ChaosRoute } from "./chaos-route.ts";
export { createRandom, type Random } from "./create-random.ts";
export { isDialectError } from "./error-shape.ts";
export { formatScorecard, summarizeScorecard } from "./format-scorecard.ts";
export { gradeAnswer, type Grade, type GradedAnswer } from "./grade-answer.ts";
export { buildChatCall, getIngress, ingressIds, type Ingress, type IngressId } from "./ingress.ts";
export { runCase, type CaseResult, type CaseSpec } from "./run-case.ts";
export { listCases, runCases, runScorecard, type ScorecardOptions } from "./run-scorecard.ts";
export { chaosAnswer, chaosPrompt, type Scenario } from "./scenario.ts";
export { scenarios } from "./scenarios/index.ts";
export { sendChat, type Observation } from "./send-chat.ts";
