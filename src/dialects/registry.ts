/**
 * @module
 * Every dialect by id: the one table the router (egress) and the gateway (ingress) look up.
 */
import type { DialectId } from "../core/types/message.ts";
import { anthropicMessagesDialect } from "./anthropic-messages/index.ts";
import type { Dialect } from "./dialect.ts";
import { geminiDialect } from "./gemini/index.ts";
import { ollamaDialect } from "./ollama/index.ts";
import { openaiChatDialect } from "./openai-chat/index.ts";

export const dialects: Readonly<Record<DialectId, Dialect>> = {
  "openai-chat": openaiChatDialect,
  "anthropic-messages": anthropicMessagesDialect,
  gemini: geminiDialect,
  ollama: ollamaDialect,
};

export function getDialect(id: DialectId): Dialect {
  return dialects[id];
}
