/**
 * @module
 * Anthropic `stop_reason` ↔ canonical finish reason. The raw value is kept, so a
 * same-dialect round trip restores `stop_sequence` or `pause_turn` exactly.
 */
import type { FinishReason, UnifiedFinishReason } from "../../core/types/response.ts";
import type { AnthropicStopReason } from "./wire-types.ts";

const unifiedByStopReason: Record<AnthropicStopReason, UnifiedFinishReason> = {
  end_turn: "stop",
  stop_sequence: "stop",
  max_tokens: "length",
  model_context_window_exceeded: "length",
  tool_use: "tool-calls",
  refusal: "content-filter",
  // A server-tool loop paused: the caller must resend to continue.
  pause_turn: "other",
};

const stopReasonByUnified: Record<UnifiedFinishReason, AnthropicStopReason> = {
  stop: "end_turn",
  length: "max_tokens",
  "tool-calls": "tool_use",
  "content-filter": "refusal",
  error: "end_turn",
  other: "end_turn",
};

function isStopReason(value: string | undefined): value is AnthropicStopReason {
  return value !== undefined && Object.hasOwn(unifiedByStopReason, value);
}

export function mapFinishReason(raw: string | null | undefined): FinishReason {
  if (raw === null || raw === undefined) return { unified: "other", raw: undefined };
  return { unified: isStopReason(raw) ? unifiedByStopReason[raw] : "other", raw };
}

/** The raw value when it is Anthropic's and agrees with `unified`, else the table's choice. */
export function encodeFinishReason(reason: FinishReason): AnthropicStopReason {
  if (isStopReason(reason.raw) && unifiedByStopReason[reason.raw] === reason.unified) return reason.raw;
  return stopReasonByUnified[reason.unified];
}

/** True when `encodeFinishReason` cannot say what `reason` meant (an error, or an unknown "other"). */
export function isFinishReasonLossy(reason: FinishReason): boolean {
  return encodeFinishReason(reason) === "end_turn" && reason.unified !== "stop";
}
