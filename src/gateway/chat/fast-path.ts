/**
 * @module
 * The fast path: when the client and the upstream speak the same dialect, the client's own
 * body goes upstream with only the model changed, and the upstream's answer comes back as
 * it was sent (forward-response.ts, forward-stream.ts). This module holds what both share:
 * the request, where dialects differ (adapters), and the send.
 */
import type { DialectId } from "../../core/types/message.ts";
import type { Usage, Warning } from "../../core/types/response.ts";
import type { StreamCollector } from "../../core/collect-stream.ts";
import type { Dialect } from "../../dialects/dialect.ts";
import type { UpstreamResponse } from "../../providers/http-client.ts";
import type { Candidate } from "../../routing/candidate.ts";
import { sendToProvider, type UpstreamCall } from "../../routing/call-upstream.ts";
import { stripFallbackFields } from "./request-fallbacks.ts";

export interface FastPathRequest {
  dialect: Dialect;
  /** The client's wire body as parsed. */
  body: Record<string, unknown>;
  stream: boolean;
  /** Did the client ask for usage in its stream (OpenAI `stream_options.include_usage`)? */
  clientWantsStreamUsage: boolean;
  /** Client headers worth passing on (e.g. `anthropic-beta`). */
  headers: Record<string, string>;
  /** Prices usage as the candidate that served it charges. */
  costOf: (usage: Usage, candidate: Candidate) => number | undefined;
}

export interface ForwardedResponse {
  /** What the upstream reported (figures undefined where it reported none). */
  usage: Usage;
  /** The answer's text and tool arguments, for estimating usage the upstream did not report. */
  outputText(): string;
  /** The body to send the client. */
  bodyText: string;
  warnings: Warning[];
}

export interface ForwardedStream {
  /** Frames for the client: buffered ones first, then the rest as they arrive. */
  frames: AsyncIterable<string>;
  collector: StreamCollector;
  ttftMs: number | undefined;
  warnings: Warning[];
  cancel(): void;
}

/** Where each dialect differs on the fast path. Data, not branches. */
export interface FastPathAdapter {
  /** False where the model is in the URL (Gemini). */
  modelInBody: boolean;
  /** Body changes so the gateway can account for a stream (OpenAI: ask for usage). */
  forStream?(body: Record<string, unknown>): Record<string, unknown>;
  /** Rewrites a stream frame's data for the client; null drops it. */
  rewriteFrame?(data: string, context: { wantsUsage: boolean; cost: () => number | undefined }): string | null;
  /** Rewrites a whole JSON body (its text, and the same body parsed) for the client. */
  rewriteBody?(text: string, body: Record<string, unknown>, cost: number | undefined): string;
}

/** OpenAI-style clients (OpenRouter's convention) read the cost from `usage.cost`. */
const openaiAdapter: FastPathAdapter = {
  modelInBody: true,
  forStream(body) {
    const options = typeof body["stream_options"] === "object" && body["stream_options"] !== null ? (body["stream_options"] as Record<string, unknown>) : {};
    return { ...body, stream_options: { ...options, include_usage: true } };
  },
  rewriteFrame(data, context) {
    // The usage chunk is the one with `choices: []`; it is rare, so test cheaply first.
    if (!data.includes('"choices":[]') || !data.includes('"usage"')) return data;
    if (!context.wantsUsage) return null;
    const cost = context.cost();
    if (cost === undefined) return data;
    const chunk = JSON.parse(data) as { usage?: Record<string, unknown> };
    if (chunk.usage) chunk.usage["cost"] = cost;
    return JSON.stringify(chunk);
  },
  rewriteBody(text, body, cost) {
    const usage = body["usage"];
    if (cost === undefined || typeof usage !== "object" || usage === null) return text;
    // Insert the cost into the text rather than re-serialise the answer: the body stays as the
    // upstream wrote it. A quote cannot stand unescaped inside a JSON string, so `"usage":{`
    // found in the text is a key; the top-level one comes last in OpenAI's answers.
    const at = text.lastIndexOf('"usage":{');
    if (at === -1 || "cost" in usage) return JSON.stringify({ ...body, usage: { ...(usage as Record<string, unknown>), cost } });
    const open = at + '"usage":{'.length;
    const empty = text[open] === "}";
    return `${text.slice(0, open)}"cost":${cost}${empty ? "" : ","}${text.slice(open)}`;
  },
};

export const fastPathAdapters: Record<DialectId, FastPathAdapter> = {
  "openai-chat": openaiAdapter,
  "anthropic-messages": { modelInBody: true },
  gemini: { modelInBody: false },
  ollama: { modelInBody: true },
};

function upstreamBody(request: FastPathRequest, upstreamModel: string): Record<string, unknown> {
  const adapter = fastPathAdapters[request.dialect.id];
  let body = stripFallbackFields(request.body);
  if (adapter.modelInBody && body["model"] !== upstreamModel) body = { ...body, model: upstreamModel };
  if (request.stream && adapter.forStream) body = adapter.forStream(body);
  return body;
}

/** Sends the client's own body to the candidate (no async frame of its own: callers await the send). */
export function sendForwarded(call: UpstreamCall, request: FastPathRequest): Promise<{ response: UpstreamResponse }> {
  return sendToProvider(call, {
    path: request.dialect.requestPath({ model: call.candidate.upstreamModel, stream: request.stream }),
    body: upstreamBody(request, call.candidate.upstreamModel),
    stream: request.stream,
    dialect: request.dialect,
    headers: request.headers,
  });
}
