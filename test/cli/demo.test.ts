import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runCli } from "./run-cli.ts";

describe("llmux demo", () => {
  it("runs the scripted scenes with no API key and exits 0", async () => {
    // An environment full of real-looking keys must not be used: the demo talks to its simulators only.
    const result = await runCli(["demo"], { env: { OPENAI_API_KEY: "sk-real", ANTHROPIC_API_KEY: "sk-ant-real" } });
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const scenes = result.stdout.split(/\n(?=\d\. )/);

    const fallback = scenes.find((scene) => scene.startsWith("1. "));
    assert.ok(fallback, result.stdout);
    assert.match(fallback, /served by openrouter \(claude-sonnet-4-6\), route provider-fallback/);
    assert.match(fallback, /fallback reason: anthropic: 429 rate-limit; anthropic: 529 overloaded; fell back to openrouter/);

    const cut = scenes.find((scene) => scene.startsWith("2. "));
    assert.ok(cut);
    assert.match(cut, /A stream cut mid-answer/);
    assert.match(cut, /received before the cut: "Here is a "/);
    assert.match(cut, /the stream ended with an error event/);
    assert.match(cut, /no \[DONE\] marker:/);

    const translated = scenes.find((scene) => scene.startsWith("3. "));
    assert.ok(translated);
    assert.match(translated, /served by openai \(gpt-4\.1\), route direct/);
    assert.match(translated, /anthropic-messages request -> openai-chat upstream/);

    const fast = scenes.find((scene) => scene.startsWith("4. "));
    assert.ok(fast);
    assert.match(fast, /openai-chat client, openai-chat upstream/);

    assert.match(result.stdout, /Usage recorded by the gateway/);
    assert.match(result.stdout, /^claude-sonnet-4-6 +1 +0 +1 /m);
    assert.match(result.stdout, /^gpt-4\.1-mini +1 +1 +0 /m);
    assert.match(result.stdout, /^TOTAL +4 +1 +1 /m);
    assert.doesNotMatch(result.stdout, /this scene did not go as scripted/);
  });
});
