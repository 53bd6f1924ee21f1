import assert from "node:assert/strict";
import { after, test } from "node:test";
import OpenAI from "openai";
import { parseConfigText } from "../../src/config/index.ts";
import { startGateway, type GatewayHandle } from "../../src/gateway/serve.ts";
import { startSimulatedProvider, type SimulatedProvider } from "../../src/simulator/index.ts";
import { MemoryUsageStore } from "../../src/usage/stores/memory.ts";

const closers: Array<{ close(): Promise<void> }> = [];
after(async () => {
  await Promise.all(closers.map((closer) => closer.close()));
});

async function gatewayWith(primary: SimulatedProvider, secondary: SimulatedProvider, extra = ""): Promise<GatewayHandle> {
  const yaml = [
    "providers:",
    `  anthropic: { keys: ["sk-ant-1"], baseUrl: "${primary.url}" }`,
    `  google: { keys: ["g-1"], baseUrl: "${secondary.url}" }`,
    "retries: { maxPerCandidate: 0 }",
    extra,
  ].join("\n");
  const gateway = await startGateway({ config: parseConfigText(yaml, "test.yaml", {}).config, port: 0, usage: new MemoryUsageStore(), status: false, auto: false });
  closers.push(gateway);
  return gateway;
}

async function simulators(): Promise<[SimulatedProvider, SimulatedProvider]> {
  const primary = await startSimulatedProvider({ dialect: "anthropic-messages", script: { reply: { text: "The answer begins here and" }, cutAfterChunks: 3 } });
  const secondary = await startSimulatedProvider({ dialect: "gemini", script: { reply: { text: "ends on the fallback." } } });
  closers.push(primary, secondary);
  return [primary, secondary];
}

test("continuation on: a stream cut after content resumes on a prefix-capable fallback, one answer for the client", async () => {
  const [primary, secondary] = await simulators();
  const gateway = await gatewayWith(primary, secondary);
  const client = new OpenAI({ baseURL: `${gateway.url}/openai/v1`, apiKey: "unused", maxRetries: 0 });
  const stream = await client.chat.completions.create(
    { model: "claude-sonnet-4-6", stream: true, messages: [{ role: "user", content: "Tell me the answer." }] },
    { headers: { "x-llmux-continuation": "on" } },
  );
  let text = "";
  let finish: string | null | undefined;
  for await (const chunk of stream) {
    text += chunk.choices[0]?.delta.content ?? "";
    finish = chunk.choices[0]?.finish_reason ?? finish;
  }
  assert.equal(text, "The answer begins ends on the fallback.");
  assert.equal(finish, "stop");
  // The fallback was asked to continue the partial answer, given as a trailing model turn.
  const asked = secondary.requests.find((request) => request.endpoint === "stream-generate-content")?.body as { contents: Array<{ role: string; parts: Array<{ text?: string }> }> };
  const last = asked.contents.at(-1);
  assert.equal(last?.role, "model");
  assert.equal(last?.parts[0]?.text, "The answer begins ");
});

test("continuation off (the default): the same cut ends with an error, not a fake finish", async () => {
  const [primary, secondary] = await simulators();
  const gateway = await gatewayWith(primary, secondary);
  const client = new OpenAI({ baseURL: `${gateway.url}/openai/v1`, apiKey: "unused", maxRetries: 0 });
  const stream = await client.chat.completions.create({ model: "claude-sonnet-4-6", stream: true, messages: [{ role: "user", content: "Tell me the answer." }] });
  let text = "";
  await assert.rejects(async () => {
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? "";
  });
  assert.equal(text, "The answer begins ");
  assert.equal(secondary.requests.filter((request) => request.endpoint === "stream-generate-content").length, 0);
});
