/**
 * @module
 * Exact wire shapes of the Anthropic Messages API (`POST /v1/messages`): request, response,
 * stream events and error body, as protocols.md §2 and `@anthropic-ai/sdk` 1.x describe them.
 * Fields llmux does not model ride in canonical `extras`, so they are not listed here.
 */

export type AnthropicCacheControl = { type: "ephemeral"; ttl?: "5m" | "1h" };

export interface AnthropicTextBlock {
  type: "text";
  text: string;
  cache_control?: AnthropicCacheControl;
}

export type AnthropicImageSource =
  | { type: "base64"; media_type: string; data: string }
  | { type: "url"; url: string };

export interface AnthropicImageBlock {
  type: "image";
  source: AnthropicImageSource;
  cache_control?: AnthropicCacheControl;
}

export interface AnthropicToolUseBlock {
  type: "tool_use";
  id: string;
  name: string;
  input: Record<string, unknown>;
}

export interface AnthropicToolResultBlock {
  type: "tool_result";
  tool_use_id: string;
  content?: string | Array<AnthropicTextBlock | AnthropicImageBlock>;
  is_error?: boolean;
}

export interface AnthropicThinkingBlock {
  type: "thinking";
  thinking: string;
  signature: string;
}

export interface AnthropicRedactedThinkingBlock {
  type: "redacted_thinking";
  data: string;
}

/** Blocks of an assistant turn, in requests and responses alike. */
export type AnthropicAssistantBlock =
  | AnthropicTextBlock
  | AnthropicToolUseBlock
  | AnthropicThinkingBlock
  | AnthropicRedactedThinkingBlock;

export type AnthropicUserBlock = AnthropicTextBlock | AnthropicImageBlock | AnthropicToolResultBlock;

export type AnthropicContentBlock = AnthropicUserBlock | AnthropicAssistantBlock;

export interface AnthropicMessageParam {
  /** `system` is allowed by SDK 1.x types; llmux hoists it into the top-level system. */
  role: "user" | "assistant" | "system";
  content: string | AnthropicContentBlock[];
}

export interface AnthropicTool {
  name: string;
  description?: string;
  /** Absent on server tools (`type: "web_search_20250305"` and so on). */
  input_schema?: Record<string, unknown>;
  strict?: boolean;
  type?: string;
  cache_control?: AnthropicCacheControl;
}

export type AnthropicToolChoice =
  | { type: "auto" | "any"; disable_parallel_tool_use?: boolean }
  | { type: "tool"; name: string; disable_parallel_tool_use?: boolean }
  | { type: "none" };

export type AnthropicThinkingConfig =
  | { type: "enabled"; budget_tokens: number; display?: "summarized" | "omitted" | null }
  | { type: "disabled" }
  | { type: "adaptive"; display?: "summarized" | "omitted" | null };

export interface AnthropicOutputFormat {
  type: "json_schema";
  schema: Record<string, unknown>;
}

export interface AnthropicOutputConfig {
  effort?: "low" | "medium" | "high" | "xhigh" | "max" | null;
  format?: AnthropicOutputFormat | null;
}

export interface AnthropicMessagesRequest {
  model: string;
  max_tokens: number;
  messages: AnthropicMessageParam[];
  system?: string | AnthropicTextBlock[];
  tools?: AnthropicTool[];
  tool_choice?: AnthropicToolChoice;
  stop_sequences?: string[];
  stream?: boolean;
  /** Deprecated and absent from SDK 1.x types, still accepted (0–1). */
  temperature?: number;
  top_p?: number;
  top_k?: number;
  thinking?: AnthropicThinkingConfig;
  metadata?: { user_id?: string | null };
  output_config?: AnthropicOutputConfig;
}

export type AnthropicStopReason =
  | "end_turn"
  | "max_tokens"
  | "stop_sequence"
  | "tool_use"
  | "pause_turn"
  | "refusal"
  | "model_context_window_exceeded";

/** `input_tokens` excludes cached tokens; the whole prompt is the sum of the three inputs. */
export interface AnthropicUsage {
  input_tokens: number | null;
  output_tokens: number | null;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  output_tokens_details?: { thinking_tokens: number } | null;
}

export interface AnthropicMessagesResponse {
  id: string;
  type: "message";
  role: "assistant";
  model: string;
  content: AnthropicAssistantBlock[];
  stop_reason: AnthropicStopReason | null;
  stop_sequence: string | null;
  usage: AnthropicUsage;
}

/** `message_delta` usage: cumulative totals, fields omitted when they do not apply. */
export interface AnthropicDeltaUsage {
  output_tokens: number | null;
  input_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  output_tokens_details?: { thinking_tokens: number } | null;
}

export type AnthropicBlockDelta =
  | { type: "text_delta"; text: string }
  | { type: "input_json_delta"; partial_json: string }
  | { type: "thinking_delta"; thinking: string }
  | { type: "signature_delta"; signature: string };

export type AnthropicStreamEvent =
  | { type: "message_start"; message: AnthropicMessagesResponse }
  | { type: "content_block_start"; index: number; content_block: AnthropicAssistantBlock }
  | { type: "content_block_delta"; index: number; delta: AnthropicBlockDelta }
  | { type: "content_block_stop"; index: number }
  | {
      type: "message_delta";
      delta: { stop_reason: AnthropicStopReason | null; stop_sequence: string | null };
      usage: AnthropicDeltaUsage;
    }
  | { type: "message_stop" }
  | { type: "ping" }
  | AnthropicErrorBody;

export type AnthropicErrorType =
  | "invalid_request_error"
  | "authentication_error"
  | "billing_error"
  | "permission_error"
  | "not_found_error"
  | "request_too_large"
  | "rate_limit_error"
  | "api_error"
  | "timeout_error"
  | "overloaded_error";

export interface AnthropicErrorBody {
  type: "error";
  error: { type: AnthropicErrorType; message: string; details?: { error_code?: string } };
  request_id?: string;
}
