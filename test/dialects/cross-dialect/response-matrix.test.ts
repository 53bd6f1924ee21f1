/**
 * Response direction, every ordered pair (ingress A, upstream B) of openai-chat,
 * anthropic-messages and gemini, same-dialect pairs as controls, streaming and not: a
 * simulated B upstream answers (text; two parallel tool calls) → B.decodeResponse /
 * B.decodeStream → A.encodeResponse / A.encodeStream → A's official SDK, which must parse
 * the same text, the same calls (names, arguments, consistent ids), usage and finish reason.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sanitizeToolCallId } from "../../../src/dialects/internal/tool-call-id.ts";
import { startSimulatedProvider, type SimulatedProvider, type SimulatedReply } from "../../../src/simulator/index.ts";
import { finishReasons, readUsage, sendsToolCallIds } from "./expectations.ts";
import { askWithSdk, sdkDialects, type SdkDialect } from "./sdk-clients.ts";
import { startTranslatingProxy, type TranslatingProxy } from "./translating-proxy.ts";

const textReply: SimulatedReply = {
  text: "Yes: showers are likely after 3 pm, so take an umbrella.",
  usage: { inputTokens: 120, outputTokens: 14 },
};
const toolReply: SimulatedReply = {
  toolCalls: [
    { name: "get_weather", arguments: { city: "Paris", unit: "c" } },
    { name: "get_forecast", arguments: { city: "Paris", hours: [15, 16, 17] } },
  ],
  usage: { inputTokens: 120, outputTokens: 31 },
};

const upstreams = new Map<SdkDialect, SimulatedProvider>();
const proxies = new Map<string, TranslatingProxy>();

before(async () => {
  for (const upstream of sdkDialects) upstreams.set(upstream, await startSimulatedProvider({ dialect: upstream }));
  for (const ingress of sdkDialects) {
    for (const upstream of sdkDialects) proxies.set(`${ingress}<${upstream}`, await startTranslatingProxy(ingress, upstreams.get(upstream) as SimulatedProvider));
  }
});
after(async () => {
  for (const proxy of proxies.values()) await proxy.close();
  for (const upstream of upstreams.values()) await upstream.close();
});

function setUp(ingress: SdkDialect, upstream: SdkDialect, reply: SimulatedReply): TranslatingProxy {
  upstreams.get(upstream)?.setScript({ reply, chunks: 5 });
  return proxies.get(`${ingress}<${upstream}`) as TranslatingProxy;
}

for (const ingress of sdkDialects) {
  for (const upstream of sdkDialects) {
    for (const stream of [false, true]) {
      const mode = stream ? "stream" : "non-stream";
      describe(`${ingress} ← ${upstream}, ${mode}, response`, () => {
        test(`${ingress} ← ${upstream}, ${mode}, text`, async () => {
          const proxy = setUp(ingress, upstream, textReply);
          const answer = await askWithSdk(ingress, proxy.url, { stream });
          assert.equal(answer.text, textReply.text);
          assert.deepEqual(answer.toolCalls, []);
          assert.equal(answer.finishReason, finishReasons.text[ingress]);
          assert.deepEqual(readUsage(ingress, answer), { input: 120, output: 14, total: 134 });
        });

        test(`${ingress} ← ${upstream}, ${mode}, two parallel tool calls`, async () => {
          const proxy = setUp(ingress, upstream, toolReply);
          const answer = await askWithSdk(ingress, proxy.url, { stream });
          assert.equal(answer.text, "");
          assert.deepEqual(
            answer.toolCalls.map((call) => [call.name, call.arguments]),
            [
              ["get_weather", { city: "Paris", unit: "c" }],
              ["get_forecast", { city: "Paris", hours: [15, 16, 17] }],
            ],
          );
          assert.equal(answer.finishReason, finishReasons.tools[ingress]);
          assert.deepEqual(readUsage(ingress, answer), { input: 120, output: 31, total: 151 });

          // Ids: the upstream's own (or ids made up for Gemini's id-less calls), the same ones the client sees.
          const upstreamIds = (proxy.exchanges.at(-1)?.response?.content ?? []).flatMap((part) => (part.type === "tool-call" ? [part.id] : []));
          assert.equal(new Set(upstreamIds).size, 2);
          if (sendsToolCallIds(upstream)) assert.ok(upstreamIds.every((id) => /^(call|toolu)_sim\d+_\d$/.test(id)), upstreamIds.join());
          const clientIds = answer.toolCalls.map((call) => call.id);
          if (ingress === "gemini" && upstream === "gemini") assert.deepEqual(clientIds, [undefined, undefined]);
          else assert.deepEqual(clientIds, ingress === "anthropic-messages" ? upstreamIds.map(sanitizeToolCallId) : upstreamIds);
        });
      });
    }
  }
}
