/**
 * A minimal translating gateway for the response-direction cells: it takes an official
 * SDK's request in dialect A, sends it to a simulated upstream in dialect B, and answers
 * with B's reply re-encoded in A (B.decodeResponse → A.encodeResponse, or B.decodeStream →
 * A.encodeStream, frame by frame). It records the warnings of every translation step (a
 * stream's through the encoder's `onWarning`) and B's answer in canonical form.
 */
import type { ServerResponse } from "node:http";
import { StreamCollector } from "../../../src/core/collect-stream.ts";
import { UpstreamError } from "../../../src/core/errors.ts";
import type { CanonicalEvent } from "../../../src/core/types/event.ts";
import type { DialectId } from "../../../src/core/types/message.ts";
import type { CanonicalResponse, Warning } from "../../../src/core/types/response.ts";
import type { Dialect, RequestDecodeContext } from "../../../src/dialects/dialect.ts";
import { getDialect } from "../../../src/dialects/registry.ts";
import type { SimulatedProvider } from "../../../src/simulator/index.ts";
import { authHeaders } from "../../simulator/sim-client.ts";
import { sendJson, startTestServer, type RecordedRequest } from "../../support/http-server.ts";
import { conversation } from "./conversation.ts";

export interface Exchange {
  warnings: Warning[];
  /** B's answer in canonical form (collected from the events for a stream). */
  response: CanonicalResponse | undefined;
}

export interface TranslatingProxy {
  /** Base URL for A's SDK, in the provider-table convention. */
  url: string;
  exchanges: Exchange[];
  close(): Promise<void>;
}

const geminiPath = /^\/(?:v1beta|v1)\/models\/([^/:]+):(generateContent|streamGenerateContent)/;

function readDecodeContext(ingress: DialectId, request: RecordedRequest): RequestDecodeContext {
  if (ingress !== "gemini") return {};
  const match = geminiPath.exec(request.url);
  if (!match) throw new Error(`not a Gemini call: ${request.url}`);
  return { model: decodeURIComponent(match[1] ?? ""), stream: match[2] === "streamGenerateContent" };
}

function clientWantsUsage(body: unknown): boolean {
  const options = typeof body === "object" && body !== null ? (body as { stream_options?: { include_usage?: boolean } }).stream_options : undefined;
  return options?.include_usage === true;
}

async function* tap(events: AsyncIterable<CanonicalEvent>, collector: StreamCollector): AsyncGenerator<CanonicalEvent> {
  for await (const event of events) {
    collector.push(event);
    yield event;
  }
}

async function forward(ingress: Dialect, upstream: SimulatedProvider, request: RecordedRequest, reply: ServerResponse, exchange: Exchange): Promise<void> {
  const target = getDialect(upstream.dialect);
  const decoded = ingress.decodeRequest(request.body, readDecodeContext(ingress.id, request));
  exchange.warnings.push(...decoded.warnings);
  const canonical = { ...decoded.value, model: conversation.model[upstream.dialect] };
  const encoded = target.encodeRequest(canonical, { forceStreamUsage: true });
  exchange.warnings.push(...encoded.warnings);
  const answer = await fetch(`${upstream.url}${target.requestPath(canonical)}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...authHeaders(upstream.dialect) },
    body: JSON.stringify(encoded.value),
  });
  if (!answer.ok) {
    const body = (await answer.json()) as unknown;
    const failure = target.decodeError({ status: answer.status, headers: Object.fromEntries(answer.headers), body });
    const error = new UpstreamError({ provider: "simulator", model: canonical.model, status: answer.status, ...failure });
    const encodedError = ingress.encodeError(error);
    sendJson(reply, encodedError.status, encodedError.body);
    return;
  }
  if (!canonical.stream) {
    const response = target.decodeResponse(await answer.json());
    exchange.warnings.push(...response.warnings);
    exchange.response = response.value;
    const out = ingress.encodeResponse(response.value);
    exchange.warnings.push(...out.warnings);
    sendJson(reply, 200, out.value);
    return;
  }
  const collector = new StreamCollector();
  reply.writeHead(200, { "content-type": ingress.streamContentType, "cache-control": "no-cache" });
  const events = tap(target.decodeStream(answer.body ?? new ReadableStream()), collector);
  const options = { includeUsage: clientWantsUsage(request.body), model: canonical.model, onWarning: (warning: Warning) => exchange.warnings.push(warning) };
  for await (const frame of ingress.encodeStream(events, options)) reply.write(frame);
  reply.end();
  exchange.response = collector.response;
}

export async function startTranslatingProxy(ingressId: DialectId, upstream: SimulatedProvider): Promise<TranslatingProxy> {
  const ingress = getDialect(ingressId);
  const exchanges: Exchange[] = [];
  const server = await startTestServer(async (request, reply) => {
    const exchange: Exchange = { warnings: [], response: undefined };
    exchanges.push(exchange);
    await forward(ingress, upstream, request, reply, exchange);
  });
  return {
    url: ingressId === "openai-chat" ? `${server.url}/v1` : server.url,
    exchanges,
    close: () => server.close(),
  };
}
