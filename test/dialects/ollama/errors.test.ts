import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  AbortedError,
  InvalidRequestError,
  LlmuxError,
  NotFoundError,
  UnauthorizedError,
  UpstreamError,
  type FailureKind,
} from "../../../src/core/errors.ts";
import { ollamaDialect } from "../../../src/dialects/ollama/index.ts";
import { readJsonFixture } from "./load-fixture.ts";

const { decodeError, encodeError } = ollamaDialect;

interface ErrorFixture {
  status: number;
  body: { error: string };
  kind: FailureKind;
}

function upstream(kind: FailureKind, message: string): UpstreamError {
  return new UpstreamError({ provider: "ollama", model: "llama3.2", kind, message });
}

describe("ollama errors", () => {
  for (const fixture of readJsonFixture("errors.json") as ErrorFixture[]) {
    test(`${fixture.status} "${fixture.body.error}" reads as ${fixture.kind}`, () => {
      const classification = decodeError({ status: fixture.status, body: fixture.body });
      assert.equal(classification.kind, fixture.kind);
      assert.equal(classification.message, fixture.body.error);
    });
  }

  test("a 429 with retry-after carries the back-off", () => {
    const classification = decodeError({ status: 429, headers: { "retry-after": "3" }, body: { error: "too many requests" } });
    assert.equal(classification.kind, "rate-limit");
    assert.equal(classification.retryAfterMs, 3000);
  });

  test("each kind gets Ollama's body shape and a status that names it", () => {
    const expected: Array<[FailureKind, number]> = [
      ["rate-limit", 429],
      ["quota", 402],
      ["auth", 401],
      ["overloaded", 503],
      ["server", 500],
      ["timeout", 504],
      ["connection", 502],
      ["context-window", 400],
      ["content-policy", 400],
      ["invalid-request", 400],
      ["not-found", 404],
    ];
    for (const [kind, status] of expected) {
      const encoded = encodeError(upstream(kind, "went wrong"));
      assert.equal(encoded.status, status, kind);
      assert.deepEqual(Object.keys(encoded.body as object), ["error"], kind);
    }
  });

  test("kinds sharing 400 get a telling phrase only when the message lacks one", () => {
    assert.deepEqual(encodeError(upstream("context-window", "prompt too big")).body, {
      error: "the input exceeds the context length: prompt too big",
    });
    assert.deepEqual(encodeError(upstream("context-window", "maximum context length is 8192 tokens")).body, {
      error: "maximum context length is 8192 tokens",
    });
    assert.deepEqual(encodeError(upstream("content-policy", "refused")).body, { error: "blocked by content policy: refused" });
    assert.deepEqual(encodeError(upstream("invalid-request", "bad field")).body, { error: "bad field" });
  });

  test("llmux's own errors map to statuses too", () => {
    assert.deepEqual(encodeError(new InvalidRequestError("`messages` is required.", { param: "messages" })), {
      status: 400,
      body: { error: "`messages` is required." },
    });
    assert.equal(encodeError(new NotFoundError('model "x" not found')).status, 404);
    assert.equal(encodeError(new UnauthorizedError("bad gateway key")).status, 401);
    assert.equal(encodeError(new AbortedError()).status, 499);
    assert.equal(encodeError(new LlmuxError("internal", "bug")).status, 500);
    assert.equal(encodeError(new LlmuxError("all_providers_down", "all down")).status, 503);
  });
});
