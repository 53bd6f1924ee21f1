/**
 * Gateway test setup: a real gateway (`startGateway` on port 0, memory usage store, no
 * status source unless given) over fake upstreams that speak the real wire formats, built
 * from YAML config text exactly as a user would write it.
 */
import type { ServerResponse } from "node:http";
import { after } from "node:test";
import { parseConfigText } from "../../src/config/index.ts";
import type { CanonicalResponse } from "../../src/core/types/response.ts";
import { openaiChatDialect } from "../../src/dialects/openai-chat/index.ts";
import { startGateway, type GatewayHandle } from "../../src/gateway/serve.ts";
import type { StatusAPI } from "../../src/status/index.ts";
import { MemoryUsageStore } from "../../src/usage/index.ts";
import { sendJson, startTestServer, type RecordedRequest, type TestServer } from "../support/http-server.ts";

export interface TestGateway extends GatewayHandle {
  usageStore: MemoryUsageStore;
}

/** Starts a gateway from YAML lines; closed after the file's tests. */
export async function startTestGateway(
  lines: readonly string[],
  options: { env?: Record<string, string>; status?: StatusAPI | false; usage?: false } = {},
): Promise<TestGateway> {
  const env = options.env ?? {};
  const { config } = parseConfigText(`${lines.join("\n")}\n`, "llmux.yaml", env);
  const usageStore = new MemoryUsageStore();
  const usage = options.usage === false ? false : usageStore;
  const handle = await startGateway({ config, env, auto: false, port: 0, host: "127.0.0.1", usage, status: options.status ?? false, log: () => undefined });
  after(() => handle.close(1000));
  return { ...handle, usageStore };
}

/** A fake upstream, closed after the file's tests. */
export async function startUpstream(handler: (request: RecordedRequest, response: ServerResponse) => void | Promise<void>): Promise<TestServer> {
  const server = await startTestServer(handler);
  after(() => server.close());
  return server;
}

/** Config lines that keep fault tests fast: no same-candidate retries, long cooldowns. */
export const quickFailureLines = ["retries:", "  maxPerCandidate: 0", "cooldowns:", "  server: 60000", "  overloaded: 60000"];

/** A chat completion as OpenAI sends it, encoded by the dialect itself. */
export function openaiCompletion(model: string, text: string, usage: { input: number; output: number } = { input: 10, output: 5 }): unknown {
  const response: CanonicalResponse = {
    id: "chatcmpl-test",
    model,
    created: 1_732_000_000,
    content: [{ type: "text", text }],
    finishReason: { unified: "stop", raw: "stop" },
    usage: { inputTokens: usage.input, outputTokens: usage.output, cacheReadTokens: undefined, cacheWriteTokens: undefined, reasoningTokens: undefined },
  };
  return openaiChatDialect.encodeResponse(response).value;
}

/** An OpenAI-style upstream: chat answers with the model it was asked for; `fail` picks errors. */
export function openaiUpstreamHandler(fail: (request: RecordedRequest) => { status: number; body: unknown } | undefined = () => undefined) {
  return (request: RecordedRequest, response: ServerResponse): void => {
    const failure = fail(request);
    if (failure) {
      sendJson(response, failure.status, failure.body);
      return;
    }
    const model = (request.body as { model?: string } | undefined)?.model ?? "unknown";
    sendJson(response, 200, openaiCompletion(model, `hello from ${model}`), { "x-request-id": "req_upstream" });
  };
}

export const overloadedBody = { error: { message: "The server is overloaded.", type: "service_unavailable_error", param: null, code: "server_is_overloaded" } };

/** POSTs JSON to the gateway. */
export function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
}

/** A minimal OpenAI chat request. */
export function chatBody(model: string): Record<string, unknown> {
  return { model, messages: [{ role: "user", content: "hi" }] };
}
