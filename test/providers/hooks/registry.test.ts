import assert from "node:assert/strict";
import { test } from "node:test";
import { applyBodyHooks, applyHeaderHooks, hookRegistry, isHookName } from "../../../src/providers/hooks/registry.ts";
import { providerTable } from "../../../src/providers/table.ts";

test("every hook a table row names is registered under that name", () => {
  for (const row of providerTable) {
    for (const name of row.hooks) {
      assert.ok(isHookName(name), `${row.id}: ${name}`);
      assert.equal(hookRegistry[name].name, name);
    }
  }
  assert.equal(isHookName("toString"), false);
  assert.equal(isHookName("nope"), false);
});

test("body hooks run in order and collect warnings", () => {
  const mistral = providerTable.find((row) => row.id === "mistral");
  assert.ok(mistral);
  const result = applyBodyHooks(
    mistral.hooks,
    { model: "mistral-large-latest", max_completion_tokens: 100, seed: 7, stream: true, stream_options: { include_usage: true }, store: false },
    { providerId: "mistral", model: "mistral-large-latest", stream: true, unsupportedParams: mistral.unsupportedParams },
  );
  assert.deepEqual(result.body, { model: "mistral-large-latest", max_tokens: 100, random_seed: 7, stream: true });
  assert.deepEqual(result.warnings.map((warning) => warning.path), ["store"]);
});

test("header hooks run; body-only hooks leave headers alone", () => {
  const headers = applyHeaderHooks(["max-tokens-field", "openrouter-attribution"], { a: "1" }, {
    providerId: "openrouter",
    model: "m",
    stream: false,
    unsupportedParams: [],
  });
  assert.equal(headers["a"], "1");
  assert.ok(headers["http-referer"]);
});
