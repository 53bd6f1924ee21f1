/**
 * Streams that break. Before the first content a broken stream is an ordinary failed try
 * (fallback); after it there is no failover: the stream ends with the client dialect's own
 * in-stream error, and never with a finish or `[DONE]` the client would take for success.
 * Each case runs through the fast path (upstream in the client's dialect) and through
 * translation (upstream in another dialect).
 */
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import type { Behaviour } from "../../../src/simulator/behaviour.ts";
import { askForError, clientDialects, createClient, type ClientDialect, type GatewayClient } from "./clients.ts";
import { closeAll, startHarness, type Harness, type Timeouts, type UpstreamId } from "./harness.ts";
import { finishMarkers, profiles, streamErrorMarkers } from "./profiles.ts";

after(closeAll);

const words = "one two three four five six seven eight";

interface Path {
  name: "fast path" | "translated";
  provider: UpstreamId;
  model: string;
}

/** The client's own dialect, and another one. */
function pathsFor(dialect: ClientDialect): Path[] {
  const own = profiles[dialect];
  const other = dialect === "openai" ? { provider: "anthropic" as const, model: "claude-haiku-4-5" } : { provider: "openai" as const, model: "gpt-4o-mini" };
  return [
    { name: "fast path", provider: own.primary, model: own.model },
    { name: "translated", ...other },
  ];
}

async function setup(path: Path, behaviour: Behaviour, timeouts: Partial<Timeouts> = {}): Promise<Harness> {
  return startHarness({
    upstreams: { [path.provider]: { script: { reply: { text: words }, ...behaviour } }, openrouter: { script: { reply: { text: words } } } },
    timeouts,
  });
}

/** The stream failed in the client's SDK after `pieces` pieces, with an error and no finish on the wire. */
async function checkBrokenStream(client: GatewayClient, harness: Harness, path: Path, ask: () => Promise<{ pieces: number }>): Promise<void> {
  const outcome = await ask();
  assert.equal(outcome.pieces, 2, "the two chunks sent before the break reached the client");
  const exchange = client.exchanges.at(-1);
  assert.equal(exchange?.status, 200);
  assert.equal(exchange?.headers["x-llmux-provider"], path.provider);
  const raw = (await exchange?.received) ?? "";
  assert.match(raw, streamErrorMarkers[client.dialect]);
  assert.doesNotMatch(raw, finishMarkers[client.dialect]);
  assert.equal(harness.calls("openrouter"), 0, "no failover after the first byte");
  const record = await harness.recordNumber(1);
  assert.equal(record.provider, path.provider);
  assert.equal(record.streamed, true);
  assert.notEqual(record.errorKind, null);
}

/** Asks expecting the SDK to throw mid-stream; returns how many pieces arrived first. */
function askBroken(client: GatewayClient, model: string): () => Promise<{ pieces: number }> {
  return async () => {
    let pieces = 0;
    const error = await askForError(client, { model, stream: true, onPiece: (count) => (pieces = count) });
    assert.ok(error.error instanceof Error, `the ${client.dialect} SDK threw`);
    return { pieces };
  };
}

for (const dialect of clientDialects) {
  describe(`${dialect} client`, () => {
    for (const path of pathsFor(dialect)) {
      test(`${dialect} client, ${path.name}: a stream cut after two chunks ends with the client's error, no finish, no failover`, async () => {
        const harness = await setup(path, { cutAfterChunks: 2 });
        const client = createClient(dialect, { url: harness.url });
        await checkBrokenStream(client, harness, path, askBroken(client, path.model));
      });

      test(`${dialect} client, ${path.name}: a stall past the idle timeout ends the same way`, async () => {
        const harness = await setup(path, { stallAfterChunks: 2 }, { idleMs: 300 });
        const client = createClient(dialect, { url: harness.url });
        await checkBrokenStream(client, harness, path, askBroken(client, path.model));
        const record = await harness.recordNumber(1);
        assert.equal(record.errorKind, "timeout");
      });

      test(`${dialect} client, ${path.name}: a malformed chunk before any content falls back`, async () => {
        const harness = await setup(path, { malformedChunkAt: 1 });
        const answer = await createClient(dialect, { url: harness.url }).ask({ model: path.model, stream: true });
        assert.equal(answer.text, words);
        assert.equal(answer.headers["x-llmux-provider"], "openrouter");
        assert.equal(answer.headers["x-llmux-route-mode"], "provider-fallback");
        const record = await harness.recordNumber(1);
        assert.equal(record.attempts[0]?.kind, "server");
        assert.equal(record.provider, "openrouter");
      });

      test(`${dialect} client, ${path.name}: a malformed chunk after content ends the stream with the client's error`, async () => {
        const harness = await setup(path, { malformedChunkAt: 3 });
        const client = createClient(dialect, { url: harness.url });
        await checkBrokenStream(client, harness, path, askBroken(client, path.model));
      });
    }

    test(`${dialect} client: an OpenAI upstream that finished without [DONE] is closed properly for the client`, async () => {
      const harness = await startHarness({ upstreams: { openai: { script: { reply: { text: words }, omitTerminator: true } } } });
      const client = createClient(dialect, { url: harness.url });
      const answer = await client.ask({ model: "gpt-4o-mini", stream: true });
      assert.equal(answer.text, words);
      assert.equal(answer.finish, { openai: "stop", anthropic: "end_turn", gemini: "STOP" }[dialect]);
      const raw = (await client.exchanges.at(-1)?.received) ?? "";
      assert.doesNotMatch(raw, streamErrorMarkers[dialect]);
      if (dialect === "openai") assert.equal(raw.match(/^data: \[DONE\]$/gm)?.length, 1);
      if (dialect === "anthropic") assert.match(raw, /^event: message_stop$/m);
      const record = await harness.recordNumber(1);
      assert.equal(record.errorKind, null);
      assert.equal(record.status, 200);
    });
  });
}
