/**
 * The fault-injection scorecard, bounded: every scenario once per ingress (OpenAI, Anthropic,
 * Gemini), streaming and not, on the fast path, with small timeouts. No case may fail, and
 * each must get its scenario's expected grade. `npm run chaos` runs the full matrix (both
 * paths, larger timeouts).
 */
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { boundedProfile } from "../../src/chaos/chaos-profile.ts";
import { formatScorecard, summarizeScorecard } from "../../src/chaos/format-scorecard.ts";
import type { CaseResult } from "../../src/chaos/run-case.ts";
import { listCases, runCases } from "../../src/chaos/run-scorecard.ts";
import { scenarios } from "../../src/chaos/scenarios/index.ts";

/**
 * Gaps the scorecard found that need a change outside the chaos area; each case here must
 * still grade as written, so a fix shows up as a failing test asking to remove the entry.
 */
const knownGaps: Record<string, { grade: CaseResult["grade"]; why: string }> = {};

const cases = listCases({ profile: boundedProfile, paths: ["fast"] });
const results = new Map<string, CaseResult>();
const keyOf = (result: Pick<CaseResult, "scenario" | "ingress" | "stream">): string => `${result.scenario} ${result.ingress} ${result.stream ? "stream" : "json"}`;

describe("chaos scorecard (bounded)", () => {
  before(async () => {
    for (const result of await runCases(cases, boundedProfile.concurrency)) results.set(keyOf(result), result);
  });

  test("covers every scenario through every ingress, streaming and not", () => {
    assert.equal(results.size, scenarios.length * 3 * 2);
    const table = formatScorecard([...results.values()]);
    assert.match(table, /^scenario\s+ingress\s+form\s+grade\s+expect\s+time\s+note/);
    assert.match(summarizeScorecard([...results.values()], 1000), /cases in 1\.0 s: \d+ pass, \d+ safe, \d+ fail/);
  });

  for (const spec of cases) {
    const key = keyOf({ scenario: spec.scenario.id, ingress: spec.ingress, stream: spec.stream });
    test(key, () => {
      const result = results.get(key);
      assert.ok(result, "the case ran");
      const gap = knownGaps[key];
      if (gap) {
        assert.equal(result.grade, gap.grade, `known gap fixed? remove it from knownGaps (${gap.why})`);
        return;
      }
      assert.notEqual(result.grade, "fail", `${result.reason}${result.violations.length > 1 ? `; ${result.violations.slice(1).join("; ")}` : ""}`);
      assert.equal(result.grade, result.expected, result.reason);
    });
  }
});
