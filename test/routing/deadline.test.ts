/**
 * The request's own deadline (`timeouts.totalMs`) is a timeout, not a caller's abort: it ends
 * in AllProvidersDown of kind timeout naming every attempt, the one cut short included, so the
 * gateway answers 504 rather than 499 (found by the chaos scorecard, everything-hangs).
 */
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { AbortedError } from "../../src/core/errors.ts";
import { AllProvidersDown } from "../../src/routing/errors.ts";
import { setup, type Fixture } from "./support.ts";

const fixtures: Fixture[] = [];
after(async () => {
  await Promise.all(fixtures.map((fixture) => fixture.close()));
});

test("the total deadline passing mid-attempt fails as a timeout naming every attempt", async () => {
  const fixture = await setup(
    { openai: { dialect: "openai-chat", script: { hang: true } }, openrouter: { dialect: "openai-chat", script: { hang: true } } },
    { timeouts: { attemptMs: 300, totalMs: 450 } },
  );
  fixtures.push(fixture);
  await assert.rejects(fixture.router.route("hi", { model: "gpt-4o" }), (error: unknown) => {
    assert.ok(error instanceof AllProvidersDown, `got ${String(error)}`);
    assert.equal(error.kind, "timeout");
    assert.deepEqual(
      error.attempts.map((attempt) => `${attempt.provider}:${attempt.kind}`),
      ["openai:timeout", "openrouter:timeout"],
    );
    assert.match(error.attempts[1]?.message ?? "", /deadline/);
    return true;
  });
});

test("the caller's own abort is still an abort", async () => {
  const fixture = await setup({ openai: { dialect: "openai-chat", script: { hang: true } } }, { timeouts: { attemptMs: 300, totalMs: 5000 } });
  fixtures.push(fixture);
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 50);
  await assert.rejects(fixture.router.route("hi", { model: "gpt-4o", signal: controller.signal }), AbortedError);
});
