/**
 * The official `@google/genai` SDK as a real client: it must parse what our encoders write
 * (on its default `/v1` surface and on `/v1beta`), and our decodeRequest must read what it
 * sends.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { ApiError, GoogleGenAI, Type, type GenerateContentResponse, type Part } from "@google/genai";
import { UpstreamError, type FailureKind } from "../../../src/core/errors.ts";
import type { CanonicalEvent } from "../../../src/core/types/event.ts";
import type { CanonicalResponse } from "../../../src/core/types/response.ts";
import { geminiDialect as dialect } from "../../../src/dialects/gemini/index.ts";
import { sendJson, sendStream, startTestServer, type TestHandler, type TestServer } from "../../support/http-server.ts";
import { fromArray, viaWire } from "../conformance.ts";
import { eventsFor, responseSamples } from "../samples.ts";

let server: TestServer;
let client: GoogleGenAI;
let betaClient: GoogleGenAI;
let answer: TestHandler = (_request, response) => sendJson(response, 500, { error: { code: 500, message: "no answer set", status: "INTERNAL" } });

before(async () => {
  server = await startTestServer((request, response) => answer(request, response));
  client = new GoogleGenAI({ apiKey: "test", httpOptions: { baseUrl: server.url } });
  betaClient = new GoogleGenAI({ apiKey: "test", apiVersion: "v1beta", httpOptions: { baseUrl: server.url } });
});
after(() => server.close());

function answerJson(response: CanonicalResponse): void {
  answer = (_request, reply) => sendJson(reply, 200, dialect.encodeResponse(response).value);
}

function answerStream(events: CanonicalEvent[]): void {
  answer = (_request, reply) => sendStream(reply, dialect.encodeStream(fromArray(events)));
}

function lastUrl(): string {
  return server.requests.at(-1)?.url ?? "";
}

function partsOf(response: GenerateContentResponse): Part[] {
  return response.candidates?.[0]?.content?.parts ?? [];
}

const textOf = (parts: Part[]) =>
  parts
    .filter((part) => typeof part.text === "string" && part.thought !== true)
    .map((part) => part.text)
    .join("");

const contents = "Weather and time in Paris?";

describe("the SDK parses encodeResponse", () => {
  test("text, function calls with ids, usage and finish reason (default /v1 surface)", async () => {
    answerJson(responseSamples["tool calls"]);
    const response = await client.models.generateContent({ model: "gemini-2.5-flash", contents });
    assert.equal(lastUrl(), "/v1/models/gemini-2.5-flash:generateContent");
    assert.equal(textOf(partsOf(response)), "Let me check.");
    assert.deepEqual(
      response.functionCalls?.map((call) => [call.id, call.name, call.args]),
      [
        ["call_a", "get_weather", { city: "Paris" }],
        ["call_b", "get_time", { tz: "Europe/Paris" }],
      ],
    );
    assert.equal(response.candidates?.[0]?.finishReason, "STOP");
    assert.deepEqual(response.usageMetadata, { promptTokenCount: 40, candidatesTokenCount: 22, totalTokenCount: 62 });
    assert.equal(response.responseId, "resp_3");
    assert.equal(response.modelVersion, "m-1");
  });

  test("thoughts, signature and cache usage (/v1beta surface)", async () => {
    answerJson(responseSamples["reasoning and cache usage"]);
    const response = await betaClient.models.generateContent({ model: "gemini-2.5-pro", contents: "17*23?" });
    assert.equal(lastUrl(), "/v1beta/models/gemini-2.5-pro:generateContent");
    assert.equal(response.text, "391");
    assert.deepEqual(partsOf(response)[0], { text: "Think first.", thought: true, thoughtSignature: "sig-1" });
    assert.equal(response.usageMetadata?.cachedContentTokenCount, 60);
    assert.equal(response.usageMetadata?.thoughtsTokenCount, 10);
    assert.equal(response.usageMetadata?.candidatesTokenCount, 20);
  });

  test("a length cut reports MAX_TOKENS", async () => {
    answerJson(responseSamples["length cut"]);
    const response = await client.models.generateContent({ model: "gemini-2.5-flash", contents: "Tell a story" });
    assert.equal(response.text, "Once upon a");
    assert.equal(response.candidates?.[0]?.finishReason, "MAX_TOKENS");
  });
});

describe("the SDK parses encodeStream", () => {
  test("text deltas, whole function calls, usage and finish on the last chunk", async () => {
    answerStream(eventsFor(responseSamples["tool calls"]));
    const stream = await client.models.generateContentStream({ model: "gemini-2.5-flash", contents });
    const chunks = await Array.fromAsync(stream);
    assert.equal(lastUrl(), "/v1/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
    assert.equal(textOf(chunks.flatMap(partsOf)), "Let me check.");
    assert.deepEqual(
      chunks.flatMap((chunk) => chunk.functionCalls ?? []).map((call) => [call.id, call.name, call.args]),
      [
        ["call_a", "get_weather", { city: "Paris" }],
        ["call_b", "get_time", { tz: "Europe/Paris" }],
      ],
    );
    const last = chunks.at(-1);
    assert.equal(last?.candidates?.[0]?.finishReason, "STOP");
    assert.deepEqual(last?.usageMetadata, { promptTokenCount: 40, candidatesTokenCount: 22, totalTokenCount: 62 });
  });

  test("reasoning stream on /v1beta", async () => {
    answerStream(eventsFor(responseSamples["reasoning and cache usage"]));
    const chunks = await Array.fromAsync(await betaClient.models.generateContentStream({ model: "gemini-2.5-pro", contents: "17*23?" }));
    const parts = chunks.flatMap(partsOf);
    assert.equal(textOf(parts), "391");
    assert.equal(parts.filter((part) => part.thought === true).map((part) => part.text).join(""), "Think first.");
    assert.ok(parts.some((part) => part.thoughtSignature === "sig-1"));
    assert.equal(chunks.at(-1)?.usageMetadata?.thoughtsTokenCount, 10);
  });

  test("the SDK's chat accepts every chunk and records the model turn", async () => {
    answerStream(eventsFor(responseSamples["text answer"]));
    const chat = client.chats.create({ model: "gemini-2.5-flash" });
    for await (const _chunk of await chat.sendMessageStream({ message: "Hello" })) {
      // drain
    }
    // The SDK keeps a streamed turn only if every chunk is valid (else it records an empty turn).
    const [question, ...turn] = chat.getHistory();
    assert.equal(question?.role, "user");
    assert.ok(turn.length > 0 && turn.every((content) => content.role === "model"));
    assert.equal(textOf(turn.flatMap((content) => content.parts ?? [])), "Hi! How can I help?");
  });

  test("an in-stream error makes iteration throw ApiError with the status", async () => {
    const error = new UpstreamError({ provider: "p", model: "m", kind: "overloaded", message: "The model is overloaded." });
    answerStream([...eventsFor(responseSamples["text answer"]).slice(0, -1), { type: "error", error }]);
    const stream = await client.models.generateContentStream({ model: "gemini-2.5-flash", contents: "Hi" });
    const seen: string[] = [];
    await assert.rejects(
      (async () => {
        for await (const chunk of stream) seen.push(textOf(partsOf(chunk)));
      })(),
      (thrown: unknown) => thrown instanceof ApiError && thrown.status === 503 && /The model is overloaded/.test(thrown.message),
    );
    assert.deepEqual(seen, ["Hi! ", "How can I help?"], "content before the error was delivered");
  });

  test("events that end without finish make iteration throw, not end cleanly", async () => {
    answerStream(eventsFor(responseSamples["text answer"]).slice(0, -1));
    const stream = await client.models.generateContentStream({ model: "gemini-2.5-flash", contents: "Hi" });
    await assert.rejects(Array.fromAsync(stream), ApiError);
  });
});

describe("an encoded error becomes the SDK's ApiError with its status", () => {
  const cases: Array<[FailureKind, number]> = [
    ["rate-limit", 429],
    ["auth", 403],
    ["not-found", 404],
    ["context-window", 400],
    ["overloaded", 503],
    ["server", 500],
  ];
  for (const [kind, status] of cases) {
    test(`${kind} → ${status}`, async () => {
      const encoded = dialect.encodeError(new UpstreamError({ provider: "p", model: "m", kind, message: `simulated ${kind}`, retryAfterMs: 2000 }));
      answer = (_request, reply) => sendJson(reply, encoded.status, encoded.body);
      await assert.rejects(
        client.models.generateContent({ model: "gemini-2.5-flash", contents: "Hi" }),
        (thrown: unknown) => thrown instanceof ApiError && thrown.status === status && thrown.message.includes(`simulated ${kind}`),
      );
      // And the SDK's own error text still reads back as the same kind.
      assert.equal(dialect.decodeError({ status: encoded.status, body: viaWire(encoded.body) }).kind, kind);
    });
  }
});

describe("decodeRequest reads what the SDK sends", () => {
  const captureAnswer: TestHandler = (_request, reply) => sendJson(reply, 200, dialect.encodeResponse(responseSamples["text answer"]).value);

  function urlContext(url: string): { model: string; stream: boolean } {
    const match = /\/models\/([^:/]+):(generateContent|streamGenerateContent)/.exec(url);
    assert.ok(match, url);
    return { model: match[1] ?? "", stream: match[2] === "streamGenerateContent" };
  }

  test("a tool loop with an image, a function call and its response, tools and config", async () => {
    answer = captureAnswer;
    await client.models.generateContent({
      model: "gemini-2.5-flash",
      contents: [
        { role: "user", parts: [{ text: "What is in this picture, and the weather there?" }, { inlineData: { mimeType: "image/png", data: "iVBORw0KGgo=" } }] },
        { role: "model", parts: [{ functionCall: { id: "fc_1", name: "get_weather", args: { city: "Paris" } }, thoughtSignature: "c2ln" }] },
        { role: "user", parts: [{ functionResponse: { id: "fc_1", name: "get_weather", response: { output: "18C" } } }] },
      ],
      config: {
        systemInstruction: "Be brief.",
        temperature: 0.3,
        topK: 20,
        maxOutputTokens: 300,
        stopSequences: ["##"],
        tools: [
          {
            functionDeclarations: [
              {
                name: "get_weather",
                description: "Weather for a city",
                parameters: { type: Type.OBJECT, properties: { city: { type: Type.STRING } }, required: ["city"] },
              },
            ],
          },
          { googleSearch: {} },
        ],
        toolConfig: { functionCallingConfig: { mode: "AUTO" as never } },
        thinkingConfig: { thinkingBudget: 256, includeThoughts: true },
        safetySettings: [{ category: "HARM_CATEGORY_HARASSMENT" as never, threshold: "BLOCK_NONE" as never }],
      },
    });
    const sent = server.requests.at(-1);
    assert.ok(sent);
    const decoded = dialect.decodeRequest(sent.body, urlContext(sent.url));
    assert.deepEqual(decoded.warnings, []);
    const request = decoded.value;
    assert.deepEqual([request.model, request.stream], ["gemini-2.5-flash", false]);
    assert.deepEqual(request.system, [{ type: "text", text: "Be brief." }]);
    assert.deepEqual(viaWire(request.messages.map((message) => [message.role, message.content.map((part) => part.type)])), [
      ["user", ["text", "image"]],
      ["assistant", ["tool-call"]],
      ["tool", ["tool-result"]],
    ]);
    const call = request.messages[1]?.content[0];
    assert.deepEqual(call?.type === "tool-call" ? [call.id, call.name, call.arguments] : [], ["fc_1", "get_weather", '{"city":"Paris"}']);
    const result = request.messages[2]?.content[0];
    assert.deepEqual(result?.type === "tool-result" ? [result.toolCallId, result.toolName, result.content] : [], [
      "fc_1",
      "get_weather",
      [{ type: "text", text: '{"output":"18C"}' }],
    ]);
    assert.deepEqual(request.tools?.[0]?.parameters, { type: "object", properties: { city: { type: "string" } }, required: ["city"] });
    assert.deepEqual(request.toolChoice, { type: "auto" });
    assert.deepEqual([request.temperature, request.topK, request.maxOutputTokens, request.stopSequences], [0.3, 20, 300, ["##"]]);
    assert.deepEqual(request.reasoning, { budgetTokens: 256, enabled: true });
    // What the SDK sent comes back out unchanged.
    assert.deepEqual(viaWire(dialect.encodeRequest(viaWire(request)).value), sent.body);
  });

  test("a streaming request with a JSON schema", async () => {
    answer = (_request, reply) => sendStream(reply, dialect.encodeStream(fromArray(eventsFor(responseSamples["text answer"]))));
    await Array.fromAsync(
      await betaClient.models.generateContentStream({
        model: "gemini-2.5-flash",
        contents: "A person, please.",
        config: { responseMimeType: "application/json", responseJsonSchema: { type: "object", properties: { name: { type: "string" } } } },
      }),
    );
    const sent = server.requests.at(-1);
    assert.ok(sent);
    const request = dialect.decodeRequest(sent.body, urlContext(sent.url)).value;
    assert.equal(request.stream, true);
    assert.deepEqual(request.messages, [{ role: "user", content: [{ type: "text", text: "A person, please." }] }]);
    assert.deepEqual(request.responseFormat, {
      type: "json-schema",
      name: "response",
      schema: { type: "object", properties: { name: { type: "string" } } },
    });
  });
});
