/**
 * Bad input gets a 4xx with a JSON error body in the caller's dialect: malformed JSON,
 * unknown paths, a wrong method, and a body past `server.bodyLimit` (413).
 */
import assert from "node:assert/strict";
import { request as httpRequest } from "node:http";
import { test } from "node:test";
import { chatBody, openaiUpstreamHandler, postJson, startTestGateway, startUpstream } from "./support.ts";

const upstream = await startUpstream(openaiUpstreamHandler());
const gateway = await startTestGateway([
  "server:",
  "  bodyLimit: 2kb",
  "providers:",
  "  openai:",
  "    keys: [sk-test-errors-000000001]",
  `    baseUrl: ${upstream.url}/v1`,
]);

/** Each dialect's error body, checked for its shape; returns the message. */
const shapes = {
  openai(body: unknown): string {
    const error = (body as { error: { message: string; type: string } }).error;
    assert.equal(typeof error.type, "string");
    return error.message;
  },
  anthropic(body: unknown): string {
    const wire = body as { type: string; error: { type: string; message: string } };
    assert.equal(wire.type, "error");
    assert.equal(typeof wire.error.type, "string");
    return wire.error.message;
  },
  gemini(body: unknown): string {
    const error = (body as { error: { code: number; status: string; message: string } }).error;
    assert.equal(typeof error.code, "number");
    assert.equal(typeof error.status, "string");
    return error.message;
  },
  ollama(body: unknown): string {
    const error = (body as { error: string }).error;
    assert.equal(typeof error, "string");
    return error;
  },
};

type Shape = keyof typeof shapes;

async function expectError(response: Response, status: number, shape: Shape): Promise<string> {
  assert.equal(response.status, status);
  assert.match(response.headers.get("content-type") ?? "", /^application\/json/);
  return shapes[shape](await response.json());
}

test("malformed JSON: 400 in each dialect's format, nothing sent upstream", async () => {
  const posts: Array<[string, Shape]> = [
    ["/v1/chat/completions", "openai"],
    ["/anthropic/v1/messages", "anthropic"],
    ["/gemini/v1beta/models/gpt-4o-mini:generateContent", "gemini"],
    ["/ollama/api/chat", "ollama"],
    ["/v1/embeddings", "openai"],
    ["/anthropic/v1/messages/count_tokens", "anthropic"],
    ["/mode", "openai"],
  ];
  for (const [path, shape] of posts) {
    const response = await fetch(`${gateway.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"model": "gpt-4o-mini",' });
    assert.match(await expectError(response, 400, shape), /not valid JSON/, path);
  }
  const notObject = await postJson(`${gateway.url}/v1/chat/completions`, ["a", "list"]);
  assert.match(await expectError(notObject, 400, "openai"), /JSON object/);
  assert.equal(upstream.requests.length, 0);
});

test("unknown paths: 404 in the dialect the path belongs to", async () => {
  const paths: Array<[string, Shape]> = [
    ["/v1/nothing-here", "openai"],
    ["/anthropic/v1/nothing", "anthropic"],
    ["/gemini/v1beta/nothing/here", "gemini"],
    ["/ollama/api/nothing", "ollama"],
  ];
  for (const [path, shape] of paths) {
    assert.match(await expectError(await fetch(`${gateway.url}${path}`), 404, shape), /No route/, path);
  }
});

test("a known path with the wrong method is a 4xx, not a crash", async () => {
  const response = await fetch(`${gateway.url}/v1/chat/completions`);
  assert.match(await expectError(response, 400, "openai"), /not allowed/);
  const models = await postJson(`${gateway.url}/ollama/api/tags`, {});
  await expectError(models, 400, "ollama");
});

test("a body over server.bodyLimit: 413 in the caller's format; the gateway keeps serving", async () => {
  const big = { ...chatBody("gpt-4o-mini"), messages: [{ role: "user", content: "x".repeat(4096) }] };
  assert.match(await expectError(await postJson(`${gateway.url}/v1/chat/completions`, big), 413, "openai"), /larger than the limit/);
  assert.match(await expectError(await postJson(`${gateway.url}/anthropic/v1/messages`, { ...big, max_tokens: 10 }), 413, "anthropic"), /larger than the limit/);

  // Chunked, with no content-length: refused once the limit is crossed.
  const chunked = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const request = httpRequest(`${gateway.url}/v1/embeddings`, { method: "POST", headers: { "content-type": "application/json", "transfer-encoding": "chunked" } }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on("error", reject);
    request.write(`{"model":"text-embedding-3-small","input":"${"y".repeat(1500)}`);
    request.end(`${"z".repeat(1500)}"}`);
  });
  assert.equal(chunked.status, 413);
  assert.match((JSON.parse(chunked.body) as { error: { message: string } }).error.message, /larger than the limit/);

  const after = await postJson(`${gateway.url}/v1/chat/completions`, chatBody("gpt-4o-mini"));
  assert.equal(after.status, 200);
});
