/**
 * Config at run time: a mode selected per request (the `/m/{mode}/` path prefix or the
 * `x-llmux-mode` header), and hot reload of the config file (a changed key and fallback
 * chain apply to the next request; an invalid file is rejected and the old config serves on).
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { startGateway } from "../../../src/gateway/serve.ts";
import type { Script } from "../../../src/simulator/behaviour.ts";
import { MemoryUsageStore } from "../../../src/usage/stores/memory.ts";
import { askForError, clientDialects, createClient } from "./clients.ts";
import { buildYaml, closeAll, createHarness, startHarness, startSimulators, type Harness } from "./harness.ts";
import { checkErrorBody } from "./profiles.ts";

const directories: string[] = [];
after(async () => {
  await closeAll();
  for (const directory of directories) rmSync(directory, { recursive: true, force: true });
});

const text = "Served by the cheaper model.";

/** gpt-4o-mini always fails; any other model answers. No other vendor is configured, so no catalog peer can step in. */
const failsForMini: Script = (request) => (request.model === "gpt-4o-mini" ? { fail: { kind: "server" } } : { reply: { text } });

describe("modes", () => {
  let harness: Harness;
  const setup = async (): Promise<Harness> => {
    harness ??= await startHarness({
      upstreams: { openai: { script: failsForMini } },
      yaml: "modes:\n  cheap:\n    description: try the nano model when mini fails\n    fallbacks:\n      gpt-4o-mini: [gpt-4.1-nano]",
    });
    return harness;
  };

  test("without a mode, the base config has no fallback for the model: the error reaches the client", async () => {
    const gateway = await setup();
    const client = createClient("openai", { url: gateway.url });
    const error = await askForError(client, { model: "gpt-4o-mini", stream: false });
    assert.ok((error.status ?? 0) >= 500, `status ${error.status}`);
    assert.equal(gateway.sim("openai").requests.some((request) => request.model === "gpt-4.1-nano"), false);
  });

  for (const dialect of clientDialects) {
    for (const stream of [false, true]) {
      const mode = stream ? "stream" : "non-stream";
      test(`${dialect} client, ${mode}: the /m/cheap/ path prefix selects the mode's fallback chain`, async () => {
        const gateway = await setup();
        const answer = await createClient(dialect, { url: gateway.url, prefix: "/m/cheap" }).ask({ model: "gpt-4o-mini", stream });
        assert.equal(answer.text, text);
        assert.equal(answer.headers["x-llmux-model"], "gpt-4.1-nano");
        assert.equal(answer.headers["x-llmux-route-mode"], "model-fallback");
      });

      test(`${dialect} client, ${mode}: the x-llmux-mode header selects the mode too`, async () => {
        const gateway = await setup();
        const answer = await createClient(dialect, { url: gateway.url }).ask({ model: "gpt-4o-mini", stream, headers: { "x-llmux-mode": "cheap" } });
        assert.equal(answer.text, text);
        assert.equal(answer.headers["x-llmux-model"], "gpt-4.1-nano");
      });
    }

    test(`${dialect} client: an unknown mode is a 400 in the client's error format`, async () => {
      const gateway = await setup();
      const client = createClient(dialect, { url: gateway.url, prefix: "/m/lavish" });
      const error = await askForError(client, { model: "gpt-4o-mini", stream: false });
      assert.equal(error.status, 400);
      const body = await checkErrorBody(client, 400);
      assert.match(JSON.stringify(body), /Unknown mode \\"lavish\\"/);
    });
  }
});

describe("hot reload", () => {
  /** Waits for the gateway to log a reload outcome matching `pattern` (fs.watch is asynchronous). */
  async function waitForLog(logs: string[], pattern: RegExp, from: number): Promise<string> {
    for (let wait = 0; wait < 300; wait++) {
      const line = logs.slice(from).find((entry) => pattern.test(entry));
      if (line) return line;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`no log line matching ${pattern}; saw ${JSON.stringify(logs)}`);
  }

  test("a rewritten config file applies to the next request; an invalid rewrite is rejected and the old config keeps serving", async () => {
    const options = { upstreams: { openai: { script: failsForMini, keys: ["sk-first"] } } };
    const sims = await startSimulators(options);
    const directory = mkdtempSync(join(tmpdir(), "llmux-e2e-"));
    directories.push(directory);
    const path = join(directory, "llmux.yaml");
    writeFileSync(path, buildYaml(sims, options));
    const logs: string[] = [];
    const usage = new MemoryUsageStore();
    const gateway = await startGateway({ configPath: path, port: 0, usage, status: false, auto: false, log: (line) => logs.push(line) });
    const harness = createHarness(gateway, usage, sims);
    try {
      const client = createClient("openai", { url: gateway.url });
      const sim = harness.sim("openai");

      // Before: the first key, and no fallback for gpt-4o-mini.
      assert.ok(((await askForError(client, { model: "gpt-4o-mini", stream: false })).status ?? 0) >= 500);
      assert.ok(harness.keysSeen("openai").every((key) => key === "sk-first"));

      // Another key and a fallback chain: the next request uses both.
      let mark = logs.length;
      const seenBefore = sim.requests.length;
      writeFileSync(path, buildYaml(sims, { ...options, upstreams: { openai: { keys: ["sk-second"] } }, yaml: "fallbacks:\n  gpt-4o-mini: [gpt-4.1-nano]" }));
      assert.match(await waitForLog(logs, /reloaded|rejected/, mark), /reloaded/);
      const answer = await client.ask({ model: "gpt-4o-mini", stream: true });
      assert.equal(answer.text, text);
      assert.equal(answer.headers["x-llmux-model"], "gpt-4.1-nano");
      assert.deepEqual([...new Set(harness.keysSeen("openai").slice(seenBefore))], ["sk-second"]);

      // An invalid file: rejected, and the config before it keeps serving.
      mark = logs.length;
      const invalid = buildYaml(sims, { ...options, upstreams: { openai: { keys: ["sk-third"] } } }).replace(/^timeouts: .*$/m, "timeouts: { firstTokenMs: soon }");
      writeFileSync(path, invalid);
      assert.match(await waitForLog(logs, /reloaded|rejected/, mark), /rejected/);
      const kept = await client.ask({ model: "gpt-4o-mini", stream: false });
      assert.equal(kept.headers["x-llmux-model"], "gpt-4.1-nano");
      assert.equal(harness.keysSeen("openai").at(-1), "sk-second");
    } finally {
      await harness.close();
    }
  });
});
