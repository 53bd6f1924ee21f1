import assert from "node:assert/strict";
import { test } from "node:test";
import { InvalidRequestError, LlmuxError, UpstreamError, toLlmuxError } from "../../src/core/errors.ts";

test("isInstance recognises every error of the hierarchy, even from another copy", () => {
  assert.ok(LlmuxError.isInstance(new InvalidRequestError("bad")));
  const foreign = Object.assign(new Error("x"), { [Symbol.for("llmux.error")]: true });
  assert.ok(LlmuxError.isInstance(foreign));
  assert.ok(!LlmuxError.isInstance(new Error("plain")));
});

test("UpstreamError is retryable by kind and serialises without headers or body", () => {
  const error = new UpstreamError({
    provider: "anthropic",
    model: "claude-haiku-4-5",
    kind: "overloaded",
    status: 529,
    message: "Overloaded",
    headers: { "request-id": "req_1" },
    bodyExcerpt: "{}",
  });
  assert.equal(error.retryable, true);
  assert.equal(new UpstreamError({ provider: "p", model: "m", kind: "context-window", message: "x" }).retryable, false);
  const json = error.toJSON();
  assert.equal(json["kind"], "overloaded");
  assert.equal("headers" in json, false);
  assert.equal("bodyExcerpt" in json, false);
});

test("toLlmuxError wraps foreign throws and keeps the cause", () => {
  const cause = new TypeError("boom");
  const wrapped = toLlmuxError(cause);
  assert.equal(wrapped.code, "internal");
  assert.equal(wrapped.cause, cause);
});
