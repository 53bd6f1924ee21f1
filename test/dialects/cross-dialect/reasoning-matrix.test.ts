/**
 * Reasoning across every ordered pair of openai-chat, anthropic-messages and gemini,
 * streaming and not: the reasoning text reaches A's client in A's own form (OpenAI
 * `reasoning_content`, Anthropic thinking, Gemini thought parts), a signature travels where
 * A can carry it (Anthropic thinking signature, Gemini thoughtSignature), and where A cannot
 * (OpenAI Chat Completions) a Warning says it was dropped: never a silent loss.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startSimulatedProvider, type SimulatedProvider, type SimulatedReply } from "../../../src/simulator/index.ts";
import { readUsage } from "./expectations.ts";
import { askWithSdk, sdkDialects, type SdkDialect } from "./sdk-clients.ts";
import { startTranslatingProxy, type TranslatingProxy } from "./translating-proxy.ts";

const thinking = "The user asks about rain this afternoon; the forecast says showers after 3 pm.";
const answer = "Yes, take an umbrella.";
/** Anthropic's simulator signs its thinking itself; Gemini's is given; OpenAI has none to give. */
const geminiSignature = "Z2VtaW5pLXRob3VnaHQtc2lnbmF0dXJl";
const anthropicSignature = Buffer.from(`llmux-simulator:${thinking}`).toString("base64");
const signatureOf: Record<SdkDialect, string | undefined> = { "openai-chat": undefined, "anthropic-messages": anthropicSignature, gemini: geminiSignature };

function replyOf(upstream: SdkDialect): SimulatedReply {
  const signature = upstream === "gemini" ? geminiSignature : undefined;
  return {
    reasoning: signature === undefined ? thinking : { text: thinking, signature },
    text: answer,
    usage: { inputTokens: 120, outputTokens: 40, reasoningTokens: 12 },
  };
}

const upstreams = new Map<SdkDialect, SimulatedProvider>();
const proxies = new Map<string, TranslatingProxy>();

before(async () => {
  for (const upstream of sdkDialects) upstreams.set(upstream, await startSimulatedProvider({ dialect: upstream, script: { reply: replyOf(upstream) } }));
  for (const ingress of sdkDialects) {
    for (const upstream of sdkDialects) proxies.set(`${ingress}<${upstream}`, await startTranslatingProxy(ingress, upstreams.get(upstream) as SimulatedProvider));
  }
});
after(async () => {
  for (const proxy of proxies.values()) await proxy.close();
  for (const upstream of upstreams.values()) await upstream.close();
});

for (const ingress of sdkDialects) {
  for (const upstream of sdkDialects) {
    for (const stream of [false, true]) {
      const mode = stream ? "stream" : "non-stream";
      const signature = signatureOf[upstream];
      const carried = signature === undefined ? "no signature" : ingress === "openai-chat" ? "signature dropped with a warning" : "signature carried";
      describe(`${ingress} ← ${upstream}, ${mode}, reasoning`, () => {
        test(`${ingress} ← ${upstream}, ${mode}, reasoning (${carried})`, async () => {
          const proxy = proxies.get(`${ingress}<${upstream}`) as TranslatingProxy;
          const result = await askWithSdk(ingress, proxy.url, { stream });
          assert.equal(result.reasoning, thinking);
          assert.equal(result.text, answer);
          assert.deepEqual(readUsage(ingress, result), { input: 120, output: 40, total: 160 });

          const warnings = proxy.exchanges.at(-1)?.warnings ?? [];
          const signatureWarnings = warnings.filter((warning) => /signature/i.test(warning.message));
          if (signature !== undefined && ingress === "openai-chat") {
            assert.equal(signatureWarnings.length, 1, JSON.stringify(warnings));
            assert.equal(signatureWarnings[0]?.code, "unsupported-content");
          } else assert.deepEqual(signatureWarnings, []);
          if (ingress === "anthropic-messages") assert.equal(result.reasoningSignature, signature ?? "");
          if (ingress === "gemini") assert.equal(result.reasoningSignature, signature);
        });
      });
    }
  }
}
