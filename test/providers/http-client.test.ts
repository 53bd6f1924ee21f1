import assert from "node:assert/strict";
import type { ServerResponse } from "node:http";
import { after, before, test } from "node:test";
import { AbortedError, UpstreamError } from "../../src/core/errors.ts";
import { createHttpClient, type HttpClient, type UpstreamResponse } from "../../src/providers/http-client.ts";
import { mapTransportError } from "../../src/providers/map-transport-error.ts";
import { resolveTimeouts } from "../../src/providers/timeouts.ts";
import { findClosedPort, readAll, startFakeUpstream, type FakeUpstream } from "./fake-upstream.ts";

// Small timeouts keep the suite fast; the generous ones are the limits that must NOT fire.
const fast = { connectMs: 1000, firstByteMs: 1000, idleMs: 1000, totalMs: 5000 };

let client: HttpClient;
const held: ServerResponse[] = [];

before(() => {
  client = createHttpClient({ keepAliveMs: 10_000 });
});
after(async () => {
  for (const response of held) response.destroy();
  await client.close();
});

async function expectUpstreamError(promise: Promise<unknown>): Promise<UpstreamError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof UpstreamError, `expected UpstreamError, got ${String(error)}`);
    return error;
  }
  assert.fail("expected the call to fail");
}

async function withUpstream(
  handler: Parameters<typeof startFakeUpstream>[0],
  run: (upstream: FakeUpstream) => Promise<void>,
): Promise<void> {
  const upstream = await startFakeUpstream(handler);
  try {
    await run(upstream);
  } finally {
    await upstream.close();
  }
}

// undici waits one full loop turn before it reuses a socket, and text() does not wait for it
// (a macrotask per answer costs throughput): a back-to-back caller alternates two sockets.
test("whole-body reads with text() reuse keep-alive sockets (two at most for a back-to-back caller)", async () => {
  await withUpstream(
    (_request, response, body) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ body }));
    },
    async (upstream) => {
      const answers: unknown[] = [];
      for (let index = 0; index < 8; index++) {
        const response = await client.send({ url: `${upstream.url}/v1/chat/completions`, body: JSON.stringify({ n: index }), timeouts: fast });
        answers.push(JSON.parse(await response.text(1024)));
      }
      assert.deepEqual(answers[7], { body: '{"n":7}' });
      assert.ok(upstream.sockets.length <= 2, `eight calls opened ${upstream.sockets.length} sockets`);
    },
  );
});

test("text() refuses a body past its limit, and a body cut mid-way is a connection failure", async () => {
  await withUpstream(
    (request, response) => {
      if (request.url === "/big") {
        response.writeHead(200, { "content-type": "application/json" });
        response.end("x".repeat(5000));
        return;
      }
      response.writeHead(200, { "content-type": "application/json", "content-length": "100" });
      response.write('{"partial":');
      setTimeout(() => response.socket?.destroy(), 10);
    },
    async (upstream) => {
      const big = await client.send({ url: `${upstream.url}/big`, body: "{}", timeouts: fast });
      await assert.rejects(big.text(1000), RangeError);
      const cut = await client.send({ url: `${upstream.url}/cut`, body: "{}", timeouts: fast });
      await assert.rejects(cut.text(1000), (error: unknown) => error instanceof UpstreamError && error.kind === "connection");
    },
  );
});

test("sequential calls to one origin reuse a single keep-alive socket", async () => {
  await withUpstream(
    (request, response, body) => {
      response.writeHead(200, { "content-type": "application/json", "x-echo": request.headers["x-test"] ?? "" });
      response.end(JSON.stringify({ method: request.method, body }));
    },
    async (upstream) => {
      const answers: unknown[] = [];
      for (let index = 0; index < 4; index++) {
        const response = await client.send({
          url: `${upstream.url}/v1/chat/completions`,
          headers: { "x-test": `call-${index}` },
          body: JSON.stringify({ n: index }),
          timeouts: fast,
        });
        assert.equal(response.status, 200);
        assert.equal(response.headers["x-echo"], `call-${index}`);
        assert.equal(response.headers["content-type"], "application/json");
        answers.push(JSON.parse(await readAll(response.body)));
      }
      assert.deepEqual(answers[3], { method: "POST", body: '{"n":3}' });
      assert.equal(upstream.sockets.length, 1, "all four calls should share one socket");
    },
  );
});

test("a GET without a body is sent as GET", async () => {
  await withUpstream(
    (request, response) => {
      response.writeHead(200);
      response.end(request.method);
    },
    async (upstream) => {
      const response = await client.send({ url: `${upstream.url}/models`, timeouts: fast });
      assert.equal(await readAll(response.body), "GET");
    },
  );
});

test("a refused connection is a connection failure", async () => {
  const port = await findClosedPort();
  const error = await expectUpstreamError(
    client.send({ url: `http://127.0.0.1:${port}/v1/chat/completions`, body: "{}", timeouts: fast, provider: "openai", model: "gpt-x" }),
  );
  assert.equal(error.kind, "connection");
  assert.equal(error.retryable, true);
  assert.equal(error.provider, "openai");
  assert.equal(error.model, "gpt-x");
  assert.match(error.message, /ECONNREFUSED/);
});

test("a connect timeout counts as a connection failure and says so", () => {
  const cause = Object.assign(new Error("Connect Timeout Error"), { code: "UND_ERR_CONNECT_TIMEOUT" });
  const error = mapTransportError(cause, {
    provider: "groq",
    model: "m",
    url: "https://api.groq.com/openai/v1/chat/completions",
    timeouts: resolveTimeouts({ connectMs: 1234 }),
    expired: undefined,
    phase: "headers",
    secrets: [],
  });
  assert.equal(error.kind, "connection");
  assert.match(error.message, /connect timeout.*1234 ms/);
});

test("no response headers within firstByteMs is a timeout naming firstByte", async () => {
  await withUpstream(
    (_request, response) => {
      held.push(response); // never answers
    },
    async (upstream) => {
      const error = await expectUpstreamError(client.send({ url: `${upstream.url}/x`, body: "{}", timeouts: { ...fast, firstByteMs: 50 } }));
      assert.equal(error.kind, "timeout");
      assert.match(error.message, /firstByte/);
      assert.match(error.message, /50 ms/);
    },
  );
});

test("a stall between body chunks longer than idleMs throws an idle timeout from the body", async () => {
  await withUpstream(
    (_request, response) => {
      response.writeHead(200, { "content-type": "text/event-stream" });
      response.write('data: {"a":1}\n\n');
      held.push(response); // then silence
    },
    async (upstream) => {
      const response = await client.send({ url: `${upstream.url}/x`, body: "{}", timeouts: { ...fast, idleMs: 60 } });
      assert.equal(response.status, 200);
      const received: string[] = [];
      const error = await expectUpstreamError(
        (async () => {
          for await (const chunk of response.body) received.push(new TextDecoder().decode(chunk));
        })(),
      );
      assert.deepEqual(received, ['data: {"a":1}\n\n']);
      assert.equal(error.kind, "timeout");
      assert.match(error.message, /idle/);
    },
  );
});

test("a body that keeps trickling past totalMs hits the total deadline", async () => {
  await withUpstream(
    (_request, response) => {
      response.writeHead(200, { "content-type": "text/event-stream" });
      const timer = setInterval(() => response.write("data: tick\n\n"), 10);
      response.on("close", () => clearInterval(timer));
    },
    async (upstream) => {
      const response = await client.send({ url: `${upstream.url}/x`, body: "{}", timeouts: { ...fast, idleMs: 1000, totalMs: 150 } });
      let chunks = 0;
      const error = await expectUpstreamError(
        (async () => {
          for await (const _chunk of response.body) chunks++;
        })(),
      );
      assert.ok(chunks > 0, "some chunks arrived before the deadline");
      assert.equal(error.kind, "timeout");
      assert.match(error.message, /total/);
      await upstream.socketClosed(0);
    },
  );
});

test("the total deadline also covers the wait for headers", async () => {
  await withUpstream(
    (_request, response) => {
      held.push(response);
    },
    async (upstream) => {
      const error = await expectUpstreamError(
        client.send({ url: `${upstream.url}/x`, body: "{}", timeouts: { ...fast, firstByteMs: 5000, totalMs: 60 } }),
      );
      assert.equal(error.kind, "timeout");
      assert.match(error.message, /total/);
    },
  );
});

test("a connection reset mid-body makes the body throw a connection UpstreamError", async () => {
  await withUpstream(
    (_request, response) => {
      response.writeHead(200, { "content-type": "text/event-stream" });
      response.write('data: {"first":true}\n\n', () => {
        setTimeout(() => response.socket?.resetAndDestroy(), 20);
      });
    },
    async (upstream) => {
      const response = await client.send({ url: `${upstream.url}/x`, body: "{}", timeouts: fast, provider: "deepseek", model: "d" });
      const received: string[] = [];
      const error = await expectUpstreamError(
        (async () => {
          for await (const chunk of response.body) received.push(new TextDecoder().decode(chunk));
        })(),
      );
      assert.deepEqual(received, ['data: {"first":true}\n\n']);
      assert.equal(error.kind, "connection");
      assert.equal(error.provider, "deepseek");
      assert.match(error.message, /connection lost while reading the response body/);
    },
  );
});

test("aborting the caller's signal mid-body aborts the upstream call and closes its socket", async () => {
  await withUpstream(
    (_request, response) => {
      response.writeHead(200, { "content-type": "text/event-stream" });
      response.write("data: one\n\n");
      held.push(response);
    },
    async (upstream) => {
      const controller = new AbortController();
      const response = await client.send({ url: `${upstream.url}/x`, body: "{}", timeouts: fast, signal: controller.signal });
      const iterator = response.body[Symbol.asyncIterator]();
      const first = await iterator.next();
      assert.equal(new TextDecoder().decode(first.value as Uint8Array), "data: one\n\n");
      controller.abort();
      await assert.rejects(iterator.next(), (error: unknown) => error instanceof AbortedError);
      await upstream.socketClosed(0);
    },
  );
});

test("aborting before the headers arrive rejects with AbortedError and closes the socket", async () => {
  await withUpstream(
    (_request, response) => {
      held.push(response);
    },
    async (upstream) => {
      const controller = new AbortController();
      const arrived = upstream.nextRequest();
      const pending = client.send({ url: `${upstream.url}/x`, body: "{}", timeouts: fast, signal: controller.signal });
      await arrived;
      controller.abort();
      await assert.rejects(pending, (error: unknown) => error instanceof AbortedError);
      await upstream.socketClosed(0);
    },
  );
});

test("an already-aborted signal sends nothing", async () => {
  await withUpstream(
    (_request, response) => response.end(),
    async (upstream) => {
      await assert.rejects(
        client.send({ url: `${upstream.url}/x`, body: "{}", timeouts: fast, signal: AbortSignal.abort() }),
        (error: unknown) => error instanceof AbortedError,
      );
      assert.equal(upstream.sockets.length, 0);
    },
  );
});

test("leaving the body loop early, or cancelling, closes the upstream socket", async () => {
  await withUpstream(
    (_request, response) => {
      response.writeHead(200, { "content-type": "text/event-stream" });
      response.write("data: one\n\n");
      held.push(response);
    },
    async (upstream) => {
      const first: UpstreamResponse = await client.send({ url: `${upstream.url}/x`, body: "{}", timeouts: fast });
      for await (const _chunk of first.body) break;
      await upstream.socketClosed(0);

      const second = await client.send({ url: `${upstream.url}/x`, body: "{}", timeouts: fast });
      second.cancel();
      await upstream.socketClosed(1);
    },
  );
});

test("a slow consumer is not mistaken for an idle upstream", async () => {
  await withUpstream(
    (_request, response) => {
      // Separate writes, all sent long before the consumer asks for them.
      response.writeHead(200, { "content-type": "application/x-ndjson" });
      response.write('{"n":1}\n');
      setTimeout(() => response.write('{"n":2}\n'), 5);
      setTimeout(() => response.end('{"n":3}\n'), 10);
    },
    async (upstream) => {
      const response = await client.send({ url: `${upstream.url}/api/chat`, body: "{}", timeouts: { ...fast, idleMs: 40 } });
      let text = "";
      for await (const chunk of response.body) {
        text += new TextDecoder().decode(chunk);
        await new Promise((resolve) => setTimeout(resolve, 80)); // longer than idleMs
      }
      assert.equal(text, '{"n":1}\n{"n":2}\n{"n":3}\n');
    },
  );
});

test("a call still waiting for a socket when its limit passes fails at once and is never sent", async () => {
  const oneSocket = createHttpClient({ connectionsPerOrigin: 1 });
  let received = 0;
  await withUpstream(
    (_request, response) => {
      received += 1;
      // The first call holds the only socket.
      held.push(response);
      response.writeHead(200, { "content-type": "application/json" });
      response.write("{");
    },
    async (upstream) => {
      const first = await oneSocket.send({ url: `${upstream.url}/first`, body: "{}", timeouts: fast });
      const started = Date.now();
      const error = await expectUpstreamError(oneSocket.send({ url: `${upstream.url}/second`, body: "{}", timeouts: { ...fast, firstByteMs: 80, totalMs: 5000 } }));
      assert.equal(error.kind, "timeout");
      assert.match(error.message, /firstByte/);
      assert.ok(Date.now() - started < 1000, "failed when its limit passed, not when a socket freed");
      first.cancel();
      // The first call's socket is gone; the queued call must not be sent on a new one.
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal(received, 1);
    },
  );
  await oneSocket.close();
});

test("cancelling an answer while its whole body is being read ends the read instead of leaving it waiting", async () => {
  await withUpstream(
    (_request, response) => {
      held.push(response);
      response.writeHead(200, { "content-type": "application/json" });
      response.write('{"partial":');
    },
    async (upstream) => {
      const response = await client.send({ url: `${upstream.url}/slow`, body: "{}", timeouts: fast });
      const reading = response.text(1024);
      setTimeout(() => response.cancel(), 20);
      await assert.rejects(reading, AbortedError);
    },
  );
});
