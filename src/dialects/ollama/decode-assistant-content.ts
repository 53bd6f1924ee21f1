/**
 * @module
 * The assistant fields of an Ollama message (`thinking`, `content`, `tool_calls`) →
 * canonical parts, in that order. Shared by request history and responses.
 */
import type { AssistantContentPart, ToolCallPart } from "../../core/types/message.ts";
import { checkArray, checkString, isAbsent } from "./check-field.ts";
import { decodeToolCall } from "./tool-calls.ts";

export interface AssistantContentInput {
  record: Record<string, unknown>;
  /** Dotted path of the message, for errors. */
  param: string;
  /** Fields read so far; the ones read here are added. */
  consumed: Set<string>;
  /** The id for the n-th call when the wire gives none. */
  idFor: (ordinal: number) => string;
}

/** Never empty: a message with nothing in it reads as one empty text part. */
export function decodeAssistantContent(input: AssistantContentInput): { content: AssistantContentPart[]; calls: ToolCallPart[] } {
  const { record, param, consumed } = input;
  const content: AssistantContentPart[] = [];
  if (!isAbsent(record["thinking"])) {
    const text = checkString(record["thinking"], `${param}.thinking`);
    if (text !== "") {
      content.push({ type: "reasoning", text });
      consumed.add("thinking");
    }
  }
  let text = "";
  if (!isAbsent(record["content"])) {
    text = checkString(record["content"], `${param}.content`);
    consumed.add("content");
  }
  const calls: ToolCallPart[] = [];
  if (!isAbsent(record["tool_calls"])) {
    checkArray(record["tool_calls"], `${param}.tool_calls`).forEach((call, ordinal) => {
      calls.push(decodeToolCall(call, { param: `${param}.tool_calls[${ordinal}]`, fallbackId: input.idFor(ordinal) }));
    });
    if (calls.length > 0) consumed.add("tool_calls");
  }
  if (text !== "" || content.length + calls.length === 0) content.push({ type: "text", text });
  content.push(...calls);
  return { content, calls };
}
