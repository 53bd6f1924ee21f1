import assert from "node:assert/strict";
import { test } from "node:test";
import { openrouterAttribution } from "../../../src/providers/hooks/openrouter-attribution.ts";
import { hookContext } from "./context.ts";

const attribute = openrouterAttribution.headers!;

test("adds HTTP-Referer and the title headers, defaulting to llmux", () => {
  const headers = attribute({ authorization: "Bearer k" }, hookContext());
  assert.equal(headers["authorization"], "Bearer k");
  assert.match(headers["http-referer"] ?? "", /^https:\/\//);
  assert.equal(headers["x-openrouter-title"], "llmux");
  assert.equal(headers["x-title"], "llmux");
});

test("uses the configured app url and title", () => {
  const headers = attribute({}, hookContext({ attribution: { url: "https://myapp.example", title: "My App" } }));
  assert.equal(headers["http-referer"], "https://myapp.example");
  assert.equal(headers["x-openrouter-title"], "My App");
});

test("headers the caller already set are kept, whatever their case", () => {
  const input = { "HTTP-Referer": "https://client.example", "X-Title": "Client" };
  const headers = attribute(input, hookContext());
  assert.deepEqual(headers, input);
});
