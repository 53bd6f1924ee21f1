/**
 * The dialect matrix: every client SDK (OpenAI, Anthropic, Gemini) against every upstream
 * dialect (openai-chat, anthropic-messages, gemini, ollama), streamed or not, plain text or a
 * full tool loop. One test per cell. Same-dialect cells must take the fast path (the client's
 * own body reaches the upstream untouched); the others translate, and the simulator's strict
 * validators answer 400 to anything its vendor would reject.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { DialectId } from "../../../src/core/types/message.ts";
import type { ScriptFunction } from "../../../src/simulator/behaviour.ts";
import { clientDialects, createClient, type Answer, type ClientDialect, type GatewayClient } from "./clients.ts";
import { closeAll, startHarness, type Harness, type UpstreamId } from "./harness.ts";

interface Upstream {
  provider: UpstreamId;
  dialect: DialectId;
  /** What the client asks for (a catalog id). */
  model: string;
  /** What the provider is sent, and so names in its answer. */
  upstreamModel: string;
}

const upstreams: Upstream[] = [
  { provider: "openai", dialect: "openai-chat", model: "gpt-4o-mini", upstreamModel: "gpt-4o-mini" },
  { provider: "anthropic", dialect: "anthropic-messages", model: "claude-haiku-4-5", upstreamModel: "claude-haiku-4-5" },
  { provider: "google", dialect: "gemini", model: "gemini-2.0-flash", upstreamModel: "gemini-2.0-flash" },
  { provider: "ollama", dialect: "ollama", model: "llama-3.2-3b", upstreamModel: "llama3.2:3b" },
];

/** The upstream dialect each client dialect shares (its fast path). */
const ownDialect: Record<ClientDialect, DialectId> = { openai: "openai-chat", anthropic: "anthropic-messages", gemini: "gemini" };

/** A field llmux does not model, per client dialect: it must reach a same-dialect upstream untouched. */
const unmodelled: Record<ClientDialect, Record<string, unknown>> = {
  openai: { service_tier: "flex" },
  anthropic: { metadata: { user_id: "e2e-user-7" }, service_tier: "standard_only" },
  gemini: { safetySettings: [{ category: "HARM_CATEGORY_HARASSMENT", threshold: "BLOCK_ONLY_HIGH" }] },
};

const finishes: Record<ClientDialect, { text: string; tools: string }> = {
  openai: { text: "stop", tools: "tool_calls" },
  anthropic: { text: "end_turn", tools: "tool_use" },
  gemini: { text: "STOP", tools: "STOP" },
};

const usage = { inputTokens: 31, outputTokens: 17 };
const plainText = "Paris is lovely in the spring.";
const finalText = "It is sunny and 22 degrees in Paris.";
const toolOutput = { forecast: "sunny", celsius: 22 };

/** Every upstream answers the same way: a tool call when offered the tool, text after its result. */
const script: ScriptFunction = (request) => {
  if (request.bodyText.includes("sunny")) return { reply: { text: finalText, usage } };
  if (request.bodyText.includes("get_weather")) return { reply: { toolCalls: [{ name: "get_weather", arguments: { city: "Paris", unit: "c" } }], usage } };
  return { reply: { text: plainText, usage } };
};

/** Tool call ids the upstream's own style produces; Gemini sends none, so llmux makes one. */
function checkToolCallId(id: string | undefined, upstream: Upstream, client: ClientDialect): void {
  if (upstream.dialect === "anthropic-messages") assert.match(id ?? "", /^toolu_sim\d+_0$/);
  else if (upstream.dialect === "openai-chat") assert.match(id ?? "", /^call_sim\d+_0$/);
  else if (client !== "gemini") assert.ok(id !== undefined && id !== "", `a ${client} client needs a tool call id`);
}

function checkAnswer(answer: Answer, upstream: Upstream, client: ClientDialect, expected: { text: string; finish: string }): void {
  assert.equal(answer.text, expected.text);
  assert.equal(answer.finish, expected.finish);
  assert.equal(answer.model, upstream.upstreamModel);
  assert.deepEqual(answer.usage, { input: usage.inputTokens, output: usage.outputTokens });
  assert.equal(answer.headers["x-llmux-provider"], upstream.provider);
  assert.equal(answer.headers["x-llmux-model"], upstream.model);
  assert.equal(answer.headers["x-llmux-route-mode"], "direct");
  assert.equal(answer.headers["x-llmux-attempts"], "1");
  assert.match(answer.headers["x-request-id"] ?? "", /^req_/);
  // Catalog peers skipped further down the plan (an Ollama model without tools, say) are no fallback.
  assert.equal(answer.headers["x-llmux-fallback-reason"], undefined);
}

let harness: Harness;
before(async () => {
  harness = await startHarness({ upstreams: Object.fromEntries(upstreams.map((upstream) => [upstream.provider, { script }])) });
});
after(closeAll);

function lastUpstreamBody(upstream: Upstream): Record<string, unknown> {
  const request = harness.sim(upstream.provider).requests.at(-1);
  assert.ok(request, `${upstream.provider} received nothing`);
  return request.body as Record<string, unknown>;
}

/** Fast path: the upstream got exactly the body the SDK sent (Gemini carries the model in the URL). */
function checkForwardedUntouched(client: GatewayClient, upstream: Upstream): void {
  const sent = client.exchanges.at(-1)?.sentBody;
  assert.ok(sent !== undefined);
  const forwarded = lastUpstreamBody(upstream);
  // Byte for byte: a re-encoded body would not keep the SDK's field order.
  assert.equal(harness.sim(upstream.provider).requests.at(-1)?.bodyText, sent);
  for (const [field, value] of Object.entries(unmodelled[client.dialect])) assert.deepEqual(forwarded[field], value, `${field} reached the upstream`);
}

for (const clientDialect of clientDialects) {
  describe(`${clientDialect} client`, () => {
    let client: GatewayClient;
    before(() => {
      client = createClient(clientDialect, { url: harness.url });
    });

    for (const upstream of upstreams) {
      const fastPath = ownDialect[clientDialect] === upstream.dialect;
      const extra = fastPath ? { extra: unmodelled[clientDialect] } : {};
      for (const stream of [false, true]) {
        const mode = stream ? "stream" : "non-stream";

        test(`${clientDialect} client → ${upstream.dialect} upstream, ${mode}, text`, async () => {
          const calls = harness.calls(upstream.provider);
          const answer = await client.ask({ model: upstream.model, stream, ...extra });
          checkAnswer(answer, upstream, clientDialect, { text: plainText, finish: finishes[clientDialect].text });
          assert.equal(harness.calls(upstream.provider), calls + 1);
          if (fastPath) checkForwardedUntouched(client, upstream);
          if (stream) assert.ok(answer.pieces >= 2, `the text arrived in pieces (${answer.pieces})`);
        });

        test(`${clientDialect} client → ${upstream.dialect} upstream, ${mode}, tools`, async () => {
          const first = await client.ask({ model: upstream.model, stream, tools: true, ...extra });
          assert.equal(first.toolCalls.length, 1);
          const call = first.toolCalls[0];
          assert.ok(call);
          assert.equal(call.name, "get_weather");
          assert.deepEqual(call.arguments, { city: "Paris", unit: "c" });
          checkToolCallId(call.id, upstream, clientDialect);
          checkAnswer(first, upstream, clientDialect, { text: "", finish: finishes[clientDialect].tools });
          if (fastPath) checkForwardedUntouched(client, upstream);

          const second = await client.ask({ model: upstream.model, stream, tools: true, toolResult: { call, output: toolOutput }, ...extra });
          checkAnswer(second, upstream, clientDialect, { text: finalText, finish: finishes[clientDialect].text });
          if (fastPath) checkForwardedUntouched(client, upstream);
          // The result went back to the upstream in its own form, tied to the call.
          const body = JSON.stringify(lastUpstreamBody(upstream));
          assert.match(body, /sunny/);
          assert.match(body, /get_weather/);
          if (upstream.dialect === "openai-chat" || upstream.dialect === "anthropic-messages") assert.ok(body.includes(call.id ?? "?"), `the call id ${call.id} reached the upstream`);
        });
      }
    }
  });
}
