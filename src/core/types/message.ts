/**
 * @module
 * Canonical conversation parts and messages: llmux's own model, not any vendor's.
 * Every dialect decodes into these types and encodes out of them.
 */

/** The wire protocols llmux speaks. One dialect module exists per id. */
export type DialectId = "openai-chat" | "anthropic-messages" | "gemini" | "ollama";

/**
 * Vendor-specific fields that must survive a round trip, namespaced by the dialect that
 * produced them (e.g. `{ gemini: { thoughtSignature: "..." } }`). An encoder reads only
 * its own namespace; fields of another dialect are dropped with a warning when they matter.
 */
export type Extras = Partial<Record<DialectId, Record<string, unknown>>>;

export interface TextPart {
  type: "text";
  text: string;
  extras?: Extras;
}

export type ImageSource =
  | { kind: "url"; url: string }
  | { kind: "base64"; mediaType: string; data: string };

export interface ImagePart {
  type: "image";
  source: ImageSource;
  extras?: Extras;
}

export interface ToolCallPart {
  type: "tool-call";
  id: string;
  name: string;
  /** The arguments as JSON text. OpenAI sends text (possibly invalid); others send objects. */
  arguments: string;
  extras?: Extras;
}

export interface ToolResultPart {
  type: "tool-result";
  toolCallId: string;
  /** Name of the tool that was called; Gemini needs it, OpenAI does not send it. */
  toolName?: string;
  content: Array<TextPart | ImagePart>;
  isError?: boolean;
  extras?: Extras;
}

export interface ReasoningPart {
  type: "reasoning";
  text: string;
  /** Opaque signature the vendor needs echoed back (Anthropic thinking, Gemini thoughtSignature). */
  signature?: string;
  /** Anthropic `redacted_thinking` payload: encrypted, opaque, must be echoed unchanged. */
  redactedData?: string;
  extras?: Extras;
}

export type UserContentPart = TextPart | ImagePart;
export type AssistantContentPart = TextPart | ToolCallPart | ReasoningPart;

export interface UserMessage {
  role: "user";
  content: UserContentPart[];
  extras?: Extras;
}

export interface AssistantMessage {
  role: "assistant";
  content: AssistantContentPart[];
  extras?: Extras;
}

/** Results of tool calls, in the order of the calls. */
export interface ToolMessage {
  role: "tool";
  content: ToolResultPart[];
  extras?: Extras;
}

export type Message = UserMessage | AssistantMessage | ToolMessage;
export type ContentPart = UserContentPart | AssistantContentPart | ToolResultPart;
