/**
 * @module
 * The demo's clients: plain `fetch` speaking the same wire protocols as the official SDKs,
 * reading back the answer and the `x-llmux-*` route headers.
 */
import { isRecord } from "../../dialects/internal/json.ts";
import { parseSse } from "../../dialects/sse.ts";

/** What the gateway says about how it served a request. */
export interface RouteHeaders {
  provider: string | undefined;
  model: string | undefined;
  routeMode: string | undefined;
  fallbackReason: string | undefined;
  attempts: string | undefined;
}

export interface Exchange {
  status: number;
  route: RouteHeaders;
  body: unknown;
}

export interface StreamExchange {
  status: number;
  route: RouteHeaders;
  /** Text deltas received, in order. */
  text: string;
  /** The in-stream error event's message, when the stream ended with one. */
  error: string | undefined;
  /** Whether the `[DONE]` end marker arrived. */
  done: boolean;
}

function readRouteHeaders(headers: Headers): RouteHeaders {
  const read = (name: string): string | undefined => headers.get(`x-llmux-${name}`) ?? undefined;
  return { provider: read("provider"), model: read("model"), routeMode: read("route-mode"), fallbackReason: read("fallback-reason"), attempts: read("attempts") };
}

export async function postJson(url: string, body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Exchange> {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = text;
  }
  return { status: response.status, route: readRouteHeaders(response.headers), body: parsed };
}

/** An OpenAI Chat Completions stream, read the way the OpenAI SDK reads it. */
export async function postOpenAIStream(url: string, body: Record<string, unknown>): Promise<StreamExchange> {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ ...body, stream: true }) });
  const exchange: StreamExchange = { status: response.status, route: readRouteHeaders(response.headers), text: "", error: undefined, done: false };
  if (!response.body) return exchange;
  try {
    for await (const event of parseSse(response.body)) {
      if (event.data === "[DONE]") {
        exchange.done = true;
        continue;
      }
      const chunk: unknown = JSON.parse(event.data);
      if (!isRecord(chunk)) continue;
      // The SDK throws on any data object carrying `error`: the stream's clean error end.
      if (isRecord(chunk["error"])) exchange.error = String(chunk["error"]["message"] ?? "error");
      const choices = chunk["choices"];
      const delta = Array.isArray(choices) && isRecord(choices[0]) ? choices[0]["delta"] : undefined;
      if (isRecord(delta) && typeof delta["content"] === "string") exchange.text += delta["content"];
    }
  } catch (error) {
    exchange.error ??= `the connection broke: ${error instanceof Error ? error.message : String(error)}`;
  }
  return exchange;
}

/** The answer text of an Anthropic Messages or OpenAI Chat Completions body. */
export function readAnswerText(body: unknown): string {
  if (!isRecord(body)) return String(body);
  const content = body["content"];
  if (Array.isArray(content)) return content.map((block) => (isRecord(block) && typeof block["text"] === "string" ? block["text"] : "")).join("");
  const choices = body["choices"];
  const message = Array.isArray(choices) && isRecord(choices[0]) ? choices[0]["message"] : undefined;
  if (isRecord(message) && typeof message["content"] === "string") return message["content"];
  const error = body["error"];
  return isRecord(error) ? `error: ${String(error["message"])}` : JSON.stringify(body);
}
