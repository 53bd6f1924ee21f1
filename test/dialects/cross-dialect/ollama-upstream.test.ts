/**
 * Ollama as the upstream of openai-chat and anthropic-messages ingress, streaming and not.
 * Ollama has no official SDK, so the request direction is checked with
 * `validateOllamaRequest` and its own fields; the response direction with the ingress SDK.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { getDialect } from "../../../src/dialects/registry.ts";
import { startSimulatedProvider, validateOllamaRequest, type SimulatedProvider, type SimulatedReply } from "../../../src/simulator/index.ts";
import { captureClientRequest } from "./capture-client-request.ts";
import { conversation, png } from "./conversation.ts";
import { finishReasons, readUsage } from "./expectations.ts";
import { askWithSdk, type SdkDialect } from "./sdk-clients.ts";
import { startTranslatingProxy, type TranslatingProxy } from "./translating-proxy.ts";
import { readWireFeatures } from "./wire-features.ts";

const ingresses: SdkDialect[] = ["openai-chat", "anthropic-messages"];
const textReply: SimulatedReply = { text: "Yes: showers are likely after 3 pm, so take an umbrella.", usage: { inputTokens: 120, outputTokens: 14 } };
const toolReply: SimulatedReply = {
  toolCalls: [
    { name: "get_weather", arguments: { city: "Paris", unit: "c" } },
    { name: "get_time", arguments: { tz: "Europe/Paris" } },
  ],
  usage: { inputTokens: 120, outputTokens: 22 },
};

let ollama: SimulatedProvider;
const proxies = new Map<SdkDialect, TranslatingProxy>();

before(async () => {
  ollama = await startSimulatedProvider({ dialect: "ollama" });
  for (const ingress of ingresses) proxies.set(ingress, await startTranslatingProxy(ingress, ollama));
});
after(async () => {
  for (const proxy of proxies.values()) await proxy.close();
  await ollama.close();
});

for (const ingress of ingresses) {
  for (const stream of [false, true]) {
    const mode = stream ? "stream" : "non-stream";
    describe(`${ingress} ← ollama, ${mode}`, () => {
      test(`${ingress} ← ollama, ${mode}, request passes validateOllamaRequest with image, tools and history`, async () => {
        const captured = await captureClientRequest(ingress, stream);
        const canonical = getDialect(ingress).decodeRequest(captured.request.body, captured.context).value;
        const body = getDialect("ollama").encodeRequest({ ...canonical, model: conversation.model.ollama }).value;
        assert.deepEqual(validateOllamaRequest(body, {}), []);
        const features = readWireFeatures("ollama", body);
        assert.equal(features.system, conversation.system);
        assert.deepEqual(features.images, [{ mediaType: undefined, data: png }]);
        assert.deepEqual(features.tools.map((tool) => [tool.name, tool.properties]), [
          ["get_weather", ["city", "unit"]],
          ["get_time", ["tz"]],
        ]);
        assert.deepEqual(features.calls.map((call) => [call.name, call.arguments]), conversation.calls.map((call) => [call.name, call.arguments]));
        assert.deepEqual(features.results, [
          { ref: "get_weather", text: conversation.results[0] },
          { ref: "get_time", text: conversation.results[1] },
        ]);
        assert.deepEqual(features.texts, [conversation.question, conversation.answer, conversation.followUp]);
        assert.equal(features.maxOutputTokens, 300);
        assert.equal((body as { stream: boolean }).stream, stream);
      });

      test(`${ingress} ← ollama, ${mode}, text`, async () => {
        ollama.setScript({ reply: textReply, chunks: 5 });
        const answer = await askWithSdk(ingress, (proxies.get(ingress) as TranslatingProxy).url, { stream });
        assert.equal(answer.text, textReply.text);
        assert.equal(answer.finishReason, finishReasons.text[ingress]);
        assert.deepEqual(readUsage(ingress, answer), { input: 120, output: 14, total: 134 });
      });

      test(`${ingress} ← ollama, ${mode}, two parallel tool calls`, async () => {
        ollama.setScript({ reply: toolReply });
        const proxy = proxies.get(ingress) as TranslatingProxy;
        const answer = await askWithSdk(ingress, proxy.url, { stream });
        assert.deepEqual(
          answer.toolCalls.map((call) => [call.name, call.arguments]),
          toolReply.toolCalls?.map((call) => [call.name, call.arguments]),
        );
        const upstreamIds = (proxy.exchanges.at(-1)?.response?.content ?? []).flatMap((part) => (part.type === "tool-call" ? [part.id] : []));
        assert.deepEqual(answer.toolCalls.map((call) => call.id), upstreamIds);
        assert.equal(new Set(upstreamIds).size, 2);
        assert.equal(answer.finishReason, finishReasons.tools[ingress]);
        assert.deepEqual(readUsage(ingress, answer), { input: 120, output: 22, total: 142 });
      });
    });
  }
}
