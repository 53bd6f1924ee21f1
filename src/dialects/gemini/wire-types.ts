/**
 * @module
 * Exact wire shapes of the Gemini API (`generativelanguage.googleapis.com`, proto3 JSON,
 * camelCase). Only what llmux reads or writes is typed field by field; everything else a
 * vendor object may carry is `unknown` and rides in extras.
 */

export type GeminiRole = "user" | "model";

export interface GeminiBlob {
  mimeType: string;
  /** Base64, no `data:` prefix. */
  data: string;
  displayName?: string;
}

export interface GeminiFileData {
  mimeType?: string;
  fileUri: string;
  displayName?: string;
}

export interface GeminiFunctionCall {
  id?: string;
  name: string;
  args?: Record<string, unknown>;
}

export interface GeminiFunctionResponsePart {
  inlineData?: GeminiBlob;
  fileData?: GeminiFileData;
}

export interface GeminiFunctionResponse {
  id?: string;
  name: string;
  /** Must be an object: `{content: text}`, `{error: text}` or any JSON object. */
  response: Record<string, unknown>;
  /** Multimodal results (images) beside the JSON response. */
  parts?: GeminiFunctionResponsePart[];
}

/** One part of a content; exactly one data field is set (text, inlineData, functionCall...). */
export interface GeminiPart {
  text?: string;
  /** Marks a text part as a thought summary (reasoning). */
  thought?: boolean;
  /** Opaque reasoning state to echo back, on any part kind. */
  thoughtSignature?: string;
  inlineData?: GeminiBlob;
  fileData?: GeminiFileData;
  functionCall?: GeminiFunctionCall;
  functionResponse?: GeminiFunctionResponse;
  executableCode?: { language: string; code: string };
  codeExecutionResult?: { outcome: string; output?: string };
  videoMetadata?: Record<string, unknown>;
}

export interface GeminiContent {
  /** Optional on the wire: a single-turn request may leave it out (it means `user`). */
  role?: GeminiRole;
  parts: GeminiPart[];
}

/** The OpenAPI 3.0 subset `parameters` and `responseSchema` accept. */
export interface GeminiSchema {
  type?: string;
  format?: string;
  title?: string;
  description?: string;
  nullable?: boolean;
  enum?: string[];
  maxItems?: number | string;
  minItems?: number | string;
  properties?: Record<string, GeminiSchema>;
  required?: string[];
  minProperties?: number | string;
  maxProperties?: number | string;
  minLength?: number | string;
  maxLength?: number | string;
  pattern?: string;
  example?: unknown;
  anyOf?: GeminiSchema[];
  propertyOrdering?: string[];
  default?: unknown;
  items?: GeminiSchema;
  minimum?: number;
  maximum?: number;
}

export interface GeminiFunctionDeclaration {
  name: string;
  description?: string;
  /** OpenAPI-subset schema (what llmux encodes, sanitised). */
  parameters?: GeminiSchema;
  /** Full JSON Schema, the newer alternative to `parameters`. */
  parametersJsonSchema?: Record<string, unknown>;
}

export interface GeminiTool {
  functionDeclarations?: GeminiFunctionDeclaration[];
  googleSearch?: Record<string, unknown>;
  codeExecution?: Record<string, unknown>;
  urlContext?: Record<string, unknown>;
}

export type GeminiFunctionCallingMode = "AUTO" | "ANY" | "NONE" | "VALIDATED" | "MODE_UNSPECIFIED";

export interface GeminiToolConfig {
  functionCallingConfig?: {
    mode?: GeminiFunctionCallingMode;
    allowedFunctionNames?: string[];
  };
}

export interface GeminiThinkingConfig {
  /** Tokens; 0 turns thinking off, -1 lets the model decide. */
  thinkingBudget?: number;
  includeThoughts?: boolean;
  thinkingLevel?: string;
}

export interface GeminiGenerationConfig {
  temperature?: number;
  topP?: number;
  topK?: number;
  candidateCount?: number;
  maxOutputTokens?: number;
  stopSequences?: string[];
  seed?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  responseMimeType?: string;
  responseSchema?: GeminiSchema;
  responseJsonSchema?: Record<string, unknown>;
  thinkingConfig?: GeminiThinkingConfig;
}

export interface GeminiRequest {
  contents: GeminiContent[];
  systemInstruction?: { role?: string; parts: GeminiPart[] };
  tools?: GeminiTool[];
  toolConfig?: GeminiToolConfig;
  generationConfig?: GeminiGenerationConfig;
  safetySettings?: Array<{ category: string; threshold: string }>;
  cachedContent?: string;
}

export type GeminiFinishReason =
  | "FINISH_REASON_UNSPECIFIED"
  | "STOP"
  | "MAX_TOKENS"
  | "SAFETY"
  | "RECITATION"
  | "LANGUAGE"
  | "OTHER"
  | "BLOCKLIST"
  | "PROHIBITED_CONTENT"
  | "SPII"
  | "MALFORMED_FUNCTION_CALL"
  | "IMAGE_SAFETY"
  | "UNEXPECTED_TOOL_CALL"
  | "TOO_MANY_TOOL_CALLS"
  | "IMAGE_PROHIBITED_CONTENT"
  | "NO_IMAGE"
  | "IMAGE_RECITATION"
  | "IMAGE_OTHER"
  | "CONTINUATION"
  | "MALFORMED_RESPONSE";

export interface GeminiCandidate {
  /** Absent when the candidate was blocked before producing anything. */
  content?: { role?: GeminiRole; parts?: GeminiPart[] };
  finishReason?: GeminiFinishReason;
  index?: number;
  safetyRatings?: unknown[];
  citationMetadata?: unknown;
  groundingMetadata?: unknown;
  avgLogprobs?: number;
}

export interface GeminiUsageMetadata {
  /** The whole prompt, cached tokens included. */
  promptTokenCount?: number;
  candidatesTokenCount?: number;
  totalTokenCount?: number;
  cachedContentTokenCount?: number;
  /** Reasoning tokens, separate from `candidatesTokenCount`. */
  thoughtsTokenCount?: number;
  /** Prompt tokens of tool results (search, code execution), separate from `promptTokenCount`. */
  toolUsePromptTokenCount?: number;
  promptTokensDetails?: Array<{ modality: string; tokenCount: number }>;
}

/** A whole response, and also one streamed chunk (each SSE event is one of these). */
export interface GeminiResponse {
  candidates?: GeminiCandidate[];
  promptFeedback?: { blockReason?: string; safetyRatings?: unknown[] };
  usageMetadata?: GeminiUsageMetadata;
  modelVersion?: string;
  responseId?: string;
}

/** google.rpc.Status, as the API sends it for errors (whole body and mid-stream). */
export interface GeminiErrorBody {
  error: {
    code: number;
    message: string;
    status: string;
    details?: Array<{ "@type": string; [key: string]: unknown }>;
  };
}
