/**
 * The official SDKs talk to the simulator as they would to the vendor: their requests pass
 * its strict validators, they parse its answers (chat, streams, listings, embeddings, token
 * counts), and its scripted errors surface as the SDKs' own error classes.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Anthropic, RateLimitError as AnthropicRateLimitError } from "@anthropic-ai/sdk";
import { GoogleGenAI } from "@google/genai";
import OpenAI from "openai";
import { startSimulatedProvider, type SimulatedProvider } from "../../src/simulator/index.ts";

const providers: SimulatedProvider[] = [];
after(() => Promise.all(providers.map((provider) => provider.close())));

async function start(options: Parameters<typeof startSimulatedProvider>[0]): Promise<SimulatedProvider> {
  const provider = await startSimulatedProvider(options);
  providers.push(provider);
  return provider;
}

describe("openai SDK", () => {
  let provider: SimulatedProvider;
  let client: OpenAI;
  before(async () => {
    provider = await start({ dialect: "openai-chat", models: ["gpt-4o-mini", "text-embedding-3-small"] });
    client = new OpenAI({ baseURL: provider.url, apiKey: "sk-test", maxRetries: 0 });
  });

  test("lists the models served", async () => {
    const models = [];
    for await (const model of client.models.list()) models.push(model.id);
    assert.deepEqual(models, ["gpt-4o-mini", "text-embedding-3-small"]);
  });

  test("embeddings: the SDK's default base64 encoding decodes to the asked dimensions, deterministically", async () => {
    const first = await client.embeddings.create({ model: "text-embedding-3-small", input: ["rain", "sun"], dimensions: 12 });
    const again = await client.embeddings.create({ model: "text-embedding-3-small", input: "rain", dimensions: 12, encoding_format: "float" });
    assert.equal(first.data.length, 2);
    assert.equal(first.data[0]?.embedding.length, 12);
    assert.deepEqual(first.data[0]?.embedding, again.data[0]?.embedding);
    assert.notDeepEqual(first.data[0]?.embedding, first.data[1]?.embedding);
    assert.equal(first.usage.prompt_tokens, 2);
  });

  test("a scripted 429 is the SDK's RateLimitError with the retry-after header", async () => {
    provider.setScript({ fail: { kind: "rate-limit", retryAfterMs: 3000 } });
    await assert.rejects(client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] }), (error: unknown) => {
      assert.ok(error instanceof OpenAI.RateLimitError);
      assert.equal(error.headers.get("retry-after"), "3");
      assert.match(error.requestID ?? "", /^req_sim/);
      return true;
    });
    provider.setScript(undefined);
  });

  test("a chunked, delayed stream is read whole by the SDK's stream helper", async () => {
    provider.setScript({ reply: { text: "Bring a coat, it will be cold tonight." }, chunks: 8, chunkDelayMs: 3 });
    const stream = client.chat.completions.stream({ model: "gpt-4o-mini", messages: [{ role: "user", content: "coat?" }] });
    let deltas = 0;
    for await (const chunk of stream) if (chunk.choices[0]?.delta.content) deltas += 1;
    const completion = await stream.finalChatCompletion();
    assert.equal(deltas, 8);
    assert.equal(completion.choices[0]?.message.content, "Bring a coat, it will be cold tonight.");
    provider.setScript(undefined);
  });
});

describe("@anthropic-ai/sdk", () => {
  let provider: SimulatedProvider;
  let client: Anthropic;
  before(async () => {
    provider = await start({ dialect: "anthropic-messages" });
    client = new Anthropic({ baseURL: provider.url, apiKey: "sk-ant-test", maxRetries: 0 });
  });

  test("count_tokens and models.list", async () => {
    const counted = await client.messages.countTokens({ model: "claude-haiku-4-5", messages: [{ role: "user", content: "How many tokens is this?" }] });
    assert.ok(counted.input_tokens > 0);
    const models = [];
    for await (const model of client.models.list()) models.push(model.id);
    assert.deepEqual(models, ["claude-haiku-4-5", "claude-sonnet-4-5"]);
    assert.equal(provider.counts["count-tokens"], 1);
  });

  test("the SDK's own requests carry anthropic-version and Bearer auth, and pass validation", async () => {
    const message = await client.messages.create({ model: "claude-haiku-4-5", max_tokens: 64, messages: [{ role: "user", content: "Hello Claude" }] });
    assert.equal(message.content[0]?.type === "text" ? message.content[0].text : "", "Simulated answer to: Hello Claude");
    const recorded = provider.requests.at(-1);
    assert.ok(recorded?.headers["anthropic-version"]);
    assert.equal(recorded?.headers["authorization"], "Bearer sk-ant-test");
  });

  test("a scripted 429 is the SDK's RateLimitError; an overload is 529", async () => {
    provider.setScript([{ fail: { kind: "rate-limit", retryAfterMs: 1000 } }, { fail: { kind: "overloaded" } }]);
    const params = { model: "claude-haiku-4-5", max_tokens: 64, messages: [{ role: "user" as const, content: "hi" }] };
    await assert.rejects(client.messages.create(params), AnthropicRateLimitError);
    await assert.rejects(client.messages.create(params), (error: unknown) => (error as { status?: number }).status === 529);
    provider.setScript(undefined);
  });
});

describe("@google/genai", () => {
  let provider: SimulatedProvider;
  before(async () => {
    provider = await start({ dialect: "gemini" });
  });

  test("SDK 3.x calls /v1, older clients /v1beta: both are served", async () => {
    const modern = new GoogleGenAI({ apiKey: "g-test", httpOptions: { baseUrl: provider.url } });
    const legacy = new GoogleGenAI({ apiKey: "g-test", httpOptions: { baseUrl: provider.url, apiVersion: "v1beta" } });
    assert.equal((await modern.models.generateContent({ model: "gemini-2.5-flash", contents: "first call" })).text, "Simulated answer to: first call");
    assert.equal((await legacy.models.generateContent({ model: "gemini-2.5-flash", contents: "second call" })).text, "Simulated answer to: second call");
    assert.deepEqual(
      provider.requests.slice(-2).map((request) => request.path),
      ["/v1/models/gemini-2.5-flash:generateContent", "/v1beta/models/gemini-2.5-flash:generateContent"],
    );
  });

  test("streams and lists models", async () => {
    const client = new GoogleGenAI({ apiKey: "g-test", httpOptions: { baseUrl: provider.url } });
    let text = "";
    for await (const chunk of await client.models.generateContentStream({ model: "gemini-2.5-pro", contents: "stream this" })) text += chunk.text ?? "";
    assert.equal(text, "Simulated answer to: stream this");
    const pager = await client.models.list();
    assert.deepEqual(pager.page.map((model) => model.name), ["models/gemini-2.5-flash", "models/gemini-2.5-pro"]);
  });

  test("a scripted RESOURCE_EXHAUSTED surfaces as the SDK's ApiError 429", async () => {
    provider.setScript({ fail: { kind: "rate-limit", retryAfterMs: 13_000 } });
    const client = new GoogleGenAI({ apiKey: "g-test", httpOptions: { baseUrl: provider.url } });
    await assert.rejects(client.models.generateContent({ model: "gemini-2.5-flash", contents: "hi" }), (error: unknown) => {
      assert.equal((error as { status?: number }).status, 429);
      assert.match(String(error), /RESOURCE_EXHAUSTED.*"retryDelay":"13s"/);
      return true;
    });
    provider.setScript(undefined);
  });
});
