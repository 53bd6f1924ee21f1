import assert from "node:assert/strict";
import { test } from "node:test";
import { randomSeedField } from "../../../src/providers/hooks/random-seed-field.ts";
import { hookContext } from "./context.ts";

const rename = randomSeedField.body!;

test("seed becomes random_seed", () => {
  assert.deepEqual(rename({ model: "m", seed: 42 }, hookContext()), { model: "m", random_seed: 42 });
});

test("a null seed is dropped rather than sent as random_seed", () => {
  assert.deepEqual(rename({ seed: null }, hookContext()), {});
});

test("a body without seed is returned as is", () => {
  const body = { temperature: 0.2 };
  assert.equal(rename(body, hookContext()), body);
});
