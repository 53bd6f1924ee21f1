/**
 * A stand-in for the official `ollama` JS client (not among the devDependencies): the same
 * request defaults, error handling and NDJSON reading as its `chat()` (ollama-js
 * `src/browser.ts`, `src/utils.ts`), made strict: a line that is not JSON, or an object that
 * is not a valid Ollama chat response, fails loudly instead of being skipped.
 */
import { validateChatResponse } from "./validate-wire.ts";

/** ollama-js `ResponseError`: the `error` field of the body, and the HTTP status. */
export class ResponseError extends Error {
  readonly error: string;
  readonly status_code: number;
  constructor(error: string, statusCode: number) {
    super(error);
    this.name = "ResponseError";
    this.error = error;
    this.status_code = statusCode;
  }
}

/** Raised when our encoder produced something a real client would misread. */
export class WireShapeError extends Error {
  override name = "WireShapeError";
}

export interface ClientToolCall {
  id?: string;
  function: { index?: number; name: string; arguments: Record<string, unknown> };
}

export interface ClientMessage {
  role: string;
  content: string;
  thinking?: string;
  images?: Array<Uint8Array | string>;
  tool_calls?: ClientToolCall[];
  tool_name?: string;
}

export interface ClientChatRequest {
  model: string;
  messages: ClientMessage[];
  stream?: boolean;
  tools?: unknown[];
  format?: string | Record<string, unknown>;
  options?: Record<string, unknown>;
  keep_alive?: string | number;
  think?: boolean | string;
}

export interface ClientChatResponse {
  id?: string;
  model: string;
  created_at: string;
  message: { role: string; content: string; thinking?: string; tool_calls?: ClientToolCall[] };
  done: boolean;
  done_reason?: string;
  prompt_eval_count?: number;
  eval_count?: number;
  total_duration?: number;
}

function checkShape(value: unknown): ClientChatResponse {
  const problems = validateChatResponse(value);
  if (problems.length > 0) throw new WireShapeError(`not a valid Ollama chat response: ${problems.join("; ")}`);
  return value as ClientChatResponse;
}

async function checkOk(response: Response): Promise<void> {
  if (response.ok) return;
  let message = `Error ${response.status}: ${response.statusText}`;
  if (response.headers.get("content-type")?.includes("application/json")) {
    const data = (await response.json()) as { error?: string };
    message = data.error || message;
  } else {
    message = (await response.text()) || message;
  }
  throw new ResponseError(message, response.status);
}

async function* parseLines(body: ReadableStream<Uint8Array>): AsyncGenerator<Record<string, unknown>> {
  const decoder = new TextDecoder("utf-8");
  let buffer = "";
  const parse = (part: string): Record<string, unknown> => {
    try {
      return JSON.parse(part) as Record<string, unknown>;
    } catch {
      throw new WireShapeError(`invalid json line: ${part}`);
    }
  };
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    const parts = buffer.split("\n");
    buffer = parts.pop() ?? "";
    for (const part of parts) if (part !== "") yield parse(part);
  }
  for (const part of buffer.split("\n").filter((piece) => piece !== "")) yield parse(part);
}

async function* iterateChat(body: ReadableStream<Uint8Array>): AsyncGenerator<ClientChatResponse> {
  for await (const message of parseLines(body)) {
    if ("error" in message) throw new Error(String(message["error"]));
    const chunk = checkShape(message);
    yield chunk;
    if (chunk.done) return;
  }
  throw new Error("Did not receive done or success response in stream.");
}

function encodeImage(image: Uint8Array | string): string {
  return typeof image === "string" ? image : Buffer.from(image).toString("base64");
}

export class OllamaClient {
  private readonly host: string;
  constructor(options: { host: string }) {
    this.host = options.host;
  }

  chat(request: ClientChatRequest & { stream: true }): Promise<AsyncIterable<ClientChatResponse>>;
  chat(request: ClientChatRequest & { stream?: false }): Promise<ClientChatResponse>;
  async chat(request: ClientChatRequest): Promise<ClientChatResponse | AsyncIterable<ClientChatResponse>> {
    for (const message of request.messages) if (message.images) message.images = message.images.map(encodeImage);
    // ollama-js sends `stream: false` when the caller leaves it out (the server would stream).
    request.stream = request.stream ?? false;
    const response = await fetch(`${this.host}/api/chat`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json", "User-Agent": "ollama-js/0.6.0 (x64 linux Node.js/v24)" },
      body: JSON.stringify(request),
    });
    await checkOk(response);
    if (request.stream) {
      if (!response.body) throw new Error("Missing body");
      return iterateChat(response.body);
    }
    return checkShape(await response.json());
  }
}
