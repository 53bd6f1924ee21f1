/**
 * @module
 * The canonical request: what a caller asks for, independent of wire protocol.
 */
import type { Extras, Message, TextPart } from "./message.ts";

/** A JSON Schema object, kept as data. */
export type JsonSchema = { [key: string]: unknown };

export interface ToolDefinition {
  name: string;
  description?: string;
  /** JSON Schema of the arguments (type object). */
  parameters: JsonSchema;
  strict?: boolean;
  extras?: Extras;
}

export type ToolChoice =
  | { type: "auto" }
  | { type: "none" }
  | { type: "required" }
  | { type: "tool"; name: string };

export type ResponseFormat =
  | { type: "text" }
  | { type: "json-object" }
  | { type: "json-schema"; name: string; schema: JsonSchema; strict?: boolean; description?: string };

export type ReasoningEffort = "minimal" | "low" | "medium" | "high";

export interface ReasoningConfig {
  /** Qualitative effort (OpenAI `reasoning_effort`, Ollama `think`). */
  effort?: ReasoningEffort;
  /** Token budget (Anthropic `thinking.budget_tokens`, Gemini `thinkingBudget`). */
  budgetTokens?: number;
  /** Whether reasoning is on at all; false disables it where the vendor allows. */
  enabled?: boolean;
}

export interface CanonicalRequest {
  /** Requested model name as the caller wrote it. */
  model: string;
  /** System prompt, hoisted from wherever the dialect put it. */
  system?: TextPart[];
  messages: Message[];
  tools?: ToolDefinition[];
  toolChoice?: ToolChoice;
  parallelToolCalls?: boolean;
  temperature?: number;
  topP?: number;
  topK?: number;
  maxOutputTokens?: number;
  stopSequences?: string[];
  seed?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  responseFormat?: ResponseFormat;
  reasoning?: ReasoningConfig;
  /** End-user id (OpenAI `user`, Anthropic `metadata.user_id`). */
  user?: string;
  /** Free-form string metadata (OpenAI `metadata`). */
  metadata?: Record<string, string>;
  stream: boolean;
  /** Unknown top-level fields of the request, per dialect, kept for a same-dialect round trip. */
  extras?: Extras;
}
