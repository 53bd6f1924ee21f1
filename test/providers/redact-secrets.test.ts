import assert from "node:assert/strict";
import { test } from "node:test";
import { authHeaders } from "../../src/providers/auth-headers.ts";
import { ProviderKey } from "../../src/providers/provider-key.ts";
import { redactSecrets, redactUrl } from "../../src/providers/redact-secrets.ts";

test("held keys are replaced by their ids", () => {
  const key = new ProviderKey("together", "tg-plain-looking-secret-value");
  const text = `invalid key tg-plain-looking-secret-value (again: tg-plain-looking-secret-value)`;
  const redacted = redactSecrets(text, [key]);
  assert.ok(!redacted.includes("tg-plain-looking-secret-value"));
  assert.equal(redacted, `invalid key [key ${key.id}] (again: [key ${key.id}])`);
});

test("well-known key shapes are masked even when the key is not ours", () => {
  const text = [
    "Incorrect API key provided: sk-proj-abcdefghijklmnop1234.",
    "x-goog-api-key AIzaSyA1234567890abcdefghijklmnopqrstuv",
    "groq gsk_abcdefghijklmnopqrstuvwx",
    "Authorization: Bearer abc.def-ghi_jkl~mno",
  ].join("\n");
  const redacted = redactSecrets(text);
  for (const secret of ["sk-proj-abcdefghijklmnop1234", "AIzaSyA1234567890", "gsk_abcdefghijklmnop", "abc.def-ghi_jkl~mno"]) {
    assert.ok(!redacted.includes(secret), `${secret} leaked: ${redacted}`);
  }
  assert.match(redacted, /Bearer \[redacted\]/);
});

test("ordinary text is untouched", () => {
  const text = "The model `gpt-4o` does not exist or you do not have access to it.";
  assert.equal(redactSecrets(text, ["short"]), text);
});

test("URLs lose credentials and key query values", () => {
  assert.equal(
    redactUrl("https://user:pass@host.example/v1beta/models/x:generateContent?alt=sse&key=AIzaSECRET"),
    "https://redacted:redacted@host.example/v1beta/models/x:generateContent?alt=sse&key=redacted",
  );
});

test("auth headers follow the provider's scheme", () => {
  const key = new ProviderKey("p", "secret-123");
  assert.deepEqual(authHeaders({ auth: "bearer" }, key), { authorization: "Bearer secret-123" });
  assert.deepEqual(authHeaders({ auth: "x-api-key" }, key), { "x-api-key": "secret-123" });
  assert.deepEqual(authHeaders({ auth: "x-goog-api-key" }, "raw-key"), { "x-goog-api-key": "raw-key" });
  assert.deepEqual(authHeaders({ auth: "none" }, key), {});
  assert.deepEqual(authHeaders({ auth: "bearer" }, undefined), {});
});
