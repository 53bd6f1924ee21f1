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
import { anthropicMessagesDialect } from "../../../src/dialects/anthropic-messages/index.ts";
import { readJsonFixture } from "./fixtures.ts";

interface ErrorFixture {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  kind: FailureKind;
}

const { decodeError, encodeError } = anthropicMessagesDialect;

describe("anthropic-messages decodeError: recorded error answers", () => {
  for (const fixture of readJsonFixture("errors.json") as ErrorFixture[]) {
    test(`HTTP ${fixture.status} ${JSON.stringify(fixture.body).slice(0, 60)}… is ${fixture.kind}`, () => {
      const classification = decodeError({ status: fixture.status, headers: fixture.headers, body: fixture.body });
      assert.equal(classification.kind, fixture.kind);
      assert.equal(classification.message, (fixture.body as { error: { message: string } }).error.message);
    });
  }

  test("retry-after on a 429 becomes the back-off hint", () => {
    const [, rateLimit] = readJsonFixture("errors.json") as ErrorFixture[];
    assert.ok(rateLimit);
    assert.equal(decodeError({ status: rateLimit.status, headers: rateLimit.headers, body: rateLimit.body }).retryAfterMs, 17_000);
  });
});

describe("anthropic-messages encodeError", () => {
  const upstream = (kind: FailureKind, message = `upstream said ${kind}`) => new UpstreamError({ provider: "p", model: "m", kind, message });

  const table: Array<[LlmuxError, number, string]> = [
    [upstream("rate-limit"), 429, "rate_limit_error"],
    [upstream("quota"), 402, "billing_error"],
    [upstream("auth"), 401, "authentication_error"],
    [upstream("overloaded"), 529, "overloaded_error"],
    [upstream("server"), 500, "api_error"],
    [upstream("connection"), 502, "api_error"],
    [upstream("timeout"), 504, "timeout_error"],
    [upstream("context-window"), 400, "invalid_request_error"],
    [upstream("content-policy"), 400, "invalid_request_error"],
    [upstream("invalid-request"), 400, "invalid_request_error"],
    [upstream("not-found"), 404, "not_found_error"],
    [new InvalidRequestError("messages: required", { param: "messages" }), 400, "invalid_request_error"],
    [new UnauthorizedError("bad gateway key"), 401, "authentication_error"],
    [new NotFoundError("no such model"), 404, "not_found_error"],
    [new AbortedError(), 499, "invalid_request_error"],
    [new LlmuxError("internal", "boom"), 500, "api_error"],
  ];
  for (const [error, status, type] of table) {
    test(`${error.name} ${error instanceof UpstreamError ? error.kind : error.code} → ${status} ${type}`, () => {
      const encoded = encodeError(error);
      assert.equal(encoded.status, status);
      const body = encoded.body as { type: string; error: { type: string; message: string } };
      assert.equal(body.type, "error");
      assert.equal(body.error.type, type);
      assert.ok(body.error.message.includes(error.message));
    });
  }

  test("context-window and content-policy messages use Anthropic's wording once", () => {
    const tooLong = encodeError(upstream("context-window", "212093 tokens > 200000 maximum")).body as { error: { message: string } };
    assert.equal(tooLong.error.message, "prompt is too long: 212093 tokens > 200000 maximum");
    const already = encodeError(upstream("context-window", "prompt is too long: 5 > 4")).body as { error: { message: string } };
    assert.equal(already.error.message, "prompt is too long: 5 > 4");
    const blocked = encodeError(upstream("content-policy", "refused")).body as { error: { message: string } };
    assert.equal(blocked.error.message, "Output blocked by content filtering policy: refused");
  });
});
