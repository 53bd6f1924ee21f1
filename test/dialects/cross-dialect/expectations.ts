/**
 * What an official SDK must report for a cell, in its own vendor's terms.
 */
import type { DialectId } from "../../../src/core/types/message.ts";
import type { SdkAnswer, SdkDialect } from "./sdk-clients.ts";

export interface UsageFigures {
  input: number | undefined;
  output: number | undefined;
  total: number | undefined;
}

/** The SDK's usage in common terms: the whole prompt, the whole output (reasoning included), the total. */
export function readUsage(dialect: SdkDialect, answer: SdkAnswer): UsageFigures {
  const usage = answer.usage;
  switch (dialect) {
    case "openai-chat":
      return { input: usage["prompt_tokens"], output: usage["completion_tokens"], total: usage["total_tokens"] };
    case "anthropic-messages": {
      const input = usage["input_tokens"];
      const output = usage["output_tokens"];
      return { input, output, total: input === undefined || output === undefined ? undefined : input + output };
    }
    case "gemini": {
      const candidates = usage["candidatesTokenCount"];
      return { input: usage["promptTokenCount"], output: candidates === undefined ? undefined : candidates + (usage["thoughtsTokenCount"] ?? 0), total: usage["totalTokenCount"] };
    }
  }
}

export const finishReasons: Record<"text" | "tools", Record<SdkDialect, string>> = {
  text: { "openai-chat": "stop", "anthropic-messages": "end_turn", gemini: "STOP" },
  // Gemini ends a function call with STOP (protocols.md 6.3).
  tools: { "openai-chat": "tool_calls", "anthropic-messages": "tool_use", gemini: "STOP" },
};

/** Whether a dialect's answers carry tool-call ids on the wire (Gemini's usually do not). */
export function sendsToolCallIds(dialect: DialectId): boolean {
  return dialect !== "gemini";
}
