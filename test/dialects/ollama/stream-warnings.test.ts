/**
 * Regression: what the Ollama stream encoder cannot carry (a reasoning signature, redacted
 * reasoning, arguments that are not a JSON object) is reported through `onWarning`, as
 * encodeResponse reports it, never dropped silently.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { CanonicalEvent } from "../../../src/core/types/event.ts";
import type { Warning } from "../../../src/core/types/response.ts";
import { emptyUsage } from "../../../src/core/types/response.ts";
import { ollamaDialect } from "../../../src/dialects/ollama/index.ts";
import { fromArray, joinText } from "../conformance.ts";

test("a stream's losses reach onWarning: signature, redacted reasoning, non-object arguments", async () => {
  const events: CanonicalEvent[] = [
    { type: "reasoning-start", index: 0 },
    { type: "reasoning-delta", index: 0, text: "Thinking." },
    { type: "reasoning-end", index: 0, signature: "c2lnbmF0dXJl" },
    { type: "reasoning-start", index: 1, redactedData: "EmwKAhgBEgy3va3pzix" },
    { type: "reasoning-end", index: 1 },
    { type: "tool-call-start", index: 2, id: "call_1", name: "lookup" },
    { type: "tool-call-delta", index: 2, argumentsDelta: "[1, 2]" },
    { type: "tool-call-end", index: 2 },
    { type: "finish", finishReason: { unified: "tool-calls", raw: undefined }, usage: emptyUsage() },
  ];
  const warnings: Warning[] = [];
  const text = await joinText(ollamaDialect.encodeStream(fromArray(events), { onWarning: (warning) => warnings.push(warning) }));
  assert.match(text, /"thinking":"Thinking\."/);
  assert.deepEqual(
    warnings.map((warning) => warning.message.replace(/ .*/, "")),
    ["Ollama", "Ollama", "Tool"],
  );
  assert.match(warnings[0]?.message ?? "", /signature/);
  assert.match(warnings[1]?.message ?? "", /redacted/);
  assert.match(warnings[2]?.message ?? "", /not a JSON object/);
});
