import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { AbortedError, InvalidRequestError, LlmuxError, UnauthorizedError, UpstreamError, type FailureKind } from "../../../src/core/errors.ts";
import { geminiDialect as dialect } from "../../../src/dialects/gemini/index.ts";
import { loadJson } from "./load-fixture.ts";

const upstream = (kind: FailureKind, message: string, retryAfterMs?: number) =>
  new UpstreamError({ provider: "p", model: "m", kind, message, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });

describe("encodeError writes google.rpc.Status bodies", () => {
  const table: Array<[FailureKind, number, string]> = [
    ["rate-limit", 429, "RESOURCE_EXHAUSTED"],
    ["quota", 429, "RESOURCE_EXHAUSTED"],
    ["auth", 403, "PERMISSION_DENIED"],
    ["overloaded", 503, "UNAVAILABLE"],
    ["connection", 503, "UNAVAILABLE"],
    ["server", 500, "INTERNAL"],
    ["timeout", 504, "DEADLINE_EXCEEDED"],
    ["context-window", 400, "INVALID_ARGUMENT"],
    ["content-policy", 400, "INVALID_ARGUMENT"],
    ["invalid-request", 400, "INVALID_ARGUMENT"],
    ["not-found", 404, "NOT_FOUND"],
  ];
  for (const [kind, code, status] of table) {
    test(`${kind} → ${code} ${status}`, () => {
      const encoded = dialect.encodeError(upstream(kind, "boom"));
      assert.equal(encoded.status, code);
      const body = encoded.body as { error: { code: number; status: string; message: string } };
      assert.equal(body.error.code, code);
      assert.equal(body.error.status, status);
      assert.match(body.error.message, /^boom/);
    });
  }

  test("a known back-off goes out as RetryInfo and reads back", () => {
    const encoded = dialect.encodeError(upstream("rate-limit", "Too many requests", 13_000));
    assert.deepEqual(encoded.body, {
      error: {
        code: 429,
        message: "Too many requests",
        status: "RESOURCE_EXHAUSTED",
        details: [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "13s" }],
      },
    });
    const read = dialect.decodeError({ status: encoded.status, body: encoded.body });
    assert.deepEqual([read.kind, read.retryAfterMs], ["rate-limit", 13_000]);
  });

  test("kinds told apart by wording get Gemini's own sentence", () => {
    const quota = dialect.encodeError(upstream("quota", "Out of credit", 5000)).body as { error: Record<string, unknown> };
    assert.match(String(quota.error["message"]), /check your plan and billing details/);
    assert.equal(quota.error["details"], undefined, "no RetryInfo: a quota is not a transient limit");
    const context = dialect.encodeError(upstream("context-window", "Too long")).body as { error: Record<string, unknown> };
    assert.match(String(context.error["message"]), /exceeds the maximum number of tokens allowed/);
    const already = dialect.encodeError(upstream("context-window", "The input token count (5) exceeds the maximum number of tokens allowed (4)."));
    assert.equal((already.body as { error: { message: string } }).error.message, "The input token count (5) exceeds the maximum number of tokens allowed (4).");
  });

  test("llmux's own errors map too", () => {
    const statusOf = (error: LlmuxError) => (dialect.encodeError(error).body as { error: { code: number; status: string } }).error;
    assert.deepEqual(statusOf(new InvalidRequestError("contents is required", { param: "contents" })), { code: 400, status: "INVALID_ARGUMENT", message: "contents is required" });
    assert.deepEqual(statusOf(new UnauthorizedError("bad gateway key")), { code: 401, status: "UNAUTHENTICATED", message: "bad gateway key" });
    assert.deepEqual(statusOf(new AbortedError()), { code: 499, status: "CANCELLED", message: "The request was aborted." });
    assert.deepEqual(statusOf(new LlmuxError("internal", "bug")), { code: 500, status: "INTERNAL", message: "bug" });
  });
});

describe("decodeError reads Gemini's real error bodies", () => {
  const expected: Record<string, { kind: FailureKind; retryAfterMs?: number }> = {
    "rate-limit": { kind: "rate-limit", retryAfterMs: 13_000 },
    "invalid-key": { kind: "auth" },
    "missing-key": { kind: "auth" },
    overloaded: { kind: "overloaded" },
    server: { kind: "server" },
    timeout: { kind: "timeout" },
    "context-window": { kind: "context-window" },
    "not-found": { kind: "not-found" },
    region: { kind: "quota" },
    "invalid-request": { kind: "invalid-request" },
  };
  const fixtures = loadJson("errors.json") as Record<string, { status: number; body: unknown }>;
  for (const [name, want] of Object.entries(expected)) {
    test(name, () => {
      const fixture = fixtures[name];
      assert.ok(fixture, `fixture ${name}`);
      const read = dialect.decodeError({ status: fixture.status, body: fixture.body });
      assert.equal(read.kind, want.kind);
      assert.equal(read.retryAfterMs, want.retryAfterMs);
      assert.equal(read.message, (fixture.body as { error: { message: string } }).error.message);
    });
  }
});
