/**
 * @module
 * Exact wire shapes of OpenAI Chat Completions (`POST /v1/chat/completions`), as the
 * official SDK (openai 7.57) types them. Only what llmux reads or writes is typed
 * precisely; everything else rides in `[key: string]: unknown` and ends up in extras.
 */

export type OpenAIChatRole = "developer" | "system" | "user" | "assistant" | "tool" | "function";

export interface OpenAIChatTextPart {
  type: "text";
  text: string;
  [key: string]: unknown;
}

export interface OpenAIChatImagePart {
  type: "image_url";
  image_url: { url: string; detail?: "auto" | "low" | "high"; [key: string]: unknown };
  [key: string]: unknown;
}

/** `input_audio`, `file`, `refusal` and future part types: kept verbatim, never interpreted. */
export interface OpenAIChatOtherPart {
  type: string;
  [key: string]: unknown;
}

export type OpenAIChatContentPart = OpenAIChatTextPart | OpenAIChatImagePart | OpenAIChatOtherPart;

export interface OpenAIChatFunctionCall {
  name: string;
  /** JSON text, possibly invalid or truncated. */
  arguments: string;
  [key: string]: unknown;
}

export interface OpenAIChatToolCall {
  id: string;
  type: "function";
  function: OpenAIChatFunctionCall;
  [key: string]: unknown;
}

export interface OpenAIChatSystemMessage {
  role: "system" | "developer";
  content: string | OpenAIChatTextPart[];
  name?: string;
  [key: string]: unknown;
}

export interface OpenAIChatUserMessage {
  role: "user";
  content: string | OpenAIChatContentPart[];
  name?: string;
  [key: string]: unknown;
}

export interface OpenAIChatAssistantMessage {
  role: "assistant";
  content?: string | OpenAIChatContentPart[] | null;
  tool_calls?: OpenAIChatToolCall[];
  /** Legacy (deprecated) single function call. */
  function_call?: OpenAIChatFunctionCall | null;
  refusal?: string | null;
  /** Non-standard: DeepSeek, Qwen, vLLM. */
  reasoning_content?: string | null;
  /** Non-standard: OpenRouter. */
  reasoning?: string | null;
  name?: string;
  [key: string]: unknown;
}

export interface OpenAIChatToolMessage {
  role: "tool";
  tool_call_id: string;
  content: string | OpenAIChatTextPart[];
  [key: string]: unknown;
}

/** Legacy (deprecated) result of a `function_call`. */
export interface OpenAIChatFunctionMessage {
  role: "function";
  name: string;
  content: string | null;
  [key: string]: unknown;
}

export type OpenAIChatMessage =
  | OpenAIChatSystemMessage
  | OpenAIChatUserMessage
  | OpenAIChatAssistantMessage
  | OpenAIChatToolMessage
  | OpenAIChatFunctionMessage;

export interface OpenAIChatFunctionDefinition {
  name: string;
  description?: string;
  parameters?: Record<string, unknown>;
  strict?: boolean | null;
  [key: string]: unknown;
}

export interface OpenAIChatTool {
  type: "function";
  function: OpenAIChatFunctionDefinition;
  [key: string]: unknown;
}

export type OpenAIChatToolChoice = "none" | "auto" | "required" | { type: "function"; function: { name: string } };

/** Legacy `function_call` request field. */
export type OpenAIChatFunctionChoice = "none" | "auto" | { name: string };

export type OpenAIChatResponseFormat =
  | { type: "text" }
  | { type: "json_object" }
  | {
      type: "json_schema";
      json_schema: { name: string; schema?: Record<string, unknown>; strict?: boolean | null; description?: string };
    };

export interface OpenAIChatStreamOptions {
  include_usage?: boolean;
  include_obfuscation?: boolean;
  [key: string]: unknown;
}

export interface OpenAIChatRequest {
  model: string;
  messages: OpenAIChatMessage[];
  tools?: OpenAIChatTool[];
  tool_choice?: OpenAIChatToolChoice;
  parallel_tool_calls?: boolean;
  functions?: OpenAIChatFunctionDefinition[];
  function_call?: OpenAIChatFunctionChoice;
  response_format?: OpenAIChatResponseFormat;
  max_completion_tokens?: number;
  /** Deprecated; reasoning models reject it. */
  max_tokens?: number;
  stop?: string | string[];
  seed?: number;
  temperature?: number;
  top_p?: number;
  presence_penalty?: number;
  frequency_penalty?: number;
  user?: string;
  metadata?: Record<string, string>;
  reasoning_effort?: string;
  stream?: boolean;
  stream_options?: OpenAIChatStreamOptions;
  [key: string]: unknown;
}

export interface OpenAIChatPromptTokensDetails {
  cached_tokens?: number;
  /** Newer field: tokens written to the prompt cache (a subset of prompt_tokens). */
  cache_write_tokens?: number;
  audio_tokens?: number;
  [key: string]: unknown;
}

export interface OpenAIChatCompletionTokensDetails {
  reasoning_tokens?: number;
  audio_tokens?: number;
  accepted_prediction_tokens?: number;
  rejected_prediction_tokens?: number;
  [key: string]: unknown;
}

export interface OpenAIChatUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  total_tokens?: number;
  prompt_tokens_details?: OpenAIChatPromptTokensDetails | null;
  completion_tokens_details?: OpenAIChatCompletionTokensDetails | null;
  /** OpenRouter: the call's price in USD. */
  cost?: number;
  [key: string]: unknown;
}

export type OpenAIChatFinishReason = "stop" | "length" | "tool_calls" | "content_filter" | "function_call";

export interface OpenAIChatResponseMessage {
  role: "assistant";
  /** A string; a few providers (Mistral) answer with text parts. */
  content: string | OpenAIChatTextPart[] | null;
  refusal?: string | null;
  annotations?: unknown[];
  tool_calls?: OpenAIChatToolCall[];
  function_call?: OpenAIChatFunctionCall;
  reasoning_content?: string | null;
  reasoning?: string | null;
  [key: string]: unknown;
}

export interface OpenAIChatChoice {
  index: number;
  message: OpenAIChatResponseMessage;
  logprobs?: unknown;
  /** A standard value, or a provider's own (e.g. DeepSeek `insufficient_system_resource`). */
  finish_reason: string | null;
  [key: string]: unknown;
}

export interface OpenAIChatResponse {
  id: string;
  object: "chat.completion";
  created: number;
  model: string;
  choices: OpenAIChatChoice[];
  usage?: OpenAIChatUsage;
  service_tier?: string | null;
  system_fingerprint?: string | null;
  [key: string]: unknown;
}

export interface OpenAIChatToolCallDelta {
  index: number;
  id?: string;
  type?: "function";
  function?: { name?: string; arguments?: string };
}

export interface OpenAIChatDelta {
  role?: "assistant";
  content?: string | null;
  refusal?: string | null;
  reasoning_content?: string | null;
  reasoning?: string | null;
  tool_calls?: OpenAIChatToolCallDelta[];
  function_call?: { name?: string; arguments?: string };
}

export interface OpenAIChatChunkChoice {
  index: number;
  delta: OpenAIChatDelta;
  logprobs: unknown;
  finish_reason: string | null;
}

export interface OpenAIChatChunk {
  id: string;
  object: "chat.completion.chunk";
  created: number;
  model: string;
  choices: OpenAIChatChunkChoice[];
  /** `null` on every chunk but the last when `include_usage` is on. */
  usage?: OpenAIChatUsage | null;
  system_fingerprint?: string | null;
}

export interface OpenAIChatErrorObject {
  message: string;
  type: string;
  param: string | null;
  code: string | null;
}

/** Error body of a failed call, and the in-stream error frame. */
export interface OpenAIChatErrorBody {
  error: OpenAIChatErrorObject;
}
