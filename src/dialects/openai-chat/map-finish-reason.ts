/**
 * @module
 * `finish_reason` ↔ canonical finish reason. On encode the reason is derived from what the
 * answer contains (tool calls present → `tool_calls`), never copied from another dialect's
 * raw value: Gemini says `STOP` and Anthropic `tool_use` even around text.
 */
import type { FinishReason, UnifiedFinishReason } from "../../core/types/response.ts";
import type { OpenAIChatFinishReason } from "./wire-types.ts";

const unifiedByWire: Record<string, UnifiedFinishReason> = {
  stop: "stop",
  length: "length",
  tool_calls: "tool-calls",
  function_call: "tool-calls",
  content_filter: "content-filter",
};

const wireByUnified: Record<UnifiedFinishReason, OpenAIChatFinishReason> = {
  stop: "stop",
  length: "length",
  // Without calls in the answer there is nothing to report as tool_calls.
  "tool-calls": "stop",
  "content-filter": "content_filter",
  error: "stop",
  other: "stop",
};

/** True for the five values of the OpenAI spec (a provider may send its own). */
export function isStandardFinishReason(raw: string): raw is OpenAIChatFinishReason {
  return raw in unifiedByWire;
}

export function mapFinishReason(raw: string | null | undefined): FinishReason {
  if (raw === null || raw === undefined) return { unified: "other", raw: undefined };
  return { unified: unifiedByWire[raw] ?? "other", raw };
}

export interface FinishContext {
  hasToolCalls: boolean;
  /** The call is a legacy `function_call`. */
  legacyFunctionCall?: boolean;
}

export function encodeFinishReason(reason: FinishReason, context: FinishContext): OpenAIChatFinishReason {
  if (context.legacyFunctionCall) return "function_call";
  if (context.hasToolCalls) return "tool_calls";
  return wireByUnified[reason.unified];
}
