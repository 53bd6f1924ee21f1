/**
 * Failures before the first byte (gateway steps 3 and 4), for each client SDK, streamed and
 * not: what is retried, what falls back and to what, and what the usage record says. The
 * failing provider speaks the client's own dialect (fast path); the fallback is the same
 * model through OpenRouter (translated for Anthropic and Gemini clients).
 */
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { createCatalog } from "../../../src/catalog/index.ts";
import type { FailureKind } from "../../../src/core/errors.ts";
import type { Behaviour, Script } from "../../../src/simulator/behaviour.ts";
import { clientDialects, createClient, type Answer } from "./clients.ts";
import { closeAll, keyOf, startHarness, upstreamDialects, type Harness, type HarnessOptions, type UpstreamId } from "./harness.ts";
import { profiles } from "./profiles.ts";

after(closeAll);

const catalog = createCatalog();
const windowOf = (model: string): number => catalog.find(model)?.contextWindow ?? 0;

const text = "Served after all.";

/** A script that notes when each request arrived. */
function timed(arrivals: number[], behaviours: Behaviour[]): Script {
  return (_request, index) => {
    arrivals.push(Date.now());
    return behaviours[Math.min(index, behaviours.length - 1)] ?? {};
  };
}

function checkServed(answer: Answer, provider: UpstreamId, routeMode: string, attempts: number): void {
  assert.equal(answer.text, text);
  assert.equal(answer.headers["x-llmux-provider"], provider);
  assert.equal(answer.headers["x-llmux-route-mode"], routeMode);
  assert.equal(answer.headers["x-llmux-attempts"], String(attempts));
}

const serverStatuses: Array<{ status: number; kind: FailureKind }> = [
  { status: 500, kind: "server" },
  { status: 502, kind: "server" },
  { status: 503, kind: "overloaded" },
  { status: 504, kind: "timeout" },
  { status: 529, kind: "overloaded" },
];

for (const dialect of clientDialects) {
  const profile = profiles[dialect];
  for (const stream of [false, true]) {
    const mode = stream ? "stream" : "non-stream";

    describe(`${dialect} client, ${mode}`, () => {
      /** The client's own provider with `primary`, and OpenRouter answering normally. */
      async function withFallback(primary: Script, options: Partial<HarnessOptions> = {}): Promise<Harness> {
        return startHarness({ ...options, upstreams: { [profile.primary]: { script: primary }, openrouter: { script: { reply: { text } } }, ...options.upstreams } });
      }

      test(`${dialect} client, ${mode}: 429 with Retry-After is honoured, then the same provider answers`, async () => {
        const arrivals: number[] = [];
        const harness = await withFallback(timed(arrivals, [{ fail: { kind: "rate-limit", retryAfterMs: 400 } }, { reply: { text } }]));
        const answer = await createClient(dialect, { url: harness.url }).ask({ model: profile.model, stream });
        checkServed(answer, profile.primary, "direct", 2);
        assert.equal(arrivals.length, 2);
        const gap = (arrivals[1] ?? 0) - (arrivals[0] ?? 0);
        assert.ok(gap >= 380, `the retry waited ${gap} ms for a 400 ms Retry-After`);
        assert.equal(harness.calls("openrouter"), 0);
        const record = await harness.recordNumber(1);
        assert.equal(record.attemptCount, 2);
        assert.equal(record.attempts[0]?.kind, "rate-limit");
        assert.equal(record.status, 200);
        assert.equal(record.streamed, stream);
      });

      for (const { status, kind } of serverStatuses) {
        test(`${dialect} client, ${mode}: ${status} falls back to the next backend`, async () => {
          const harness = await withFallback({ fail: { kind, status } });
          const answer = await createClient(dialect, { url: harness.url }).ask({ model: profile.model, stream });
          const primaryCalls = harness.calls(profile.primary);
          checkServed(answer, "openrouter", "provider-fallback", primaryCalls + 1);
          assert.match(answer.headers["x-llmux-fallback-reason"] ?? "", new RegExp(`${profile.primary}: ${status}.*fell back to openrouter`));
          assert.equal(harness.sim("openrouter").requests.at(-1)?.model, profile.openrouterModel);
          const record = await harness.recordNumber(1);
          assert.equal(record.provider, "openrouter");
          assert.equal(record.routeMode, "provider-fallback");
          assert.equal(record.attemptCount, primaryCalls + 1);
          assert.equal(record.attempts[0]?.status, status);
        });
      }

      test(`${dialect} client, ${mode}: a connection reset before headers falls back`, async () => {
        const harness = await withFallback({ reset: "before-headers" });
        const answer = await createClient(dialect, { url: harness.url }).ask({ model: profile.model, stream });
        checkServed(answer, "openrouter", "provider-fallback", harness.calls(profile.primary) + 1);
        const record = await harness.recordNumber(1);
        assert.equal(record.attempts[0]?.kind, "connection");
      });

      test(`${dialect} client, ${mode}: a hang past the first-byte timeout falls back, and the hung provider is asked once`, async () => {
        const harness = await withFallback({ hang: true }, { timeouts: { firstTokenMs: 500, attemptMs: 500 } });
        const answer = await createClient(dialect, { url: harness.url }).ask({ model: profile.model, stream });
        checkServed(answer, "openrouter", "provider-fallback", 2);
        assert.equal(harness.calls(profile.primary), 1);
        const record = await harness.recordNumber(1);
        assert.equal(record.attempts[0]?.kind, "timeout");
      });

      if (stream) {
        test(`${dialect} client, stream: headers at once but no first token within the timeout falls back`, async () => {
          const harness = await withFallback({ reply: { text }, slowFirstTokenMs: 3000 }, { timeouts: { firstTokenMs: 500 } });
          const answer = await createClient(dialect, { url: harness.url }).ask({ model: profile.model, stream });
          checkServed(answer, "openrouter", "provider-fallback", 2);
          const record = await harness.recordNumber(1);
          assert.equal(record.attempts[0]?.kind, "timeout");
        });
      }

      test(`${dialect} client, ${mode}: a context-window error moves to a larger-context model, never the same one`, async () => {
        const { larger } = profile;
        const tooSmall: Script = (request) => (request.model === profile.model ? { contextWindow: 3 } : { reply: { text } });
        const upstreams: HarnessOptions["upstreams"] = { [profile.primary]: { script: tooSmall }, openrouter: { script: { reply: { text } } } };
        if (larger.provider !== profile.primary) upstreams[larger.provider] = { script: { reply: { text } } };
        const harness = await startHarness({ upstreams, yaml: `fallbacks:\n  ${profile.model}: [${larger.model}]` });
        const answer = await createClient(dialect, { url: harness.url }).ask({ model: profile.model, stream });
        assert.equal(answer.text, text);
        // The configured chain, or a catalog peer ranked before it: either way a larger window.
        const served = answer.headers["x-llmux-model"] ?? "";
        assert.ok(windowOf(served) > windowOf(profile.model), `${served} has a larger window than ${profile.model}`);
        assert.equal(answer.headers["x-llmux-provider"], larger.provider);
        assert.equal(answer.headers["x-llmux-route-mode"], "model-fallback");
        // The same model through OpenRouter has the same window: skipped, not asked.
        assert.equal(harness.calls("openrouter"), 0);
        const record = await harness.recordNumber(1);
        assert.equal(record.attempts[0]?.kind, "context-window");
        assert.equal(record.servedModel, served);
      });

      test(`${dialect} client, ${mode}: an auth error on one managed key moves to the next key, and the bad key is skipped afterwards`, async () => {
        const harness = await withFallback({ reply: { text } }, {
          upstreams: { [profile.primary]: { script: { reply: { text } }, keys: ["key-revoked", "key-valid"], acceptKeys: ["key-valid"] } },
        });
        const client = createClient(dialect, { url: harness.url });
        const first = await client.ask({ model: profile.model, stream });
        checkServed(first, profile.primary, "key-rotation", 2);
        const second = await client.ask({ model: profile.model, stream });
        checkServed(second, profile.primary, "direct", 1);
        assert.deepEqual(harness.keysSeen(profile.primary), ["key-revoked", "key-valid", "key-valid"]);
        assert.equal(harness.calls("openrouter"), 0);
        await harness.recordNumber(2);
        const [record] = await harness.records();
        assert.ok(record);
        assert.equal(record.routeMode, "key-rotation");
        assert.equal(record.attempts[0]?.kind, "auth");
        assert.notEqual(record.attempts[0]?.keyId, record.keyId);
      });

      test(`${dialect} client, ${mode}: a quota error on one managed key moves to the next key, and that key is skipped afterwards`, async () => {
        const byKey: Script = (request) => (keyOf(request, upstreamDialects[profile.primary]) === "key-broke" ? { fail: { kind: "quota" } } : { reply: { text } });
        const harness = await withFallback(byKey, { upstreams: { [profile.primary]: { script: byKey, keys: ["key-broke", "key-funded"] } } });
        const client = createClient(dialect, { url: harness.url });
        checkServed(await client.ask({ model: profile.model, stream }), profile.primary, "key-rotation", 2);
        checkServed(await client.ask({ model: profile.model, stream }), profile.primary, "direct", 1);
        assert.deepEqual(harness.keysSeen(profile.primary), ["key-broke", "key-funded", "key-funded"]);
        await harness.recordNumber(2);
        const [record] = await harness.records();
        assert.equal(record?.attempts[0]?.kind, "quota");
      });
    });
  }
}
