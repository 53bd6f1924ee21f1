/**
 * Failures across every ordered pair of openai-chat, anthropic-messages and gemini: an
 * upstream B error reaches A's official SDK as A's own error with the same status class,
 * and a B stream cut after the first chunks ends A's stream with A's in-stream error form,
 * so the SDK throws instead of passing a truncated answer off as complete.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startSimulatedProvider, type SimulatedProvider } from "../../../src/simulator/index.ts";
import { askWithSdk, sdkDialects, type SdkDialect } from "./sdk-clients.ts";
import { startTranslatingProxy, type TranslatingProxy } from "./translating-proxy.ts";

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

/** The HTTP status an SDK error carries (`status` on openai and anthropic errors, `status` on genai's ApiError). */
function readStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown }).status;
  return typeof status === "number" ? status : undefined;
}

for (const ingress of sdkDialects) {
  for (const upstream of sdkDialects) {
    describe(`${ingress} ← ${upstream}, errors`, () => {
      test(`${ingress} ← ${upstream}, non-stream, rate limit reaches the client as its own 429`, async () => {
        upstreams.get(upstream)?.setScript({ fail: { kind: "rate-limit", retryAfterMs: 2000 } });
        const proxy = proxies.get(`${ingress}<${upstream}`) as TranslatingProxy;
        await assert.rejects(askWithSdk(ingress, proxy.url, { stream: false }), (error: unknown) => {
          assert.equal(readStatus(error), 429, String(error));
          return true;
        });
      });

      test(`${ingress} ← ${upstream}, stream, a cut after two chunks makes the client's SDK throw`, async () => {
        upstreams.get(upstream)?.setScript({ reply: { text: "one two three four five six" }, cutAfterChunks: 2 });
        const proxy = proxies.get(`${ingress}<${upstream}`) as TranslatingProxy;
        await assert.rejects(askWithSdk(ingress, proxy.url, { stream: true }));
        const response = proxy.exchanges.at(-1)?.response;
        assert.equal(response?.content[0]?.type === "text" ? response.content[0].text : undefined, "one two ");
      });
    });
  }
}
