/**
 * Scripts, recorded requests and counters: what tests and the chaos scorecard rely on to
 * say "the primary was called once" or "not hammered while down".
 */
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { startSimulatedProvider, type SimulatedProvider } from "../../src/simulator/index.ts";
import { authHeaders, callSimulator } from "./sim-client.ts";

const providers: SimulatedProvider[] = [];
after(() => Promise.all(providers.map((provider) => provider.close())));

async function start(options: Parameters<typeof startSimulatedProvider>[0]): Promise<SimulatedProvider> {
  const provider = await startSimulatedProvider(options);
  providers.push(provider);
  return provider;
}

describe("scripts", () => {
  test("an array is consumed in order and its last behaviour repeats", async () => {
    const provider = await start({
      dialect: "openai-chat",
      script: [{ fail: { kind: "server" } }, { fail: { kind: "overloaded" } }, { reply: { text: "recovered" } }],
    });
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 4; attempt++) statuses.push((await callSimulator(provider)).status);
    assert.deepEqual(statuses, [500, 503, 200, 200]);
  });

  test("a function sees the request and its index; setScript starts the index again", async () => {
    const seen: Array<[number, string | undefined]> = [];
    const provider = await start({
      dialect: "anthropic-messages",
      script: (request, index) => {
        seen.push([index, request.model]);
        return request.model === "claude-down" ? { fail: { kind: "overloaded" } } : {};
      },
    });
    assert.equal((await callSimulator(provider, { model: "claude-down" })).status, 529);
    assert.equal((await callSimulator(provider, { model: "claude-up" })).status, 200);
    provider.setScript((_request, index) => {
      seen.push([index, "replaced"]);
      return {};
    });
    await callSimulator(provider);
    assert.deepEqual(seen, [
      [0, "claude-down"],
      [1, "claude-up"],
      [0, "replaced"],
    ]);
  });

  test("the default answer echoes the prompt's last words with usage from the lengths", async () => {
    const provider = await start({ dialect: "openai-chat" });
    const answer = (await (await callSimulator(provider, { text: "Please summarise the history of the Roman empire" })).json()) as {
      choices: Array<{ message: { content: string } }>;
      usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
    };
    assert.equal(answer.choices[0]?.message.content, "Simulated answer to: the history of the Roman empire");
    assert.ok(answer.usage.prompt_tokens > 5);
    assert.equal(answer.usage.completion_tokens, Math.ceil("Simulated answer to: the history of the Roman empire".length / 4));
    assert.equal(answer.usage.total_tokens, answer.usage.prompt_tokens + answer.usage.completion_tokens);
  });

  test("scripted usage, finish reason and model are what the client gets", async () => {
    const provider = await start({
      dialect: "gemini",
      script: { reply: { text: "cut sho", finishReason: "length", model: "gemini-2.5-flash-001", usage: { inputTokens: 1000, outputTokens: 2 } } },
    });
    const answer = (await (await callSimulator(provider)).json()) as {
      candidates: Array<{ finishReason: string }>;
      modelVersion: string;
      usageMetadata: { promptTokenCount: number; candidatesTokenCount: number };
    };
    assert.equal(answer.candidates[0]?.finishReason, "MAX_TOKENS");
    assert.equal(answer.modelVersion, "gemini-2.5-flash-001");
    assert.deepEqual([answer.usageMetadata.promptTokenCount, answer.usageMetadata.candidatesTokenCount], [1000, 2]);
  });
});

describe("recorded requests and counters", () => {
  test("every request is recorded with method, path, headers and parsed body; counts per endpoint", async () => {
    const provider = await start({ dialect: "openai-chat" });
    await callSimulator(provider, { text: "first" });
    await callSimulator(provider, { text: "second", stream: true }).then((response) => response.text());
    await fetch(`${provider.url}/models`, { headers: authHeaders("openai-chat") });
    await fetch(`${provider.url}/nowhere`, { method: "POST", headers: authHeaders("openai-chat") });
    assert.deepEqual(
      provider.requests.map((request) => [request.method, request.path, request.endpoint, request.stream]),
      [
        ["POST", "/v1/chat/completions", "chat-completions", false],
        ["POST", "/v1/chat/completions", "chat-completions", true],
        ["GET", "/v1/models", "models", false],
        ["POST", "/v1/nowhere", "unknown", false],
      ],
    );
    assert.equal(provider.requests[0]?.headers["authorization"], "Bearer sk-test");
    assert.deepEqual((provider.requests[1]?.body as { messages: unknown[] }).messages, [{ role: "user", content: "second" }]);
    assert.equal(provider.count("chat-completions"), 2);
    assert.equal(provider.count(), 2);
    assert.equal(provider.counts.models, 1);
    assert.equal(provider.counts.unknown, 1);
  });

  test("an unknown path gets the vendor's 404", async () => {
    const provider = await start({ dialect: "openai-chat" });
    const response = await fetch(`${provider.url}/completions/legacy`, { method: "POST", headers: authHeaders("openai-chat"), body: "{}" });
    assert.equal(response.status, 404);
    assert.match(((await response.json()) as { error: { message: string } }).error.message, /Invalid URL \(POST \/v1\/completions\/legacy\)/);
  });

  test("models restricts what is served: another model gets the vendor's not-found", async () => {
    const provider = await start({ dialect: "anthropic-messages", models: ["claude-haiku-4-5"] });
    assert.equal((await callSimulator(provider, { model: "claude-haiku-4-5" })).status, 200);
    const missing = await callSimulator(provider, { model: "claude-opus-9" });
    assert.equal(missing.status, 404);
    assert.equal(((await missing.json()) as { error: { type: string } }).error.type, "not_found_error");
  });

  test("apiKeys: another key gets the vendor's authentication error", async () => {
    const provider = await start({ dialect: "gemini", apiKeys: ["good-key"] });
    assert.equal((await callSimulator(provider, { headers: { "x-goog-api-key": "good-key" } })).status, 200);
    const rejected = await callSimulator(provider, { headers: { "x-goog-api-key": "stolen" } });
    assert.equal(rejected.status, 401);
    assert.equal(((await rejected.json()) as { error: { status: string } }).error.status, "UNAUTHENTICATED");
  });

  test("a body that is not JSON is a 400", async () => {
    const provider = await start({ dialect: "ollama" });
    const response = await fetch(`${provider.url}/api/chat`, { method: "POST", body: "{not json" });
    assert.equal(response.status, 400);
    assert.match(((await response.json()) as { error: string }).error, /could not parse the JSON body/);
  });

  test("Ollama streams by default and answers a chat without messages with a model load", async () => {
    const provider = await start({ dialect: "ollama" });
    const streamed = await fetch(`${provider.url}/api/chat`, { method: "POST", body: JSON.stringify({ model: "llama3.2", messages: [{ role: "user", content: "hi" }] }) });
    assert.equal(streamed.headers.get("content-type"), "application/x-ndjson");
    const lines = (await streamed.text()).trim().split("\n");
    assert.ok(lines.length > 1);
    const load = await fetch(`${provider.url}/api/chat`, { method: "POST", body: JSON.stringify({ model: "llama3.2", messages: [], stream: false }) });
    const body = (await load.json()) as { done: boolean; done_reason: string; message: { content: string } };
    assert.deepEqual([body.done, body.done_reason, body.message.content], [true, "load", ""]);
  });

  test("Gemini streamGenerateContent without alt=sse is one JSON array", async () => {
    const provider = await start({ dialect: "gemini", script: { reply: { text: "one two three" } } });
    const response = await fetch(`${provider.url}/v1beta/models/gemini-2.5-flash:streamGenerateContent`, {
      method: "POST",
      headers: { "x-goog-api-key": "k" },
      body: JSON.stringify({ contents: [{ role: "user", parts: [{ text: "count" }] }] }),
    });
    const chunks = (await response.json()) as Array<{ candidates: Array<{ content: { parts: Array<{ text: string }> } }> }>;
    assert.equal(chunks.map((chunk) => chunk.candidates[0]?.content.parts[0]?.text ?? "").join(""), "one two three");
  });
});
