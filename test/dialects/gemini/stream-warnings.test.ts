/**
 * Regression: what the Gemini stream encoder cannot carry (arguments that are not a JSON
 * object, redacted reasoning) is reported through `onWarning`, never dropped silently.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { CanonicalEvent } from "../../../src/core/types/event.ts";
import type { Warning } from "../../../src/core/types/response.ts";
import { emptyUsage } from "../../../src/core/types/response.ts";
import { geminiDialect } from "../../../src/dialects/gemini/index.ts";
import { fromArray, joinText } from "../conformance.ts";

test("a stream's losses reach onWarning: non-object arguments, redacted reasoning", async () => {
  const events: CanonicalEvent[] = [
    { type: "reasoning-start", index: 0, redactedData: "EmwKAhgBEgy3va3pzix" },
    { type: "reasoning-end", index: 0 },
    { type: "tool-call-start", index: 1, id: "call_1", name: "lookup" },
    { type: "tool-call-delta", index: 1, argumentsDelta: '"just a string"' },
    { type: "tool-call-end", index: 1 },
    { type: "finish", finishReason: { unified: "tool-calls", raw: undefined }, usage: emptyUsage() },
  ];
  const warnings: Warning[] = [];
  const text = await joinText(geminiDialect.encodeStream(fromArray(events), { onWarning: (warning) => warnings.push(warning) }));
  assert.match(text, /"functionCall"/);
  assert.deepEqual(
    warnings.map((warning) => warning.code),
    ["unsupported-content", "lossy-conversion"],
  );
  assert.match(warnings[0]?.message ?? "", /redacted reasoning/);
  assert.match(warnings[1]?.message ?? "", /not a JSON object/);
});
