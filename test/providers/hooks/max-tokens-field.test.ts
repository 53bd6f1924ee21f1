import assert from "node:assert/strict";
import { test } from "node:test";
import { maxTokensField } from "../../../src/providers/hooks/max-tokens-field.ts";
import { hookContext } from "./context.ts";

const rename = maxTokensField.body!;

test("max_completion_tokens becomes max_tokens, and the input is left alone", () => {
  const body = { model: "deepseek-chat", max_completion_tokens: 256, messages: [] };
  assert.deepEqual(rename(body, hookContext()), { model: "deepseek-chat", max_tokens: 256, messages: [] });
  assert.equal(body.max_completion_tokens, 256);
});

test("an explicit max_tokens wins and the other field is dropped", () => {
  assert.deepEqual(rename({ max_tokens: 10, max_completion_tokens: 99 }, hookContext()), { max_tokens: 10 });
});

test("a body without a limit is returned as is", () => {
  const body = { model: "m" };
  assert.equal(rename(body, hookContext()), body);
});
