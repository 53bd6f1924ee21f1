import assert from "node:assert/strict";
import { test } from "node:test";
import { stripUnsupportedParams } from "../../../src/providers/hooks/strip-unsupported-params.ts";
import { hookContext } from "./context.ts";

const strip = stripUnsupportedParams.body!;

test("listed top-level fields are dropped with one warning each", () => {
  const context = hookContext({ providerId: "groq", unsupportedParams: ["logprobs", "logit_bias", "top_logprobs"] });
  const body = { model: "llama", logprobs: true, logit_bias: { "50256": -100 }, temperature: 0.5 };
  assert.deepEqual(strip(body, context), { model: "llama", temperature: 0.5 });
  assert.deepEqual(
    context.warnings.map((warning) => [warning.code, warning.path]),
    [
      ["unsupported-field", "logprobs"],
      ["unsupported-field", "logit_bias"],
    ],
  );
  assert.match(context.warnings[0]?.message ?? "", /groq/);
  assert.equal(body.logprobs, true, "input not mutated");
});

test("an item path drops the field from every array item", () => {
  const context = hookContext({ unsupportedParams: ["messages[].name"] });
  const body = {
    messages: [
      { role: "user", content: "hi", name: "alice" },
      { role: "assistant", content: "hello" },
      { role: "user", content: "again", name: "bob" },
    ],
  };
  assert.deepEqual(strip(body, context), {
    messages: [
      { role: "user", content: "hi" },
      { role: "assistant", content: "hello" },
      { role: "user", content: "again" },
    ],
  });
  assert.equal(context.warnings.length, 1);
  assert.equal(context.warnings[0]?.path, "messages[].name");
  assert.equal(body.messages[0]?.name, "alice", "input not mutated");
});

test("nothing to strip means the same body and no warnings", () => {
  const context = hookContext({ unsupportedParams: ["logprobs", "messages[].name"] });
  const body = { messages: [{ role: "user", content: "hi" }] };
  assert.equal(strip(body, context), body);
  assert.deepEqual(context.warnings, []);
});
