/**
 * @module
 * A scripted reply → the canonical response the simulated vendor answers with. Everything
 * not scripted is deterministic: the default text echoes the prompt's last words, ids
 * follow the vendor's style, usage figures are estimated from the text lengths.
 */
import { estimateInputTokens, estimateTextTokens } from "../core/estimate-tokens.ts";
import type { AssistantContentPart, DialectId, TextPart, ToolCallPart } from "../core/types/message.ts";
import type { CanonicalRequest } from "../core/types/request.ts";
import type { CanonicalResponse, FinishReason, Usage } from "../core/types/response.ts";
import { formatCreatedAt, synthesizeResponseId } from "../dialects/ollama/response-identity.ts";
import type { SimulatedReasoning, SimulatedReply, SimulatedToolCall } from "./behaviour.ts";

export interface BuildReplyInput {
  dialect: DialectId;
  request: CanonicalRequest;
  reply: SimulatedReply;
  /** Which generation request this answers (0-based): makes ids unique and stable. */
  ordinal: number;
  /** Unix seconds; defaults to now. */
  created?: number;
}

const echoWords = 6;

/** The last words of the last user text: what the default answer echoes. */
export function readLastWords(request: CanonicalRequest): string | undefined {
  for (let index = request.messages.length - 1; index >= 0; index--) {
    const message = request.messages[index];
    if (message?.role !== "user") continue;
    const text = message.content
      .filter((part): part is TextPart => part.type === "text")
      .map((part) => part.text)
      .join(" ");
    const words = text.split(/\s+/).filter((word) => word !== "");
    if (words.length > 0) return words.slice(-echoWords).join(" ");
  }
  return undefined;
}

export function createDefaultText(request: CanonicalRequest): string {
  const words = readLastWords(request);
  return words === undefined ? "Simulated answer." : `Simulated answer to: ${words}`;
}

function createResponseId(dialect: DialectId, ordinal: number, created: number): string {
  const serial = String(ordinal + 1).padStart(4, "0");
  switch (dialect) {
    case "openai-chat":
      return `chatcmpl-sim${serial}`;
    case "anthropic-messages":
      return `msg_sim${serial}`;
    case "gemini":
      return `sim-response-${serial}`;
    case "ollama":
      // Ollama sends no id: the dialect derives one from created_at, so none goes on the wire.
      return synthesizeResponseId(formatCreatedAt(created));
  }
}

function createToolCallId(dialect: DialectId, ordinal: number, index: number): string {
  const serial = `${String(ordinal + 1).padStart(4, "0")}_${index}`;
  return dialect === "anthropic-messages" ? `toolu_sim${serial}` : `call_sim${serial}`;
}

function encodeToolCall(dialect: DialectId, call: SimulatedToolCall, ordinal: number, index: number): ToolCallPart {
  const part: ToolCallPart = {
    type: "tool-call",
    id: call.id ?? createToolCallId(dialect, ordinal, index),
    name: call.name,
    arguments: typeof call.arguments === "string" ? call.arguments : JSON.stringify(call.arguments),
  };
  // Gemini's API usually returns calls without an id (protocols.md 6.2); the hint keeps it off the wire.
  if (dialect === "gemini" && call.id === undefined) part.extras = { gemini: { $idSynthesized: true } };
  return part;
}

function readReasoning(dialect: DialectId, reasoning: string | SimulatedReasoning): SimulatedReasoning {
  const value = typeof reasoning === "string" ? { text: reasoning } : reasoning;
  // Anthropic always signs thinking blocks; the signature must be echoed back in a tool loop.
  if (value.signature === undefined && dialect === "anthropic-messages") {
    return { ...value, signature: Buffer.from(`llmux-simulator:${value.text}`).toString("base64") };
  }
  return value;
}

function estimateOutput(content: AssistantContentPart[]): number {
  let total = 0;
  for (const part of content) {
    if (part.type === "tool-call") total += estimateTextTokens(part.name) + estimateTextTokens(part.arguments);
    else total += estimateTextTokens(part.text);
  }
  return total;
}

function buildUsage(input: BuildReplyInput, content: AssistantContentPart[], reasoningText: string | undefined): Usage {
  const scripted = input.reply.usage ?? {};
  // OpenAI and Anthropic always report their cache counters, zero when nothing was cached.
  const reportsCache = input.dialect === "openai-chat" || input.dialect === "anthropic-messages";
  return {
    inputTokens: scripted.inputTokens ?? estimateInputTokens(input.request),
    outputTokens: scripted.outputTokens ?? Math.max(1, estimateOutput(content)),
    cacheReadTokens: scripted.cacheReadTokens ?? (reportsCache ? 0 : undefined),
    cacheWriteTokens: scripted.cacheWriteTokens ?? (input.dialect === "anthropic-messages" ? 0 : undefined),
    reasoningTokens: scripted.reasoningTokens ?? (reasoningText === undefined ? undefined : estimateTextTokens(reasoningText)),
  };
}

export function buildReply(input: BuildReplyInput): CanonicalResponse {
  const { dialect, reply, ordinal } = input;
  const created = input.created ?? Math.floor(Date.now() / 1000);
  const content: AssistantContentPart[] = [];
  let reasoningText: string | undefined;
  if (reply.reasoning !== undefined) {
    const reasoning = readReasoning(dialect, reply.reasoning);
    reasoningText = reasoning.text;
    content.push(reasoning.signature === undefined ? { type: "reasoning", text: reasoning.text } : { type: "reasoning", text: reasoning.text, signature: reasoning.signature });
  }
  const calls = reply.toolCalls ?? [];
  const text = reply.text ?? (calls.length > 0 ? undefined : createDefaultText(input.request));
  if (text !== undefined && text !== "") content.push({ type: "text", text });
  calls.forEach((call, index) => content.push(encodeToolCall(dialect, call, ordinal, index)));
  const finishReason: FinishReason = { unified: reply.finishReason ?? (calls.length > 0 ? "tool-calls" : "stop"), raw: undefined };
  return {
    id: createResponseId(dialect, ordinal, created),
    model: reply.model ?? input.request.model,
    created,
    content,
    finishReason,
    usage: buildUsage(input, content, reasoningText),
  };
}

/** The vendor's content-policy answer where it is a response, not an error (Anthropic, Gemini, Ollama). */
export function buildRefusal(input: Omit<BuildReplyInput, "reply">): CanonicalResponse {
  const response = buildReply({ ...input, reply: { text: "" } });
  const raw = input.dialect === "anthropic-messages" ? "refusal" : input.dialect === "gemini" ? "SAFETY" : undefined;
  return { ...response, content: [], finishReason: { unified: "content-filter", raw }, usage: { ...response.usage, outputTokens: 0 } };
}

/** Ollama's answer to a chat without messages: it only loads the model (`done_reason: "load"`). */
export function buildModelLoad(input: Omit<BuildReplyInput, "reply">): CanonicalResponse {
  const response = buildReply({ ...input, reply: { text: "" } });
  return { ...response, content: [], finishReason: { unified: "other", raw: "load" }, usage: { ...response.usage, inputTokens: undefined, outputTokens: undefined } };
}
