/**
 * @module
 * Exact wire shapes of Ollama's native chat API (`POST /api/chat`), as its server and
 * clients exchange them. Optional fields are the ones Ollama omits (`omitempty`).
 */

/** Modelfile parameters in `options`; llmux reads these, others (num_ctx...) ride in extras. */
export interface OllamaOptions {
  temperature?: number;
  top_p?: number;
  top_k?: number;
  /** Maximum tokens to generate; -1 means unlimited, -2 fill the context. */
  num_predict?: number;
  stop?: string[];
  seed?: number;
  presence_penalty?: number;
  frequency_penalty?: number;
  [other: string]: unknown;
}

/** `think`: on/off, or a level for models that take one. */
export type OllamaThink = boolean | "low" | "medium" | "high" | "max";

export interface OllamaToolCallFunction {
  /** Position of the call in the answer; newer servers send it, clients may echo it. */
  index?: number;
  name: string;
  /** An object, not JSON text (unlike OpenAI). */
  arguments: Record<string, unknown>;
}

export interface OllamaToolCall {
  /** Newer servers send an id; older ones and most hand-built histories do not. */
  id?: string;
  function: OllamaToolCallFunction;
}

export type OllamaRole = "system" | "user" | "assistant" | "tool";

export interface OllamaMessage {
  role: OllamaRole;
  content: string;
  /** Base64 images, no MIME type, no data-URL prefix. */
  images?: string[];
  tool_calls?: OllamaToolCall[];
  /** On `tool` messages: the function whose result this is. */
  tool_name?: string;
  /** On `assistant` messages: the reasoning text of thinking models. */
  thinking?: string;
}

export interface OllamaToolDefinition {
  type: "function";
  function: {
    name: string;
    description?: string;
    parameters?: Record<string, unknown>;
  };
}

export interface OllamaChatRequest {
  model: string;
  messages: OllamaMessage[];
  tools?: OllamaToolDefinition[];
  /** `"json"`, or a JSON schema the output must follow; older Go clients send `""` for none. */
  format?: "json" | "" | Record<string, unknown>;
  /** Older Go clients send `null` for none. */
  options?: OllamaOptions | null;
  /** Defaults to true when absent. */
  stream?: boolean;
  keep_alive?: string | number;
  think?: OllamaThink;
}

export type OllamaDoneReason = "stop" | "length" | "load" | (string & {});

/** Timings (nanoseconds) and token counts, sent on the final (`done: true`) object. */
export interface OllamaMetrics {
  total_duration?: number;
  load_duration?: number;
  prompt_eval_count?: number;
  prompt_eval_duration?: number;
  eval_count?: number;
  eval_duration?: number;
}

export interface OllamaResponseMessage {
  role: "assistant";
  content: string;
  thinking?: string;
  tool_calls?: OllamaToolCall[];
  images?: string[] | null;
}

/** A `stream: false` answer, and also every line of a stream (pieces until `done: true`). */
export interface OllamaChatResponse extends OllamaMetrics {
  /**
   * Not sent by Ollama: llmux adds it when it encodes a response whose id it knows, so a
   * gateway client can correlate; Ollama clients ignore unknown fields.
   */
  id?: string;
  model: string;
  /** RFC 3339 with nanoseconds, e.g. `2024-07-22T20:33:28.123456789Z`. */
  created_at: string;
  message: OllamaResponseMessage;
  done: boolean;
  done_reason?: OllamaDoneReason;
}

export type OllamaStreamChunk = OllamaChatResponse;

/** Error body (any status), and the in-stream error line. */
export interface OllamaErrorBody {
  error: string;
}
