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
import { openaiChatDialect as dialect } from "../../../src/dialects/openai-chat/index.ts";
import { loadJson } from "./load-fixture.ts";

function upstream(kind: FailureKind): UpstreamError {
  return new UpstreamError({ provider: "p", model: "m", kind, message: `failed: ${kind}` });
}

describe("encodeError: OpenAI statuses and bodies", () => {
  const rows: Array<[string, LlmuxError, number, string, string | null]> = [
    ["rate-limit", upstream("rate-limit"), 429, "requests", "rate_limit_exceeded"],
    ["quota", upstream("quota"), 429, "insufficient_quota", "insufficient_quota"],
    ["auth", upstream("auth"), 401, "invalid_request_error", "invalid_api_key"],
    ["overloaded", upstream("overloaded"), 503, "service_unavailable_error", "server_is_overloaded"],
    ["server", upstream("server"), 500, "server_error", "server_error"],
    ["timeout", upstream("timeout"), 504, "timeout_error", "timeout"],
    ["connection", upstream("connection"), 502, "upstream_error", "bad_gateway"],
    ["context-window", upstream("context-window"), 400, "invalid_request_error", "context_length_exceeded"],
    ["content-policy", upstream("content-policy"), 400, "invalid_request_error", "content_policy_violation"],
    ["not-found", new NotFoundError("no such model"), 404, "invalid_request_error", "model_not_found"],
    ["unauthorized", new UnauthorizedError("bad gateway key"), 401, "invalid_request_error", "invalid_api_key"],
    ["aborted", new AbortedError(), 499, "request_aborted", null],
    ["unavailable", new LlmuxError("all_providers_down", "every provider is down"), 503, "service_unavailable_error", "service_unavailable"],
    ["internal", new LlmuxError("internal", "bug"), 500, "server_error", "internal_error"],
  ];
  for (const [name, error, status, type, code] of rows) {
    test(`${name} → ${status} ${type}`, () => {
      assert.deepEqual(dialect.encodeError(error), { status, body: { error: { message: error.message, type, param: null, code } } });
    });
  }

  test("invalid requests name the offending param", () => {
    const error = new InvalidRequestError("`temperature` must be a number.", { param: "temperature" });
    assert.deepEqual(dialect.encodeError(error), {
      status: 400,
      body: { error: { message: "`temperature` must be a number.", type: "invalid_request_error", param: "temperature", code: null } },
    });
  });
});

describe("decodeError reads OpenAI's recorded error answers", () => {
  const cases = loadJson("errors.json") as Record<string, { status: number; headers: Record<string, string>; body: unknown; kind: FailureKind }>;
  for (const [name, recorded] of Object.entries(cases)) {
    test(`${name} → ${recorded.kind}`, () => {
      const classification = dialect.decodeError({ status: recorded.status, headers: recorded.headers, body: recorded.body });
      assert.equal(classification.kind, recorded.kind);
      assert.equal(classification.message, (recorded.body as { error: { message: string } }).error.message);
    });
  }

  test("retry-after on a 429 becomes the back-off hint", () => {
    const recorded = (loadJson("errors.json") as Record<string, { status: number; headers: Record<string, string>; body: unknown }>)["rate-limit"];
    assert.ok(recorded);
    assert.equal(dialect.decodeError(recorded).retryAfterMs, 20_000);
  });
});
