import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createHttpClient, type HttpClient } from "../../src/providers/http-client.ts";
import { readBodyText } from "../../src/providers/read-body-text.ts";
import { startFakeUpstream } from "./fake-upstream.ts";

let client: HttpClient;
before(() => {
  client = createHttpClient();
});
after(() => client.close());

const timeouts = { connectMs: 1000, firstByteMs: 1000, idleMs: 2000, totalMs: 5000 };

test("reads a whole small body", async () => {
  async function* body(): AsyncGenerator<Uint8Array> {
    yield new TextEncoder().encode('{"error":');
    yield new TextEncoder().encode('"boom"}');
  }
  assert.equal(await readBodyText(body()), '{"error":"boom"}');
});

test("stops at the limit without splitting a character", async () => {
  async function* body(): AsyncGenerator<Uint8Array> {
    yield new TextEncoder().encode("abcé"); // é is two bytes: a limit of 4 cuts it
    yield new TextEncoder().encode("never read");
  }
  assert.equal(await readBodyText(body(), 4), "abc");
});

test("a body that never ends is cut at the limit and its socket closed", async () => {
  const upstream = await startFakeUpstream((_request, response) => {
    response.writeHead(500, { "content-type": "text/plain" });
    response.write("x".repeat(4096)); // then never ends
  });
  try {
    const response = await client.send({ url: `${upstream.url}/x`, body: "{}", timeouts });
    const text = await readBodyText(response.body, 1000);
    assert.equal(text, "x".repeat(1000));
    await upstream.socketClosed(0);
  } finally {
    await upstream.close();
  }
});

test("a body cut by the upstream returns what arrived", async () => {
  const upstream = await startFakeUpstream((_request, response) => {
    response.writeHead(502, { "content-type": "text/plain", "content-length": "100" });
    response.write("partial", () => setTimeout(() => response.socket?.destroy(), 10));
  });
  try {
    const response = await client.send({ url: `${upstream.url}/x`, body: "{}", timeouts });
    assert.equal(await readBodyText(response.body), "partial");
  } finally {
    await upstream.close();
  }
});
