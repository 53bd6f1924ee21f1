/**
 * The three official SDKs as gateway clients, behind one small `ask()` so tests can be
 * table-driven over the client dialect. Each client records every HTTP exchange through a
 * fetch hook (the body it sent, the status, headers and the raw bytes it received), so a
 * test can check what went over the wire as well as what the SDK made of it.
 */
import { Anthropic, APIError as AnthropicAPIError } from "@anthropic-ai/sdk";
import { ApiError as GeminiApiError, GoogleGenAI, type Content, type GenerateContentResponse, type Part } from "@google/genai";
import { OpenAI, APIError as OpenAIAPIError } from "openai";

export type ClientDialect = "openai" | "anthropic" | "gemini";

export const clientDialects: readonly ClientDialect[] = ["openai", "anthropic", "gemini"];

export interface ToolCallSeen {
  id: string | undefined;
  name: string;
  arguments: Record<string, unknown>;
}

export interface AskInput {
  model: string;
  stream: boolean;
  prompt?: string;
  /** Offer the `get_weather` tool. */
  tools?: boolean;
  /** Second turn of a tool loop: the assistant's call and the result sent back. */
  toolResult?: { call: ToolCallSeen; output: Record<string, unknown> };
  headers?: Record<string, string>;
  /** Body fields the SDK does not model (OpenAI, Anthropic) or generation config (Gemini). */
  extra?: Record<string, unknown>;
  /** Stop reading the stream after this many content pieces and abort the request. */
  abortAfter?: number;
  /** Called after each content piece of a stream. */
  onPiece?: (index: number) => void;
}

export interface Answer {
  text: string;
  toolCalls: ToolCallSeen[];
  /** The client dialect's own finish reason (`stop`, `end_turn`, `STOP`...). */
  finish: string | undefined;
  model: string | undefined;
  usage: { input: number | undefined; output: number | undefined };
  /** Response headers (lower-case names). */
  headers: Record<string, string>;
  /** Content pieces a stream delivered before it ended or failed. */
  pieces: number;
}

export interface Exchange {
  url: string;
  /** The body the SDK sent. */
  sentBody: string | undefined;
  status: number;
  headers: Record<string, string>;
  /** Everything received (the raw SSE for streams), complete when the body ended or broke. */
  received: Promise<string>;
}

export interface ClientOptions {
  /** The gateway's origin, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** The API key the SDK sends. */
  apiKey?: string;
  /** Path prefix before the dialect's base path, e.g. `/m/cheap`. */
  prefix?: string;
}

export interface GatewayClient {
  dialect: ClientDialect;
  exchanges: Exchange[];
  /** Throws what the SDK throws. */
  ask(input: AskInput): Promise<Answer>;
}

/** A thrown SDK error, reduced to what tests compare across dialects. */
export interface ClientError {
  /** The SDK's error class name (`RateLimitError`, `ApiError`...). */
  className: string;
  status: number | undefined;
  message: string;
  error: unknown;
}

export const weatherTool = {
  name: "get_weather",
  description: "Current weather for a city.",
  parameters: { type: "object", properties: { city: { type: "string" }, unit: { type: "string", enum: ["c", "f"] } }, required: ["city"] },
};

const defaultPrompt = "What is the weather in Paris today?";

function headerRecord(headers: Headers): Record<string, string> {
  return Object.fromEntries([...headers].map(([name, value]) => [name.toLowerCase(), value]));
}

async function readAll(body: ReadableStream<Uint8Array> | null): Promise<string> {
  if (body === null) return "";
  const decoder = new TextDecoder();
  let text = "";
  try {
    for await (const chunk of body) text += decoder.decode(chunk, { stream: true });
  } catch {
    // The connection broke: what arrived is the record.
  }
  return text;
}

function recordingFetch(exchanges: Exchange[]): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    const copy = response.clone();
    exchanges.push({
      url: input instanceof Request ? input.url : String(input),
      sentBody: typeof init?.body === "string" ? init.body : undefined,
      status: response.status,
      headers: headerRecord(response.headers),
      received: readAll(copy.body),
    });
    return response;
  };
}

function parseArguments(text: string): Record<string, unknown> {
  return text === "" ? {} : (JSON.parse(text) as Record<string, unknown>);
}

function createOpenAIClient(options: ClientOptions): GatewayClient {
  const exchanges: Exchange[] = [];
  const client = new OpenAI({
    apiKey: options.apiKey ?? "llmux",
    baseURL: `${options.url}${options.prefix ?? ""}/openai/v1`,
    maxRetries: 0,
    fetch: recordingFetch(exchanges),
  });
  const ask = async (input: AskInput): Promise<Answer> => {
    const messages: OpenAI.ChatCompletionMessageParam[] = [{ role: "user", content: input.prompt ?? defaultPrompt }];
    if (input.toolResult) {
      const { call, output } = input.toolResult;
      messages.push(
        { role: "assistant", content: null, tool_calls: [{ id: call.id ?? "", type: "function", function: { name: call.name, arguments: JSON.stringify(call.arguments) } }] },
        { role: "tool", tool_call_id: call.id ?? "", content: JSON.stringify(output) },
      );
    }
    // Extra fields first: a body re-encoded by llmux would not keep this order.
    const body = {
      ...input.extra,
      model: input.model,
      messages,
      ...(input.tools ? { tools: [{ type: "function" as const, function: weatherTool }] } : {}),
    };
    const controller = new AbortController();
    const requestOptions = { ...(input.headers ? { headers: input.headers } : {}), signal: controller.signal };
    if (!input.stream) {
      const { data, response } = await client.chat.completions.create(body, requestOptions).withResponse();
      const choice = data.choices[0];
      return {
        text: choice?.message.content ?? "",
        toolCalls: (choice?.message.tool_calls ?? []).flatMap((call) =>
          call.type === "function" ? [{ id: call.id, name: call.function.name, arguments: parseArguments(call.function.arguments) }] : [],
        ),
        finish: choice?.finish_reason,
        model: data.model,
        usage: { input: data.usage?.prompt_tokens, output: data.usage?.completion_tokens },
        headers: headerRecord(response.headers),
        pieces: 0,
      };
    }
    const { data, response } = await client.chat.completions
      .create({ ...body, stream: true, stream_options: { include_usage: true } }, requestOptions)
      .withResponse();
    const answer: Answer = { text: "", toolCalls: [], finish: undefined, model: undefined, usage: { input: undefined, output: undefined }, headers: headerRecord(response.headers), pieces: 0 };
    const calls = new Map<number, { id: string | undefined; name: string; text: string }>();
    for await (const chunk of data) {
      answer.model ??= chunk.model;
      if (chunk.usage) answer.usage = { input: chunk.usage.prompt_tokens, output: chunk.usage.completion_tokens };
      const choice = chunk.choices[0];
      if (!choice) continue;
      if (choice.finish_reason) answer.finish = choice.finish_reason;
      if (choice.delta.content) {
        answer.text += choice.delta.content;
        if (countPiece(answer, input, controller)) break;
      }
      for (const fragment of choice.delta.tool_calls ?? []) {
        const call = calls.get(fragment.index) ?? { id: undefined, name: "", text: "" };
        call.id ??= fragment.id;
        call.name += fragment.function?.name ?? "";
        call.text += fragment.function?.arguments ?? "";
        calls.set(fragment.index, call);
      }
    }
    answer.toolCalls = [...calls.values()].map((call) => ({ id: call.id, name: call.name, arguments: parseArguments(call.text) }));
    return answer;
  };
  return { dialect: "openai", exchanges, ask };
}

/** Counts a content piece; true when the test wants to stop reading here. */
function countPiece(answer: Answer, input: AskInput, controller: AbortController): boolean {
  answer.pieces += 1;
  input.onPiece?.(answer.pieces);
  if (input.abortAfter !== undefined && answer.pieces >= input.abortAfter) {
    controller.abort();
    return true;
  }
  return false;
}

function createAnthropicClient(options: ClientOptions): GatewayClient {
  const exchanges: Exchange[] = [];
  const client = new Anthropic({
    apiKey: options.apiKey ?? "llmux",
    baseURL: `${options.url}${options.prefix ?? ""}/anthropic`,
    maxRetries: 0,
    fetch: recordingFetch(exchanges),
  });
  const ask = async (input: AskInput): Promise<Answer> => {
    const messages: Anthropic.MessageParam[] = [{ role: "user", content: input.prompt ?? defaultPrompt }];
    if (input.toolResult) {
      const { call, output } = input.toolResult;
      messages.push(
        { role: "assistant", content: [{ type: "tool_use", id: call.id ?? "", name: call.name, input: call.arguments }] },
        { role: "user", content: [{ type: "tool_result", tool_use_id: call.id ?? "", content: JSON.stringify(output) }] },
      );
    }
    const body = {
      model: input.model,
      max_tokens: 512,
      messages,
      ...(input.tools ? { tools: [{ name: weatherTool.name, description: weatherTool.description, input_schema: weatherTool.parameters as Anthropic.Tool.InputSchema }] } : {}),
      ...input.extra,
    };
    const controller = new AbortController();
    const requestOptions = { ...(input.headers ? { headers: input.headers } : {}), signal: controller.signal };
    if (!input.stream) {
      const { data, response } = await client.messages.create(body, requestOptions).withResponse();
      return {
        text: data.content.map((block) => (block.type === "text" ? block.text : "")).join(""),
        toolCalls: data.content.flatMap((block) => (block.type === "tool_use" ? [{ id: block.id, name: block.name, arguments: block.input as Record<string, unknown> }] : [])),
        finish: data.stop_reason ?? undefined,
        model: data.model,
        usage: { input: data.usage.input_tokens, output: data.usage.output_tokens },
        headers: headerRecord(response.headers),
        pieces: 0,
      };
    }
    const { data, response } = await client.messages.create({ ...body, stream: true }, requestOptions).withResponse();
    const answer: Answer = { text: "", toolCalls: [], finish: undefined, model: undefined, usage: { input: undefined, output: undefined }, headers: headerRecord(response.headers), pieces: 0 };
    const calls = new Map<number, { id: string; name: string; text: string }>();
    for await (const event of data) {
      if (event.type === "message_start") {
        answer.model = event.message.model;
        answer.usage.input = event.message.usage.input_tokens;
      } else if (event.type === "content_block_start" && event.content_block.type === "tool_use") {
        calls.set(event.index, { id: event.content_block.id, name: event.content_block.name, text: "" });
      } else if (event.type === "content_block_delta") {
        if (event.delta.type === "text_delta") {
          answer.text += event.delta.text;
          if (countPiece(answer, input, controller)) break;
        } else if (event.delta.type === "input_json_delta") {
          const call = calls.get(event.index);
          if (call) call.text += event.delta.partial_json;
        }
      } else if (event.type === "message_delta") {
        answer.finish = event.delta.stop_reason ?? undefined;
        answer.usage.output = event.usage.output_tokens;
        if (typeof event.usage.input_tokens === "number") answer.usage.input = event.usage.input_tokens;
      }
    }
    answer.toolCalls = [...calls.values()].map((call) => ({ id: call.id, name: call.name, arguments: parseArguments(call.text) }));
    return answer;
  };
  return { dialect: "anthropic", exchanges, ask };
}

function geminiParts(response: GenerateContentResponse): Part[] {
  return response.candidates?.[0]?.content?.parts ?? [];
}

function createGeminiClient(options: ClientOptions): GatewayClient {
  const exchanges: Exchange[] = [];
  const client = new GoogleGenAI({
    apiKey: options.apiKey ?? "llmux",
    httpOptions: { baseUrl: `${options.url}${options.prefix ?? ""}/gemini`, fetch: recordingFetch(exchanges) },
  });
  const ask = async (input: AskInput): Promise<Answer> => {
    const contents: Content[] = [{ role: "user", parts: [{ text: input.prompt ?? defaultPrompt }] }];
    if (input.toolResult) {
      const { call, output } = input.toolResult;
      contents.push(
        { role: "model", parts: [{ functionCall: { ...(call.id ? { id: call.id } : {}), name: call.name, args: call.arguments } }] },
        { role: "user", parts: [{ functionResponse: { ...(call.id ? { id: call.id } : {}), name: call.name, response: output } }] },
      );
    }
    const controller = new AbortController();
    const config = {
      ...(input.tools ? { tools: [{ functionDeclarations: [{ name: weatherTool.name, description: weatherTool.description, parametersJsonSchema: weatherTool.parameters }] }] } : {}),
      ...(input.headers ? { httpOptions: { headers: input.headers } } : {}),
      abortSignal: controller.signal,
      ...input.extra,
    };
    const answer: Answer = { text: "", toolCalls: [], finish: undefined, model: undefined, usage: { input: undefined, output: undefined }, headers: {}, pieces: 0 };
    const read = (response: GenerateContentResponse): boolean => {
      answer.model ??= response.modelVersion;
      if (response.usageMetadata) answer.usage = { input: response.usageMetadata.promptTokenCount, output: response.usageMetadata.candidatesTokenCount };
      const finish = response.candidates?.[0]?.finishReason;
      if (finish) answer.finish = finish;
      let stop = false;
      for (const part of geminiParts(response)) {
        if (typeof part.text === "string" && part.thought !== true && part.text !== "") {
          answer.text += part.text;
          if (input.stream && countPiece(answer, input, controller)) stop = true;
        }
        if (part.functionCall) answer.toolCalls.push({ id: part.functionCall.id, name: part.functionCall.name ?? "", arguments: part.functionCall.args ?? {} });
      }
      return stop;
    };
    if (!input.stream) {
      const response = await client.models.generateContent({ model: input.model, contents, config });
      answer.headers = { ...response.sdkHttpResponse?.headers };
      read(response);
      return answer;
    }
    const stream = await client.models.generateContentStream({ model: input.model, contents, config });
    answer.headers = { ...exchanges.at(-1)?.headers };
    for await (const chunk of stream) if (read(chunk)) break;
    return answer;
  };
  return { dialect: "gemini", exchanges, ask };
}

export function createClient(dialect: ClientDialect, options: ClientOptions): GatewayClient {
  switch (dialect) {
    case "openai":
      return createOpenAIClient(options);
    case "anthropic":
      return createAnthropicClient(options);
    case "gemini":
      return createGeminiClient(options);
  }
}

/** Runs `ask` expecting the SDK to throw; returns what it threw. */
export async function askForError(client: GatewayClient, input: AskInput): Promise<ClientError> {
  try {
    const answer = await client.ask(input);
    throw new Error(`expected an error, got an answer: ${JSON.stringify({ text: answer.text, finish: answer.finish })}`);
  } catch (error) {
    if (error instanceof OpenAIAPIError || error instanceof AnthropicAPIError) {
      return { className: error.constructor.name, status: error.status, message: error.message, error };
    }
    if (error instanceof GeminiApiError) return { className: error.constructor.name, status: error.status, message: error.message, error };
    if (error instanceof Error && error.message.startsWith("expected an error")) throw error;
    return { className: error instanceof Error ? error.constructor.name : typeof error, status: undefined, message: String(error), error };
  }
}
