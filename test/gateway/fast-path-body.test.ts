import assert from "node:assert/strict";
import { test } from "node:test";
import { startTestGateway, startUpstream } from "./support.ts";

test("the fast path returns the upstream's own body, with only usage.cost added", async () => {
  const upstreamText =
    '{"id":"chatcmpl-9","object":"chat.completion","created":1732000000,"model":"gpt-4o","x_vendor":{"note":"kept \\"usage\\":{ as is"},' +
    '"choices":[{"index":0,"message":{"role":"assistant","content":"hi"},"finish_reason":"stop"}],' +
    '"usage":{"prompt_tokens":1000,"completion_tokens":100,"total_tokens":1100}}';
  const upstream = await startUpstream((_request, response) => {
    response.writeHead(200, { "content-type": "application/json" });
    response.end(upstreamText);
  });
  const gateway = await startTestGateway(["providers:", "  openai:", `    baseUrl: ${upstream.url}/v1`, '    keys: ["sk-test"]']);
  const answer = await fetch(`${gateway.url}/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ model: "gpt-4o", messages: [{ role: "user", content: "hi" }] }),
  });
  const text = await answer.text();
  const cost = Number(answer.headers.get("x-llmux-cost-usd"));
  assert.ok(cost > 0);
  assert.equal(text, upstreamText.replace('"usage":{"prompt_tokens"', `"usage":{"cost":${cost},"prompt_tokens"`));
});
