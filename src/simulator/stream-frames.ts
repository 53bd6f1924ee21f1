/**
 * @module
 * Facts about each dialect's stream frames the simulator's faults need: a garbage frame in
 * the dialect's own framing (so the client's parser reaches it, then fails on its JSON), and
 * which frame is the end marker (OpenAI `data: [DONE]`, Anthropic `message_stop`; Gemini
 * and Ollama have none apart from their last data frame, protocols.md 6.7).
 */
import type { DialectId } from "../core/types/message.ts";

export function createMalformedFrame(dialect: DialectId): string {
  switch (dialect) {
    case "openai-chat":
      return 'data: {"id":"chatcmpl-broken","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"trunc\n\n';
    case "anthropic-messages":
      return 'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"trunc\n\n';
    case "gemini":
      return 'data: {"candidates":[{"content":{"parts":[{"text":"trunc\n\n';
    case "ollama":
      return '{"model":"simulated","created_at":"2025-01-01T00:00:00Z","message":{"role":"assistant","content":"trunc\n';
  }
}

export function isTerminatorFrame(dialect: DialectId, frame: string): boolean {
  if (dialect === "openai-chat") return frame.trim() === "data: [DONE]";
  if (dialect === "anthropic-messages") return frame.startsWith("event: message_stop\n");
  return false;
}
