import assert from "node:assert/strict";
import { test } from "node:test";
import { classifyFailure } from "../../src/core/classify-failure.ts";

const cases: Array<[string, Parameters<typeof classifyFailure>[0], string]> = [
  [
    "OpenAI context_length_exceeded",
    { status: 400, body: { error: { message: "This model's maximum context length is 8192 tokens.", type: "invalid_request_error", param: "messages", code: "context_length_exceeded" } } },
    "context-window",
  ],
  ["OpenAI insufficient_quota", { status: 429, body: { error: { message: "You exceeded your current quota", type: "insufficient_quota", param: null, code: "insufficient_quota" } } }, "quota"],
  ["OpenAI rate limit", { status: 429, body: { error: { message: "Rate limit reached for requests", type: "requests", param: null, code: "rate_limit_exceeded" } } }, "rate-limit"],
  ["OpenAI invalid key", { status: 401, body: { error: { message: "Incorrect API key provided", type: "invalid_request_error", param: null, code: "invalid_api_key" } } }, "auth"],
  ["OpenAI model_not_found", { status: 404, body: { error: { message: "The model `x` does not exist", type: "invalid_request_error", param: null, code: "model_not_found" } } }, "not-found"],
  ["OpenAI content policy", { status: 400, body: { error: { message: "Your request was rejected as a result of our safety system.", type: "invalid_request_error", param: null, code: "content_policy_violation" } } }, "content-policy"],
  ["OpenAI server_error", { status: 500, body: { error: { message: "The server had an error", type: "server_error", param: null, code: null } } }, "server"],
  ["Anthropic overloaded 529", { status: 529, body: { type: "error", error: { type: "overloaded_error", message: "Overloaded" } } }, "overloaded"],
  ["Anthropic rate limit", { status: 429, body: { type: "error", error: { type: "rate_limit_error", message: "Number of request tokens has exceeded your per-minute rate limit" } } }, "rate-limit"],
  [
    "Anthropic spend limit",
    { status: 429, body: { type: "error", error: { type: "rate_limit_error", message: "You have reached your spend limit", details: { error_code: "enforced_spend_limit_reached" } } } },
    "quota",
  ],
  ["Anthropic prompt too long", { status: 400, body: { type: "error", error: { type: "invalid_request_error", message: "prompt is too long: 210000 tokens > 200000 maximum" } } }, "context-window"],
  ["Anthropic billing", { status: 402, body: { type: "error", error: { type: "billing_error", message: "Your credit balance is too low" } } }, "quota"],
  [
    "Gemini RESOURCE_EXHAUSTED with RetryInfo",
    {
      status: 429,
      body: {
        error: {
          code: 429,
          message: "You exceeded your current quota, please check your plan and billing details.",
          status: "RESOURCE_EXHAUSTED",
          details: [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "13s" }],
        },
      },
    },
    "rate-limit",
  ],
  ["Gemini UNAVAILABLE", { status: 503, body: { error: { code: 503, message: "The model is overloaded. Please try again later.", status: "UNAVAILABLE" } } }, "overloaded"],
  [
    "Gemini invalid key",
    { status: 400, body: { error: { code: 400, message: "API key not valid.", status: "INVALID_ARGUMENT", details: [{ "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason: "API_KEY_INVALID" }] } } },
    "auth",
  ],
  ["Gemini token limit", { status: 400, body: { error: { code: 400, message: "The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).", status: "INVALID_ARGUMENT" } } }, "context-window"],
  ["Ollama not found", { status: 404, body: { error: "model 'llama9' not found, try pulling it first" } }, "not-found"],
  ["bare 502", { status: 502, body: "<html>Bad Gateway</html>" }, "server"],
  ["bare 504", { status: 504 }, "timeout"],
  ["bare 408", { status: 408 }, "timeout"],
  ["bare 422", { status: 422 }, "invalid-request"],
  ["reset", { cause: Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }) }, "connection"],
  ["headers timeout", { cause: Object.assign(new Error("Headers Timeout Error"), { code: "UND_ERR_HEADERS_TIMEOUT" }) }, "timeout"],
  ["nested cause timeout", { cause: Object.assign(new Error("fetch failed"), { cause: { code: "UND_ERR_CONNECT_TIMEOUT" } }) }, "timeout"],
];

for (const [name, input, kind] of cases) {
  test(`classifies ${name} as ${kind}`, () => {
    assert.equal(classifyFailure(input).kind, kind);
  });
}

test("reads the back-off from retry-after, retry-after-ms, and Gemini RetryInfo", () => {
  assert.equal(classifyFailure({ status: 429, headers: { "Retry-After": "3" } }).retryAfterMs, 3000);
  assert.equal(classifyFailure({ status: 429, headers: { "retry-after-ms": "250", "retry-after": "9" } }).retryAfterMs, 250);
  const gemini = cases.find(([name]) => name.startsWith("Gemini RESOURCE"));
  assert.equal(classifyFailure(gemini![1]).retryAfterMs, 13_000);
});

test("keeps the vendor's message and code", () => {
  const result = classifyFailure({ status: 529, body: { type: "error", error: { type: "overloaded_error", message: "Overloaded" } } });
  assert.equal(result.message, "Overloaded");
  assert.equal(result.vendorCode, "overloaded_error");
});
