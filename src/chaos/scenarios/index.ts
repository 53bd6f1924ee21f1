/**
 * @module
 * Every scorecard scenario, in the order the table lists them.
 */
import type { Scenario } from "../scenario.ts";
import { accountingScenario } from "./accounting.ts";
import { flappingScenario } from "./flapping.ts";
import { streamFaultScenarios } from "./stream-faults.ts";
import { upstreamErrorScenarios } from "./upstream-errors.ts";

export const scenarios: readonly Scenario[] = [...upstreamErrorScenarios, ...streamFaultScenarios, flappingScenario, accountingScenario];
