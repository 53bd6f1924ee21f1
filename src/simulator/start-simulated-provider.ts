/**
 * @module
 * A local fake LLM provider speaking one vendor's wire format exactly (node:http only).
 * Answers are produced by the dialect's own encoders, so the simulator is exactly as
 * faithful as they are; requests are checked by strict validators the way the vendor
 * checks them. A script decides each generation request's answer (see behaviour.ts).
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { estimateInputTokens } from "../core/estimate-tokens.ts";
import { InvalidRequestError, NotFoundError, UnauthorizedError, toLlmuxError } from "../core/errors.ts";
import type { DialectId } from "../core/types/message.ts";
import type { Dialect } from "../dialects/dialect.ts";
import { getDialect } from "../dialects/registry.ts";
import { answerGeneration } from "./answer-generation.ts";
import { pickBehaviour, type Script, type SimulatedEndpoint, type SimulatedProviderOptions, type SimulatedRequest } from "./behaviour.ts";
import { answerEmbeddings, defaultModels, listModels } from "./catalog-answers.ts";
import { isRecord } from "./check-value.ts";
import { encodeErrorAnswer } from "./failure-answer.ts";
import { matchRoute } from "./match-route.ts";
import { readApiKey, type RequestHeaders } from "./request-headers.ts";
import { sendJson } from "./send-json.ts";
import { validateRequest } from "./validate-request.ts";

export interface SimulatedProvider {
  dialect: DialectId;
  /** Base URL in the provider-table convention: `…/v1` for openai-chat, the bare origin otherwise. */
  url: string;
  /** The bare origin, e.g. `http://127.0.0.1:41234`. */
  origin: string;
  /** Every request received, in order. */
  requests: SimulatedRequest[];
  /** Requests received per endpoint. */
  counts: Record<SimulatedEndpoint, number>;
  /** Requests received for one endpoint, or for all generation endpoints when none is named. */
  count(endpoint?: SimulatedEndpoint): number;
  /** Replaces the script; the ordinal the script sees starts again at 0. */
  setScript(script: Script | undefined): void;
  close(): Promise<void>;
}

const generationEndpoints: ReadonlySet<SimulatedEndpoint> = new Set(["chat-completions", "messages", "generate-content", "stream-generate-content", "chat"]);

function createCounts(): Record<SimulatedEndpoint, number> {
  return {
    "chat-completions": 0,
    embeddings: 0,
    messages: 0,
    "count-tokens": 0,
    "generate-content": 0,
    "stream-generate-content": 0,
    chat: 0,
    models: 0,
    unknown: 0,
  };
}

async function readBody(incoming: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function parseJson(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isStreaming(dialect: DialectId, endpoint: SimulatedEndpoint, body: unknown): boolean {
  if (dialect === "gemini") return endpoint === "stream-generate-content";
  const stream = isRecord(body) ? body["stream"] : undefined;
  // Ollama streams unless told not to (protocols.md 4).
  return dialect === "ollama" ? endpoint === "chat" && stream !== false : stream === true;
}

function vendorHeaders(dialect: DialectId): Record<string, string> {
  const id = `req_sim${randomUUID().replaceAll("-", "").slice(0, 20)}`;
  if (dialect === "openai-chat") return { "x-request-id": id, "openai-version": "2020-10-01" };
  if (dialect === "anthropic-messages") return { "request-id": id };
  return {};
}

function recordRequest(dialect: DialectId, incoming: IncomingMessage, bodyText: string): SimulatedRequest {
  const url = new URL(incoming.url ?? "/", "http://simulator.local");
  const method = incoming.method ?? "GET";
  const route = matchRoute(dialect, method, url.pathname);
  const endpoint = route?.endpoint ?? "unknown";
  const body = parseJson(bodyText);
  const bodyModel = isRecord(body) && typeof body["model"] === "string" ? body["model"] : undefined;
  return {
    method,
    path: url.pathname,
    url: incoming.url ?? "/",
    query: Object.fromEntries(url.searchParams),
    headers: incoming.headers as RequestHeaders,
    bodyText,
    body,
    endpoint,
    model: route?.model ?? bodyModel,
    stream: isStreaming(dialect, endpoint, body),
  };
}

interface ProviderState {
  dialect: Dialect;
  options: SimulatedProviderOptions;
  script: Script | undefined;
  /** Generation requests since the script was set: what the script sees. */
  scriptIndex: number;
  /** Generation requests since the start: keeps answer ids unique. */
  serial: number;
}

function answerCatalog(state: ProviderState, request: SimulatedRequest, response: ServerResponse, headers: Record<string, string>): void {
  const { dialect } = state;
  const models = state.options.models ?? defaultModels[dialect.id];
  if (request.endpoint === "models") {
    sendJson(response, 200, listModels(dialect.id, models), headers);
    return;
  }
  if (request.endpoint === "embeddings") {
    const answer = answerEmbeddings(request.body);
    if (answer !== undefined) sendJson(response, 200, answer, headers);
    else sendJson(response, 400, dialect.encodeError(new InvalidRequestError("'input' and 'model' are required", { param: "input" })).body, headers);
    return;
  }
  // count-tokens
  const problems = validateRequest({ dialect: dialect.id, body: request.body, headers: request.headers, countTokens: true });
  if (problems.length > 0) {
    const answer = encodeErrorAnswer(dialect, new InvalidRequestError(problems.join("; ")));
    sendJson(response, answer.status, answer.body, headers);
    return;
  }
  try {
    const canonical = dialect.decodeRequest(request.body, { stream: false }).value;
    sendJson(response, 200, { input_tokens: estimateInputTokens(canonical) }, headers);
  } catch (error) {
    const answer = encodeErrorAnswer(dialect, toLlmuxError(error));
    sendJson(response, answer.status, answer.body, headers);
  }
}

export async function startSimulatedProvider(options: SimulatedProviderOptions): Promise<SimulatedProvider> {
  const state: ProviderState = { dialect: getDialect(options.dialect), options, script: options.script, scriptIndex: 0, serial: 0 };
  const requests: SimulatedRequest[] = [];
  const counts = createCounts();

  const handle = async (incoming: IncomingMessage, response: ServerResponse): Promise<void> => {
    const closed = new Promise<void>((resolve) => response.once("close", () => resolve()));
    const request = recordRequest(options.dialect, incoming, await readBody(incoming));
    requests.push(request);
    counts[request.endpoint] += 1;
    const headers = vendorHeaders(options.dialect);
    const reject = (error: Parameters<typeof encodeErrorAnswer>[1]): void => {
      const answer = encodeErrorAnswer(state.dialect, error);
      sendJson(response, answer.status, answer.body, headers);
    };
    if (request.endpoint === "unknown") return reject(new NotFoundError(`Invalid URL (${request.method} ${request.path})`));
    if (options.apiKeys !== undefined && !options.apiKeys.includes(readApiKey(options.dialect, request.headers, request.query) ?? "")) {
      return reject(new UnauthorizedError("Incorrect API key provided."));
    }
    if (request.bodyText !== "" && request.body === undefined) {
      return reject(new InvalidRequestError("We could not parse the JSON body of your request."));
    }
    if (!generationEndpoints.has(request.endpoint)) return answerCatalog(state, request, response, headers);
    const behaviour = pickBehaviour(state.script, request, state.scriptIndex++);
    const serial = state.serial++;
    await answerGeneration({ dialect: state.dialect, request, behaviour, serial, models: options.models, response, closed, vendorHeaders: headers });
  };

  const server = createServer((incoming, response) => {
    handle(incoming, response).catch((error: unknown) => {
      if (!response.headersSent) {
        const answer = encodeErrorAnswer(state.dialect, toLlmuxError(error));
        sendJson(response, 500, answer.body);
      } else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const origin = `http://${host}:${address.port}`;

  return {
    dialect: options.dialect,
    url: options.dialect === "openai-chat" ? `${origin}/v1` : origin,
    origin,
    requests,
    counts,
    count: (endpoint) => (endpoint === undefined ? [...generationEndpoints].reduce((sum, name) => sum + counts[name], 0) : counts[endpoint]),
    setScript(script) {
      state.script = script;
      state.scriptIndex = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
