/**
 * What is the caller's business rather than a reason to fall back, for each client SDK,
 * streamed and not: content-policy and invalid-request answers come back in the client's
 * own error format and are not retried; the caller's own key serves when llmux holds none
 * (passthrough); a request's own fallbacks (body `models`, header `x-llmux-fallbacks`).
 */
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import type { FailureKind } from "../../../src/core/errors.ts";
import { askForError, clientDialects, createClient, type ClientDialect } from "./clients.ts";
import { closeAll, startHarness } from "./harness.ts";
import { checkErrorBody, profiles } from "./profiles.ts";

after(closeAll);

const text = "Served after all.";

/** The SDK error class each client dialect throws for a 400. */
const badRequestClass: Record<ClientDialect, string> = { openai: "BadRequestError", anthropic: "BadRequestError", gemini: "ApiError" };

const callerErrors: Array<{ kind: FailureKind; label: string }> = [
  { kind: "content-policy", label: "a content-policy refusal" },
  { kind: "invalid-request", label: "an invalid-request answer" },
];

for (const dialect of clientDialects) {
  const profile = profiles[dialect];
  for (const stream of [false, true]) {
    const mode = stream ? "stream" : "non-stream";

    describe(`${dialect} client, ${mode}`, () => {
      for (const { kind, label } of callerErrors) {
        test(`${dialect} client, ${mode}: ${label} comes back in the client's error format, not retried`, async () => {
          const harness = await startHarness({
            upstreams: { [profile.primary]: { script: { fail: { kind } } }, openrouter: { script: { reply: { text } } } },
          });
          const client = createClient(dialect, { url: harness.url });
          const error = await askForError(client, { model: profile.model, stream });
          assert.equal(error.className, badRequestClass[dialect]);
          assert.equal(error.status, 400);
          await checkErrorBody(client, 400);
          assert.equal(client.exchanges.at(-1)?.headers["x-should-retry"], "false");
          assert.equal(harness.calls(profile.primary), 1);
          assert.equal(harness.calls("openrouter"), 0);
          const record = await harness.recordNumber(1);
          assert.equal(record.status, 400);
          assert.equal(record.errorKind, kind);
          assert.equal(record.provider, null);
          assert.equal(record.attemptCount, 1);
          assert.equal(record.streamed, stream);
        });
      }

      test(`${dialect} client, ${mode}: with no managed key, the caller's own key is used (passthrough)`, async () => {
        const harness = await startHarness({
          upstreams: { [profile.primary]: { script: { reply: { text } }, keys: [], acceptKeys: [profile.callerKey] } },
        });
        const answer = await createClient(dialect, { url: harness.url, apiKey: profile.callerKey }).ask({ model: profile.model, stream });
        assert.equal(answer.text, text);
        assert.equal(answer.headers["x-llmux-provider"], profile.primary);
        assert.equal(answer.headers["x-llmux-route-mode"], "passthrough");
        assert.equal(answer.headers["x-llmux-attempts"], "1");
        assert.deepEqual(harness.keysSeen(profile.primary), [profile.callerKey]);
        const record = await harness.recordNumber(1);
        assert.equal(record.routeMode, "passthrough");
        assert.equal(record.status, 200);
        // The caller's key is never written down.
        assert.doesNotMatch(JSON.stringify(record), new RegExp(profile.callerKey));
      });

      test(`${dialect} client, ${mode}: the request's own fallbacks from the x-llmux-fallbacks header`, async () => {
        const { other } = profile;
        const harness = await startHarness({
          upstreams: { [profile.primary]: { script: { fail: { kind: "server" } } }, [other.provider]: { script: { reply: { text } } } },
        });
        const answer = await createClient(dialect, { url: harness.url }).ask({ model: profile.model, stream, headers: { "x-llmux-fallbacks": other.model } });
        assert.equal(answer.text, text);
        assert.equal(answer.headers["x-llmux-provider"], other.provider);
        assert.equal(answer.headers["x-llmux-model"], other.model);
        assert.equal(answer.headers["x-llmux-route-mode"], "model-fallback");
        assert.equal(harness.sim(other.provider).requests.at(-1)?.model, other.model);
        const record = await harness.recordNumber(1);
        assert.equal(record.servedModel, other.model);
        assert.equal(record.requestedModel, profile.model);
      });

      if (dialect === "openai") {
        test(`openai client, ${mode}: the request's own fallbacks from the body's models list, kept from the upstream`, async () => {
          const harness = await startHarness({
            upstreams: { openai: { script: { fail: { kind: "server" } } }, anthropic: { script: { reply: { text } } } },
          });
          const answer = await createClient("openai", { url: harness.url }).ask({ model: "gpt-4o-mini", stream, extra: { models: ["gpt-4o-mini", "claude-haiku-4-5"] } });
          assert.equal(answer.text, text);
          assert.equal(answer.headers["x-llmux-provider"], "anthropic");
          assert.equal(answer.headers["x-llmux-model"], "claude-haiku-4-5");
          // The list is llmux's, not the vendor's: the fast path does not forward it.
          const forwarded = harness.sim("openai").requests.at(-1)?.body as Record<string, unknown>;
          assert.equal(forwarded["models"], undefined);
          assert.equal(forwarded["model"], "gpt-4o-mini");
        });
      }
    });
  }
}
