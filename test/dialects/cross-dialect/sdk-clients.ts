/**
 * The official SDKs as real clients: each sends the shared conversation (conversation.ts)
 * in its own wire format and parses the answer with its own code (the openai stream helper's
 * accumulator, Anthropic's `finalMessage`, @google/genai's chunk iterator). The result is
 * normalised only enough to compare cells: the figures keep the vendor's meaning.
 */
import Anthropic from "@anthropic-ai/sdk";
import { GoogleGenAI, Type, type Content, type FunctionCall, type GenerateContentResponse } from "@google/genai";
import OpenAI from "openai";
import type { DialectId } from "../../../src/core/types/message.ts";
import { conversation, png } from "./conversation.ts";

export type SdkDialect = Exclude<DialectId, "ollama">;
export const sdkDialects: SdkDialect[] = ["openai-chat", "anthropic-messages", "gemini"];

export interface SdkToolCall {
  id: string | undefined;
  name: string;
  arguments: unknown;
}

export interface SdkAnswer {
  text: string;
  reasoning: string;
  /** Anthropic thinking signature or Gemini thoughtSignature, when the client got one. */
  reasoningSignature: string | undefined;
  toolCalls: SdkToolCall[];
  /** The vendor's own value: `stop`, `end_turn`, `STOP`... */
  finishReason: string | undefined;
  /** Vendor usage fields by name (prompt_tokens, input_tokens, promptTokenCount...). */
  usage: Record<string, number | undefined>;
}

export interface AskOptions {
  stream: boolean;
  /** The model the client asks for (default: the conversation's model for the dialect). */
  model?: string;
}

// ---- OpenAI -------------------------------------------------------------------------------

function openaiMessages(): OpenAI.ChatCompletionMessageParam[] {
  return [
    { role: "system", content: conversation.system },
    {
      role: "user",
      content: [
        { type: "text", text: conversation.question },
        { type: "image_url", image_url: { url: `data:image/png;base64,${png}`, detail: "low" } },
      ],
    },
    {
      role: "assistant",
      content: null,
      tool_calls: conversation.calls.map((call) => ({
        id: call.id,
        type: "function" as const,
        function: { name: call.name, arguments: JSON.stringify(call.arguments) },
      })),
    },
    ...conversation.calls.map((call, index) => ({ role: "tool" as const, tool_call_id: call.id, content: conversation.results[index] ?? "" })),
    { role: "assistant", content: conversation.answer },
    { role: "user", content: conversation.followUp },
  ];
}

function openaiParams(model: string): OpenAI.ChatCompletionCreateParamsNonStreaming {
  return {
    model,
    messages: openaiMessages(),
    tools: conversation.tools.map((tool) => ({
      type: "function" as const,
      function: { name: tool.name, description: tool.description, parameters: structuredClone(tool.parameters) as Record<string, unknown> },
    })),
    tool_choice: "auto",
    max_completion_tokens: 300,
    temperature: 0.4,
  };
}

function readOpenAIReasoning(value: object | undefined): string {
  const reasoning = (value as Record<string, unknown> | undefined)?.["reasoning_content"];
  return typeof reasoning === "string" ? reasoning : "";
}

async function askOpenAI(baseUrl: string, options: AskOptions): Promise<SdkAnswer> {
  const client = new OpenAI({ baseURL: baseUrl, apiKey: "sk-test", maxRetries: 0 });
  const params = openaiParams(options.model ?? conversation.model["openai-chat"]);
  if (!options.stream) {
    const completion = await client.chat.completions.create(params);
    const choice = completion.choices[0];
    return {
      text: choice?.message.content ?? "",
      reasoning: readOpenAIReasoning(choice?.message),
      reasoningSignature: undefined,
      toolCalls: (choice?.message.tool_calls ?? []).map((call) =>
        call.type === "function" ? { id: call.id, name: call.function.name, arguments: JSON.parse(call.function.arguments) as unknown } : { id: call.id, name: "", arguments: undefined },
      ),
      finishReason: choice?.finish_reason,
      usage: { prompt_tokens: completion.usage?.prompt_tokens, completion_tokens: completion.usage?.completion_tokens, total_tokens: completion.usage?.total_tokens },
    };
  }
  // The SDK's own stream helper accumulates the chunks; reasoning_content is not a standard field, so it is read per chunk.
  const stream = client.chat.completions.stream({ ...params, stream: true, stream_options: { include_usage: true } });
  let reasoning = "";
  for await (const chunk of stream) reasoning += readOpenAIReasoning(chunk.choices[0]?.delta);
  const completion = await stream.finalChatCompletion();
  const choice = completion.choices[0];
  return {
    text: choice?.message.content ?? "",
    reasoning,
    reasoningSignature: undefined,
    toolCalls: (choice?.message.tool_calls ?? []).map((call) =>
      call.type === "function" ? { id: call.id, name: call.function.name, arguments: JSON.parse(call.function.arguments) as unknown } : { id: call.id, name: "", arguments: undefined },
    ),
    finishReason: choice?.finish_reason,
    usage: { prompt_tokens: completion.usage?.prompt_tokens, completion_tokens: completion.usage?.completion_tokens, total_tokens: completion.usage?.total_tokens },
  };
}

// ---- Anthropic ----------------------------------------------------------------------------

function anthropicParams(model: string): Anthropic.MessageCreateParamsNonStreaming {
  return {
    model,
    max_tokens: 300,
    system: conversation.system,
    messages: [
      {
        role: "user",
        content: [
          { type: "text", text: conversation.question },
          { type: "image", source: { type: "base64", media_type: "image/png", data: png } },
        ],
      },
      {
        role: "assistant",
        content: conversation.calls.map((call) => ({ type: "tool_use" as const, id: call.id, name: call.name, input: { ...call.arguments } })),
      },
      {
        role: "user",
        content: conversation.calls.map((call, index) => ({ type: "tool_result" as const, tool_use_id: call.id, content: conversation.results[index] ?? "" })),
      },
      { role: "assistant", content: conversation.answer },
      { role: "user", content: conversation.followUp },
    ],
    tools: conversation.tools.map((tool) => ({
      name: tool.name,
      description: tool.description,
      input_schema: structuredClone(tool.parameters) as unknown as Anthropic.Tool.InputSchema,
    })),
    tool_choice: { type: "auto" },
  };
}

function readAnthropicMessage(message: Anthropic.Message): SdkAnswer {
  const answer: SdkAnswer = { text: "", reasoning: "", reasoningSignature: undefined, toolCalls: [], finishReason: message.stop_reason ?? undefined, usage: {} };
  for (const block of message.content) {
    if (block.type === "text") answer.text += block.text;
    else if (block.type === "thinking") {
      answer.reasoning += block.thinking;
      answer.reasoningSignature = block.signature;
    } else if (block.type === "tool_use") answer.toolCalls.push({ id: block.id, name: block.name, arguments: block.input });
  }
  answer.usage = {
    input_tokens: message.usage.input_tokens ?? undefined,
    output_tokens: message.usage.output_tokens ?? undefined,
    cache_read_input_tokens: message.usage.cache_read_input_tokens ?? undefined,
  };
  return answer;
}

async function askAnthropic(baseUrl: string, options: AskOptions): Promise<SdkAnswer> {
  const client = new Anthropic({ baseURL: baseUrl, apiKey: "sk-ant-test", maxRetries: 0 });
  const params = anthropicParams(options.model ?? conversation.model["anthropic-messages"]);
  if (!options.stream) return readAnthropicMessage(await client.messages.create(params));
  return readAnthropicMessage(await client.messages.stream(params).finalMessage());
}

// ---- Gemini -------------------------------------------------------------------------------

function geminiContents(): Content[] {
  return [
    { role: "user", parts: [{ text: conversation.question }, { inlineData: { mimeType: "image/png", data: png } }] },
    { role: "model", parts: conversation.calls.map((call) => ({ functionCall: { name: call.name, args: { ...call.arguments } } })) },
    {
      role: "user",
      parts: conversation.calls.map((call, index) => ({ functionResponse: { name: call.name, response: { content: conversation.results[index] } } })),
    },
    { role: "model", parts: [{ text: conversation.answer }] },
    { role: "user", parts: [{ text: conversation.followUp }] },
  ];
}

interface GeminiAccumulator {
  answer: SdkAnswer;
  calls: FunctionCall[];
}

function readGeminiChunk(chunk: GenerateContentResponse, into: GeminiAccumulator): void {
  const candidate = chunk.candidates?.[0];
  for (const part of candidate?.content?.parts ?? []) {
    if (part.thought === true) {
      into.answer.reasoning += part.text ?? "";
      if (part.thoughtSignature !== undefined && part.thoughtSignature !== "") into.answer.reasoningSignature = part.thoughtSignature;
    } else if (part.text !== undefined) into.answer.text += part.text;
  }
  into.calls.push(...(chunk.functionCalls ?? []));
  if (candidate?.finishReason !== undefined) into.answer.finishReason = candidate.finishReason;
  const usage = chunk.usageMetadata;
  if (usage !== undefined) {
    into.answer.usage = {
      promptTokenCount: usage.promptTokenCount,
      candidatesTokenCount: usage.candidatesTokenCount,
      thoughtsTokenCount: usage.thoughtsTokenCount,
      totalTokenCount: usage.totalTokenCount,
    };
  }
}

async function askGemini(baseUrl: string, options: AskOptions): Promise<SdkAnswer> {
  const [weather, time] = conversation.tools;
  const client = new GoogleGenAI({ apiKey: "g-test", httpOptions: { baseUrl } });
  const request = {
    model: options.model ?? conversation.model.gemini,
    contents: geminiContents(),
    config: {
      systemInstruction: conversation.system,
      tools: [
        {
          // One declaration in full JSON Schema, one in the OpenAPI subset with the SDK's Type names.
          functionDeclarations: [
            { name: weather.name, description: weather.description, parametersJsonSchema: structuredClone(weather.parameters) },
            {
              name: time.name,
              description: time.description,
              parameters: { type: Type.OBJECT, properties: { tz: { type: Type.STRING } }, required: ["tz"] },
            },
          ],
        },
      ],
      temperature: 0.4,
      maxOutputTokens: 300,
    },
  };
  const into: GeminiAccumulator = {
    answer: { text: "", reasoning: "", reasoningSignature: undefined, toolCalls: [], finishReason: undefined, usage: {} },
    calls: [],
  };
  if (!options.stream) readGeminiChunk(await client.models.generateContent(request), into);
  else for await (const chunk of await client.models.generateContentStream(request)) readGeminiChunk(chunk, into);
  into.answer.toolCalls = into.calls.map((call) => ({ id: call.id, name: call.name ?? "", arguments: call.args }));
  return into.answer;
}

/** Sends the conversation with the official SDK of `dialect` to `baseUrl` (provider-table convention). */
export function askWithSdk(dialect: SdkDialect, baseUrl: string, options: AskOptions): Promise<SdkAnswer> {
  switch (dialect) {
    case "openai-chat":
      return askOpenAI(baseUrl, options);
    case "anthropic-messages":
      return askAnthropic(baseUrl, options);
    case "gemini":
      return askGemini(baseUrl, options);
  }
}
