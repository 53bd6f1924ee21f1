/**
 * The encoders against a real client over HTTP, and the decoders against what a real client
 * sends and what a real Ollama server answers. No official Ollama SDK is installed, so
 * `ollama-js-client.ts` stands in for it (same defaults, errors and line reading, but strict).
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { ServerResponse } from "node:http";
import { collectStream } from "../../../src/core/collect-stream.ts";
import { UpstreamError } from "../../../src/core/errors.ts";
import type { CanonicalEvent } from "../../../src/core/types/event.ts";
import type { CanonicalRequest } from "../../../src/core/types/request.ts";
import { ollamaDialect } from "../../../src/dialects/ollama/index.ts";
import { sendJson, sendStream, startTestServer, type RecordedRequest, type TestServer } from "../../support/http-server.ts";
import { eventsFor, requestSamples, responseSamples } from "../samples.ts";
import { fromArray } from "../conformance.ts";
import { readChunksFixture, readJsonFixture } from "./load-fixture.ts";
import { OllamaClient, ResponseError, type ClientChatResponse } from "./ollama-js-client.ts";
import { validateChatRequest } from "./validate-wire.ts";

const overloaded = new UpstreamError({ provider: "p", model: "m-1", kind: "overloaded", message: "upstream overloaded" });

/** What the fake gateway answers, chosen by the model name the client asks for. */
const scenarios: Record<string, (response: ServerResponse) => Promise<void> | void> = {
  "tool-answer": (response) => sendJson(response, 200, ollamaDialect.encodeResponse(responseSamples["tool calls"]).value),
  "tool-stream": (response) =>
    sendStream(response, ollamaDialect.encodeStream(fromArray(eventsFor(responseSamples["tool calls"]))), {
      contentType: ollamaDialect.streamContentType,
    }),
  "reasoning-stream": (response) =>
    sendStream(response, ollamaDialect.encodeStream(fromArray(eventsFor(responseSamples["reasoning and cache usage"]))), {
      contentType: ollamaDialect.streamContentType,
    }),
  "rate-limited": (response) => {
    const { status, body } = ollamaDialect.encodeError(new UpstreamError({ provider: "p", model: "m", kind: "rate-limit", message: "slow down" }));
    sendJson(response, status, body);
  },
  "broken-stream": (response) =>
    sendStream(
      response,
      ollamaDialect.encodeStream(fromArray([...eventsFor(responseSamples["text answer"]).slice(0, -1), { type: "error", error: overloaded }])),
      { contentType: ollamaDialect.streamContentType },
    ),
  "unfinished-stream": (response) =>
    sendStream(response, ollamaDialect.encodeStream(fromArray(eventsFor(responseSamples["text answer"]).slice(0, -1))), {
      contentType: ollamaDialect.streamContentType,
    }),
};

describe("a real Ollama client reads what the encoders produce", () => {
  let server: TestServer;
  let client: OllamaClient;

  before(async () => {
    server = await startTestServer(async (request: RecordedRequest, response) => {
      const model = (request.body as { model?: string } | undefined)?.model ?? "";
      const scenario = request.url === "/api/chat" ? scenarios[model] : undefined;
      if (!scenario) return sendJson(response, 404, { error: `model "${model}" not found, try pulling it first` });
      await scenario(response);
    });
    client = new OllamaClient({ host: server.url });
  });
  after(() => server.close());

  const ask = { messages: [{ role: "user", content: "Weather in Paris?" }] };

  test("a non-streamed answer: text, tool calls with ids, names and object arguments, usage, reason", async () => {
    const answer = await client.chat({ model: "tool-answer", ...ask });
    assert.equal(answer.done, true);
    assert.equal(answer.done_reason, "stop");
    assert.equal(answer.message.content, "Let me check.");
    assert.deepEqual(
      answer.message.tool_calls?.map((call) => [call.id, call.function.name, call.function.arguments]),
      [
        ["call_a", "get_weather", { city: "Paris" }],
        ["call_b", "get_time", { tz: "Europe/Paris" }],
      ],
    );
    assert.equal(answer.prompt_eval_count, 40);
    assert.equal(answer.eval_count, 22);
    // The client sent stream:false (its default), as the real one does.
    assert.equal((server.requests.at(-1)?.body as { stream?: boolean }).stream, false);
  });

  test("a streamed answer: pieces add up, calls arrive whole, the last line is done with usage", async () => {
    const chunks: ClientChatResponse[] = [];
    for await (const chunk of await client.chat({ model: "tool-stream", ...ask, stream: true })) chunks.push(chunk);
    assert.equal(chunks.map((chunk) => chunk.message.content).join(""), "Let me check.");
    assert.deepEqual(
      chunks.flatMap((chunk) => chunk.message.tool_calls ?? []).map((call) => [call.id, call.function.name, call.function.arguments]),
      [
        ["call_a", "get_weather", { city: "Paris" }],
        ["call_b", "get_time", { tz: "Europe/Paris" }],
      ],
    );
    const last = chunks.at(-1);
    assert.equal(last?.done, true);
    assert.equal(last?.done_reason, "stop");
    assert.equal(last?.prompt_eval_count, 40);
    assert.equal(last?.eval_count, 22);
    assert.equal(chunks.filter((chunk) => chunk.done).length, 1);
  });

  test("streamed thinking arrives in message.thinking before the content", async () => {
    const chunks: ClientChatResponse[] = [];
    for await (const chunk of await client.chat({ model: "reasoning-stream", ...ask, stream: true })) chunks.push(chunk);
    assert.equal(chunks.map((chunk) => chunk.message.thinking ?? "").join(""), "Think first.");
    assert.equal(chunks.map((chunk) => chunk.message.content).join(""), "391");
    assert.ok(chunks.findIndex((chunk) => chunk.message.thinking) < chunks.findIndex((chunk) => chunk.message.content !== ""));
  });

  test("an encoded error becomes the client's ResponseError with the status and message", async () => {
    await assert.rejects(client.chat({ model: "rate-limited", ...ask }), (error: unknown) => {
      assert.ok(error instanceof ResponseError);
      assert.equal(error.status_code, 429);
      assert.equal(error.error, "slow down");
      return true;
    });
  });

  test("an in-stream error makes the client's iteration throw, after the text so far", async () => {
    let text = "";
    await assert.rejects(
      (async () => {
        for await (const chunk of await client.chat({ model: "broken-stream", ...ask, stream: true })) text += chunk.message.content;
      })(),
      (error: unknown) => error instanceof Error && !(error instanceof ResponseError) && error.message === "upstream overloaded",
    );
    assert.equal(text, "Hi! How can I help?");
  });

  test("a stream the gateway could not finish makes the client throw too", async () => {
    await assert.rejects(async () => {
      for await (const _chunk of await client.chat({ model: "unfinished-stream", ...ask, stream: true })) {
        // drain
      }
    }, /ended before the response finished/);
  });
});

describe("decodeRequest reads what a real Ollama client sends", () => {
  test("messages with raw image bytes, tools and a tool loop, captured over HTTP", async () => {
    const upstream = await startTestServer((_request, response) =>
      sendJson(response, 200, readJsonFixture("response-text.json")),
    );
    try {
      const client = new OllamaClient({ host: upstream.url });
      const png = Buffer.from(pngData(), "base64");
      await client.chat({
        model: "llava",
        messages: [
          { role: "system", content: "Be brief." },
          { role: "user", content: "What is this?", images: [new Uint8Array(png)] },
          { role: "assistant", content: "", tool_calls: [{ function: { name: "lookup", arguments: { q: "pixel" } } }] },
          { role: "tool", content: "a single pixel", tool_name: "lookup" },
        ],
        tools: [{ type: "function", function: { name: "lookup", description: "Search", parameters: { type: "object", properties: { q: { type: "string" } } } } }],
        options: { temperature: 0.2, num_ctx: 4096 },
        think: false,
      });
      const sent = upstream.requests[0];
      assert.equal(sent?.url, "/api/chat");
      assert.deepEqual(validateChatRequest(sent?.body), []);
      const { value, warnings } = ollamaDialect.decodeRequest(sent?.body);
      assert.deepEqual(warnings, []);
      assert.equal(value.stream, false);
      assert.deepEqual(value.system, [{ type: "text", text: "Be brief." }]);
      assert.deepEqual(value.messages[0]?.content[1], { type: "image", source: { kind: "base64", mediaType: "image/png", data: pngData() } });
      assert.deepEqual(value.messages[2], {
        role: "tool",
        content: [{ type: "tool-result", toolCallId: "call_m2_0", toolName: "lookup", content: [{ type: "text", text: "a single pixel" }] }],
      });
      assert.equal(value.tools?.[0]?.name, "lookup");
      assert.equal(value.temperature, 0.2);
      assert.deepEqual(value.reasoning, { enabled: false });
      assert.deepEqual(value.extras, { ollama: { options: { num_ctx: 4096 } } });
    } finally {
      await upstream.close();
    }
  });
});

function pngData(): string {
  const part = requestSamples["image as base64"].messages[0]?.content[1];
  return part?.type === "image" && part.source.kind === "base64" ? part.source.data : "";
}

describe("the router's side: encodeRequest to a fake Ollama server, its answers decoded", () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer(async (request, response) => {
      const body = request.body as { model: string; stream: boolean };
      if (body.model === "missing") return sendJson(response, 404, { error: `model "missing" not found, try pulling it first` });
      if (!body.stream) return sendJson(response, 200, readJsonFixture("response-tool-calls.json"));
      const wire = readChunksFixture(body.model === "cut" ? "stream-mid-error.chunks.txt" : "stream-tool-calls.chunks.txt");
      // Delivered in small pieces, as TCP may.
      await sendStream(response, wire.match(/[\s\S]{1,23}/g) ?? [], { contentType: "application/x-ndjson" });
    });
  });
  after(() => server.close());

  async function call(request: CanonicalRequest): Promise<Response> {
    const { value, warnings } = ollamaDialect.encodeRequest(request);
    assert.deepEqual(warnings, []);
    assert.deepEqual(validateChatRequest(value), []);
    return fetch(`${server.url}${ollamaDialect.requestPath(request)}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(value),
    });
  }

  test("a streamed answer decodes to the calls, usage and finish", async () => {
    const response = await call({ ...requestSamples["tools, parallel calls and results"], stream: true, toolChoice: undefined });
    assert.ok(response.body);
    const answer = await collectStream(ollamaDialect.decodeStream(response.body));
    assert.deepEqual(
      answer.content.map((part) => (part.type === "tool-call" ? part.name : part.type)),
      ["text", "get_weather", "get_time"],
    );
    assert.equal(answer.finishReason.unified, "tool-calls");
    assert.equal(answer.usage.inputTokens, 214);
    assert.equal((server.requests.at(-1)?.body as { stream: boolean }).stream, true);
  });

  test("a non-streamed answer decodes the same way", async () => {
    const response = await call(requestSamples["plain text"]);
    const { value } = ollamaDialect.decodeResponse(await response.json());
    assert.equal(value.finishReason.unified, "tool-calls");
    assert.equal(value.usage.outputTokens, 63);
  });

  test("a stream cut by an error line decodes to a terminal error event", async () => {
    const response = await call({ ...requestSamples["plain text"], model: "cut", stream: true });
    assert.ok(response.body);
    const events: CanonicalEvent[] = await Array.fromAsync(ollamaDialect.decodeStream(response.body));
    assert.equal(events.at(-1)?.type, "error");
  });

  test("an error answer is classified from status and body", async () => {
    const response = await call({ ...requestSamples["plain text"], model: "missing" });
    const classification = ollamaDialect.decodeError({ status: response.status, body: await response.json() });
    assert.equal(classification.kind, "not-found");
    assert.match(classification.message, /try pulling it first/);
  });
});
