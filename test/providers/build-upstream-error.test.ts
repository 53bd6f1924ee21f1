import assert from "node:assert/strict";
import { inspect } from "node:util";
import { test } from "node:test";
import type { FailureInput } from "../../src/core/classify-failure.ts";
import { UpstreamError } from "../../src/core/errors.ts";
import { buildUpstreamError, maxExcerptBytes, truncateUtf8 } from "../../src/providers/build-upstream-error.ts";
import { ProviderKey } from "../../src/providers/provider-key.ts";

test("a 429 with retry-after becomes a retryable rate-limit with its back-off", () => {
  const error = buildUpstreamError({
    provider: "openai",
    model: "gpt-4o",
    status: 429,
    headers: { "retry-after": "2", "x-request-id": "req_1" },
    bodyText: JSON.stringify({ error: { message: "Rate limit reached", type: "requests", code: "rate_limit_exceeded" } }),
    url: "https://api.openai.com/v1/chat/completions",
  });
  assert.ok(error instanceof UpstreamError);
  assert.equal(error.kind, "rate-limit");
  assert.equal(error.retryable, true);
  assert.equal(error.retryAfterMs, 2000);
  assert.equal(error.status, 429);
  assert.equal(error.provider, "openai");
  assert.equal(error.model, "gpt-4o");
  assert.equal(error.headers["x-request-id"], "req_1");
  assert.match(error.message, /openai answered HTTP 429: Rate limit reached/);
});

test("the dialect's decodeError reads the parsed body", () => {
  const seen: FailureInput[] = [];
  const decodeError = (input: FailureInput) => {
    seen.push(input);
    return { kind: "overloaded" as const, vendorCode: "overloaded_error", message: "Overloaded", retryAfterMs: 1500 };
  };
  const body = { type: "error", error: { type: "overloaded_error", message: "Overloaded" } };
  const error = buildUpstreamError({ provider: "anthropic", model: "claude", status: 529, headers: {}, bodyText: JSON.stringify(body), decodeError });
  assert.deepEqual(seen[0]?.body, body);
  assert.equal(seen[0]?.status, 529);
  assert.equal(error.kind, "overloaded");
  assert.equal(error.vendorCode, "overloaded_error");
  assert.equal(error.retryAfterMs, 1500);
});

test("a non-JSON body is passed as text and kept as the excerpt", () => {
  const error = buildUpstreamError({ provider: "p", model: "m", status: 502, headers: {}, bodyText: "<html>Bad Gateway</html>" });
  assert.equal(error.kind, "server");
  assert.equal(error.bodyExcerpt, "<html>Bad Gateway</html>");
});

test("the excerpt is bounded to 2 KB of UTF-8", () => {
  const error = buildUpstreamError({ provider: "p", model: "m", status: 500, headers: {}, bodyText: "é".repeat(5000) });
  const size = new TextEncoder().encode(error.bodyExcerpt ?? "").byteLength;
  assert.ok(size <= maxExcerptBytes, `${size} bytes`);
  assert.ok(size > maxExcerptBytes - 8);
  assert.equal(truncateUtf8("short", 10), "short");
});

test("secrets never appear in the message, excerpt, JSON or inspection, and cookies are dropped", () => {
  const key = new ProviderKey("deepseek", "sk-deepseek-VERYSECRET-12345");
  const bodyText = JSON.stringify({ error: { message: "Authentication Fails, Your api key: sk-deepseek-VERYSECRET-12345 is invalid", type: "authentication_error" } });
  const error = buildUpstreamError({
    provider: "deepseek",
    model: "deepseek-chat",
    status: 401,
    headers: { "set-cookie": "session=abc" },
    bodyText,
    url: "https://api.deepseek.com/v1/chat/completions?key=sk-deepseek-VERYSECRET-12345",
    secrets: [key],
  });
  assert.equal(error.kind, "auth");
  for (const text of [error.message, error.bodyExcerpt ?? "", error.url ?? "", JSON.stringify(error), inspect(error, { depth: 5 })]) {
    assert.ok(!text.includes("VERYSECRET"), text);
  }
  assert.ok(error.message.includes(key.id));
  assert.equal(error.headers["set-cookie"], undefined);
});
