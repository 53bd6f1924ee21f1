/**
 * A minimal client for the simulator tests: canonical request → the dialect's own request
 * body and headers → fetch; answers read back with the dialect's decoders.
 */
import type { CanonicalEvent } from "../../src/core/types/event.ts";
import type { DialectId } from "../../src/core/types/message.ts";
import type { CanonicalRequest } from "../../src/core/types/request.ts";
import { getDialect } from "../../src/dialects/registry.ts";
import type { SimulatedProvider } from "../../src/simulator/index.ts";

export const allDialects: DialectId[] = ["openai-chat", "anthropic-messages", "gemini", "ollama"];

export const defaultModel: Record<DialectId, string> = {
  "openai-chat": "gpt-4o-mini",
  "anthropic-messages": "claude-haiku-4-5",
  gemini: "gemini-2.5-flash",
  ollama: "llama3.2",
};

export function authHeaders(dialect: DialectId): Record<string, string> {
  switch (dialect) {
    case "openai-chat":
      return { authorization: "Bearer sk-test" };
    case "anthropic-messages":
      return { "x-api-key": "sk-ant-test", "anthropic-version": "2023-06-01" };
    case "gemini":
      return { "x-goog-api-key": "g-test" };
    case "ollama":
      return {};
  }
}

export interface CallOptions {
  text?: string;
  stream?: boolean;
  model?: string;
  signal?: AbortSignal;
  headers?: Record<string, string>;
  /** Replaces the encoded body. */
  body?: unknown;
}

export function canonicalRequest(dialect: DialectId, options: CallOptions = {}): CanonicalRequest {
  return {
    model: options.model ?? defaultModel[dialect],
    messages: [{ role: "user", content: [{ type: "text", text: options.text ?? "Tell me about the weather in Paris" }] }],
    maxOutputTokens: 256,
    stream: options.stream ?? false,
  };
}

export async function callSimulator(provider: SimulatedProvider, options: CallOptions = {}): Promise<Response> {
  const dialect = getDialect(provider.dialect);
  const request = canonicalRequest(provider.dialect, options);
  const body = options.body ?? dialect.encodeRequest(request, { forceStreamUsage: true }).value;
  const init: RequestInit = {
    method: "POST",
    headers: { "content-type": "application/json", ...authHeaders(provider.dialect), ...options.headers },
    body: JSON.stringify(body),
  };
  if (options.signal !== undefined) init.signal = options.signal;
  return fetch(`${provider.url}${dialect.requestPath(request)}`, init);
}

/** The canonical events of a streamed answer, decoded by the dialect (never throws). */
export async function readEvents(dialectId: DialectId, response: Response): Promise<CanonicalEvent[]> {
  const events: CanonicalEvent[] = [];
  if (response.body === null) throw new Error("no body");
  for await (const event of getDialect(dialectId).decodeStream(response.body)) events.push(event);
  return events;
}

export function textOf(events: CanonicalEvent[]): string {
  return events.map((event) => (event.type === "text-delta" ? event.text : "")).join("");
}
