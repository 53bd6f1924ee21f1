/**
 * Bad input and connection life cycle, per client dialect: a malformed JSON body and an
 * unknown model get a 4xx in the client's own error format; a client leaving mid-stream
 * closes the upstream connection; a graceful close lets a stream in flight finish.
 */
import assert from "node:assert/strict";
import type { ServerResponse } from "node:http";
import { after, describe, test } from "node:test";
import { startTestServer, type TestServer } from "../../support/http-server.ts";
import { askForError, clientDialects, createClient, type ClientDialect } from "./clients.ts";
import { closeAll, startGatewayOver, startHarness, startSimulators, type HarnessOptions } from "./harness.ts";
import { checkErrorBody, profiles } from "./profiles.ts";

const servers: TestServer[] = [];
after(async () => {
  await closeAll();
  await Promise.all(servers.map((server) => server.close()));
});

/** Where each client dialect posts a chat request, and the headers its SDK would send. */
const chatRoutes: Record<ClientDialect, { path: string; headers: Record<string, string> }> = {
  openai: { path: "/openai/v1/chat/completions", headers: { authorization: "Bearer llmux" } },
  anthropic: { path: "/anthropic/v1/messages", headers: { "x-api-key": "llmux", "anthropic-version": "2023-06-01" } },
  gemini: { path: "/gemini/v1beta/models/gemini-2.0-flash:generateContent", headers: { "x-goog-api-key": "llmux" } },
};

/** An OpenAI upstream that streams a chunk every 20 ms (up to 200) and notes when its client hangs up. */
async function startSlowUpstream(): Promise<{ server: TestServer; written: () => number; closed: Promise<boolean> }> {
  let written = 0;
  let resolveClosed: (finished: boolean) => void = () => {};
  const closed = new Promise<boolean>((resolve) => (resolveClosed = resolve));
  const chunk = (content: string): string =>
    `data: ${JSON.stringify({ id: "chatcmpl-slow", object: "chat.completion.chunk", created: 1, model: "gpt-4o-mini", choices: [{ index: 0, delta: { content }, logprobs: null, finish_reason: null }] })}\n\n`;
  const server = await startTestServer(async (_request, response: ServerResponse) => {
    response.on("close", () => resolveClosed(response.writableFinished));
    response.writeHead(200, { "content-type": "text/event-stream" });
    for (let index = 0; index < 200 && !response.destroyed; index++) {
      response.write(chunk(`word${index} `));
      written += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    response.end("data: [DONE]\n\n");
  });
  servers.push(server);
  return { server, written: () => written, closed };
}

for (const dialect of clientDialects) {
  const profile = profiles[dialect];
  describe(`${dialect} client`, () => {
    test(`${dialect} client: a malformed JSON body gets a 400 in the client's error format, and the gateway keeps serving`, async () => {
      const harness = await startHarness({ upstreams: { [profile.primary]: {} } });
      const route = chatRoutes[dialect];
      const response = await fetch(`${harness.url}${route.path}`, {
        method: "POST",
        headers: { "content-type": "application/json", ...route.headers },
        body: '{"model": "gpt-4o-mini", "messages": [',
      });
      assert.equal(response.status, 400);
      const body = (await response.json()) as Record<string, unknown>;
      const error = body["error"] as Record<string, unknown>;
      assert.match(String(error["message"]), /not valid JSON/);
      if (dialect === "openai") assert.equal(error["type"], "invalid_request_error");
      if (dialect === "anthropic") assert.deepEqual([body["type"], error["type"]], ["error", "invalid_request_error"]);
      if (dialect === "gemini") assert.deepEqual([error["code"], error["status"]], [400, "INVALID_ARGUMENT"]);
      assert.equal(harness.calls(profile.primary), 0);
      const answer = await createClient(dialect, { url: harness.url }).ask({ model: profile.model, stream: false });
      assert.ok(answer.text.length > 0);
    });

    test(`${dialect} client: an unknown model gets a 404 in the client's error format`, async () => {
      const harness = await startHarness({ upstreams: { [profile.primary]: {} } });
      const client = createClient(dialect, { url: harness.url });
      const error = await askForError(client, { model: "no-such-model-9000", stream: false });
      assert.equal(error.status, 404);
      assert.equal(error.className, dialect === "gemini" ? "ApiError" : "NotFoundError");
      const body = await checkErrorBody(client, 404);
      assert.match(JSON.stringify(body), /no-such-model-9000/);
      assert.equal(harness.calls(profile.primary), 0);
      const record = await harness.recordNumber(1);
      assert.equal(record.status, 404);
      assert.equal(record.requestedModel, "no-such-model-9000");
    });

    test(`${dialect} client: leaving mid-stream aborts the upstream request`, async () => {
      const upstream = await startSlowUpstream();
      const harness = await startGatewayOver({ upstreams: { openai: {} } }, { openai: { url: `${upstream.server.url}/v1` } });
      const { gateway } = harness;
      try {
        const answer = await createClient(dialect, { url: gateway.url }).ask({ model: "gpt-4o-mini", stream: true, abortAfter: 2 }).catch((error: unknown) => error);
        assert.ok(!(answer instanceof Error) || /abort/i.test(answer.message), String(answer));
        const finished = await upstream.closed;
        assert.equal(finished, false, "the upstream's response was cut short");
        const writtenAtClose = upstream.written();
        assert.ok(writtenAtClose < 100, `the upstream stopped early (${writtenAtClose} of 200 chunks)`);
        const record = await harness.recordNumber(1);
        assert.equal(record.status, 499);
        assert.equal(record.streamed, true);
      } finally {
        await harness.close();
      }
    });

    test(`${dialect} client: a graceful close lets a stream in flight finish`, async () => {
      const words = "one two three four five six seven eight";
      const options: HarnessOptions = { upstreams: { [profile.primary]: { script: { reply: { text: words }, chunkDelayMs: 30 } } } };
      const sims = await startSimulators(options);
      const harness = await startGatewayOver(options, sims, sims);
      const { gateway } = harness;
      let closing: Promise<void> | undefined;
      try {
        const client = createClient(dialect, { url: gateway.url });
        const answer = await client.ask({
          model: profile.model,
          stream: true,
          onPiece: (count) => {
            // Connections go idle as their last response finishes and are closed then.
            if (count === 1) closing = gateway.close(10_000);
          },
        });
        assert.ok(closing, "the gateway started closing mid-stream");
        assert.equal(answer.text, words);
        assert.equal(answer.finish, { openai: "stop", anthropic: "end_turn", gemini: "STOP" }[dialect]);
        await closing;
        await assert.rejects(fetch(`${gateway.url}/health`), "a closed gateway accepts no new connection");
      } finally {
        await harness.close();
      }
    });
  });
}
