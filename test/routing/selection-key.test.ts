import assert from "node:assert/strict";
import { test } from "node:test";
import { selectionKey, type Selection } from "../../src/routing/expand-candidates.ts";

test("selection keys tell apart every selection that expands differently, whatever the names hold", () => {
  const selections: Selection[] = [
    { kind: "model", model: "ab", allowFallback: true },
    { kind: "model", model: "ab", allowFallback: false },
    { kind: "models", models: ["ab"], allowFallback: true },
    { kind: "models", models: ["a", "b"], allowFallback: true },
    { kind: "models", models: ["a\u0000b"], allowFallback: true },
    { kind: "models", models: ["1:a"], allowFallback: true },
    { kind: "models", models: ["b", "a"], allowFallback: true },
    { kind: "tier", tier: "fast", models: ["a", "b"], allowFallback: true },
    { kind: "tier", tier: "fast1:a", models: ["b"], allowFallback: true },
    { kind: "tier", tier: "strong", models: ["a", "b"], allowFallback: true },
  ];
  const keys = selections.map(selectionKey);
  assert.equal(new Set(keys).size, selections.length, keys.join(" | "));
  // The same selection, built anew, finds its cached expansion.
  assert.equal(selectionKey({ kind: "models", models: ["a", "b"], allowFallback: true }), keys[3]);
});
