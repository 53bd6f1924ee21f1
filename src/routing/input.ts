/**
 * @module
 * What `route()` accepts, turned into a canonical request: a plain string, canonical
 * messages, or OpenAI-style messages (decoded by the openai-chat dialect, so there is one
 * reading of that shape in llmux, not two).
 */
import { InvalidRequestError } from "../core/errors.ts";
import type { Message, TextPart } from "../core/types/message.ts";
import type { CanonicalRequest, JsonSchema, ResponseFormat, ToolChoice, ToolDefinition } from "../core/types/request.ts";
import type { Warning } from "../core/types/response.ts";
import { openaiChatDialect } from "../dialects/openai-chat/index.ts";

/** An OpenAI-style message as applications commonly write them. */
export interface OpenAIStyleMessage {
  role: "system" | "developer" | "user" | "assistant" | "tool";
  content: string | null | Array<Record<string, unknown>>;
  [field: string]: unknown;
}

export type RouteInput = string | Array<Message | OpenAIStyleMessage>;

/** A tool in canonical form or in OpenAI's `{type:"function",function:{...}}` form. */
export type ToolInput = ToolDefinition | { type: "function"; function: { name: string; description?: string; parameters?: JsonSchema; strict?: boolean } };

export interface RequestOptions {
  system?: string;
  tools?: ToolInput[];
  toolChoice?: ToolChoice;
  temperature?: number;
  topP?: number;
  maxTokens?: number;
  stop?: string | string[];
  responseFormat?: ResponseFormat;
  seed?: number;
}

const canonicalPartTypes = new Set(["text", "image", "tool-call", "tool-result", "reasoning"]);

function isCanonicalMessage(message: Message | OpenAIStyleMessage): message is Message {
  if (message.role !== "user" && message.role !== "assistant" && message.role !== "tool") return false;
  const content = message.content;
  return (
    Array.isArray(content) &&
    content.every((part) => typeof part === "object" && part !== null && canonicalPartTypes.has(String((part as { type?: unknown }).type)))
  );
}

function toolDefinition(tool: ToolInput): ToolDefinition {
  if ("function" in tool && tool.type === "function") {
    const definition: ToolDefinition = { name: tool.function.name, parameters: tool.function.parameters ?? { type: "object", properties: {} } };
    if (tool.function.description !== undefined) definition.description = tool.function.description;
    if (tool.function.strict !== undefined) definition.strict = tool.function.strict;
    return definition;
  }
  return tool as ToolDefinition;
}

export interface BuiltRequest {
  request: CanonicalRequest;
  warnings: Warning[];
}

/** Builds the canonical request for `route()` / `stream()`. `model` is filled in per candidate later. */
export function buildRequest(input: RouteInput, options: RequestOptions, stream: boolean): BuiltRequest {
  let messages: Message[];
  let system: TextPart[] | undefined;
  let warnings: Warning[] = [];
  if (typeof input === "string") {
    if (input.trim() === "") throw new InvalidRequestError("The prompt is empty.", { param: "input" });
    messages = [{ role: "user", content: [{ type: "text", text: input }] }];
  } else if (Array.isArray(input) && input.length > 0) {
    if (input.every(isCanonicalMessage)) {
      messages = input;
    } else {
      const decoded = openaiChatDialect.decodeRequest({ model: "llmux-route", messages: input });
      messages = decoded.value.messages;
      system = decoded.value.system;
      warnings = decoded.warnings;
    }
  } else {
    throw new InvalidRequestError("Input must be a non-empty string or a non-empty array of messages.", { param: "input" });
  }
  if (options.system !== undefined) system = [{ type: "text", text: options.system }, ...(system ?? [])];

  const request: CanonicalRequest = { model: "", messages, stream };
  if (system !== undefined && system.length > 0) request.system = system;
  if (options.tools !== undefined && options.tools.length > 0) request.tools = options.tools.map(toolDefinition);
  if (options.toolChoice !== undefined) request.toolChoice = options.toolChoice;
  if (options.temperature !== undefined) request.temperature = options.temperature;
  if (options.topP !== undefined) request.topP = options.topP;
  if (options.maxTokens !== undefined) request.maxOutputTokens = options.maxTokens;
  if (options.stop !== undefined) request.stopSequences = Array.isArray(options.stop) ? options.stop : [options.stop];
  if (options.responseFormat !== undefined) request.responseFormat = options.responseFormat;
  if (options.seed !== undefined) request.seed = options.seed;
  return { request, warnings };
}
