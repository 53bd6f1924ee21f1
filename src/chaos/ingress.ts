/**
 * @module
 * The gateway's client faces the scorecard drives: where each dialect's chat endpoint is,
 * what a plain client of that dialect sends (headers and body, encoded by the dialect itself,
 * so the request is exactly what its SDK would put on the wire).
 */
import type { DialectId } from "../core/types/message.ts";
import type { CanonicalRequest } from "../core/types/request.ts";
import type { Dialect } from "../dialects/dialect.ts";
import { getDialect } from "../dialects/registry.ts";

export type IngressId = "openai" | "anthropic" | "gemini";

export const ingressIds: readonly IngressId[] = ["openai", "anthropic", "gemini"];

export interface Ingress {
  id: IngressId;
  dialect: Dialect;
  /** Gateway path prefix in front of the dialect's own request path. */
  prefix: string;
  headers: Record<string, string>;
}

const ingressDialects: Record<IngressId, DialectId> = {
  openai: "openai-chat",
  anthropic: "anthropic-messages",
  gemini: "gemini",
};

const prefixes: Record<IngressId, string> = { openai: "/v1", anthropic: "/anthropic", gemini: "/gemini" };

// Placeholder keys: the gateway never sends them upstream (no passthrough in the scorecard).
const clientHeaders: Record<IngressId, Record<string, string>> = {
  openai: { authorization: "Bearer sk-llmux" },
  anthropic: { "x-api-key": "sk-llmux", "anthropic-version": "2023-06-01" },
  gemini: { "x-goog-api-key": "llmux" },
};

export function getIngress(id: IngressId): Ingress {
  return { id, dialect: getDialect(ingressDialects[id]), prefix: prefixes[id], headers: clientHeaders[id] };
}

export interface ChatCall {
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** The wire request a client of this ingress sends for one prompt. */
export function buildChatCall(ingress: Ingress, options: { model: string; prompt: string; stream: boolean }): ChatCall {
  const request: CanonicalRequest = {
    model: options.model,
    messages: [{ role: "user", content: [{ type: "text", text: options.prompt }] }],
    maxOutputTokens: 256,
    stream: options.stream,
  };
  // forceStreamUsage asks for usage in the stream, as an accounting-minded client does.
  const body = ingress.dialect.encodeRequest(request, { forceStreamUsage: true }).value;
  return {
    path: `${ingress.prefix}${ingress.dialect.requestPath({ model: options.model, stream: options.stream })}`,
    headers: { "content-type": "application/json", ...ingress.headers },
    body: JSON.stringify(body),
  };
}
