/**
 * @module
 * Gemini finish reasons ↔ unified ones. Gemini ends a function call with `STOP`, so
 * `tool-calls` is derived from the presence of functionCall parts, never from the reason.
 */
import type { FinishReason, UnifiedFinishReason } from "../../core/types/response.ts";
import type { GeminiFinishReason } from "./wire-types.ts";

const unifiedByGemini: Record<GeminiFinishReason, UnifiedFinishReason> = {
  FINISH_REASON_UNSPECIFIED: "other",
  STOP: "stop",
  MAX_TOKENS: "length",
  SAFETY: "content-filter",
  RECITATION: "content-filter",
  LANGUAGE: "content-filter",
  BLOCKLIST: "content-filter",
  PROHIBITED_CONTENT: "content-filter",
  SPII: "content-filter",
  IMAGE_SAFETY: "content-filter",
  IMAGE_PROHIBITED_CONTENT: "content-filter",
  IMAGE_RECITATION: "content-filter",
  MALFORMED_FUNCTION_CALL: "error",
  UNEXPECTED_TOOL_CALL: "error",
  TOO_MANY_TOOL_CALLS: "error",
  MALFORMED_RESPONSE: "error",
  OTHER: "other",
  NO_IMAGE: "other",
  IMAGE_OTHER: "other",
  CONTINUATION: "other",
};

const geminiByUnified: Record<UnifiedFinishReason, GeminiFinishReason> = {
  stop: "STOP",
  "tool-calls": "STOP",
  length: "MAX_TOKENS",
  "content-filter": "SAFETY",
  error: "OTHER",
  other: "OTHER",
};

function isGeminiFinishReason(raw: string): raw is GeminiFinishReason {
  return Object.hasOwn(unifiedByGemini, raw);
}

/** Wire → canonical. `hasToolCalls` turns a `STOP` (or a missing reason) into `tool-calls`. */
export function mapFinishReason(raw: string | undefined, hasToolCalls: boolean): FinishReason {
  if (hasToolCalls && (raw === undefined || raw === "STOP")) return { unified: "tool-calls", raw };
  if (raw === undefined) return { unified: "other", raw };
  return { unified: isGeminiFinishReason(raw) ? unifiedByGemini[raw] : "other", raw };
}

/** Canonical → wire: the raw value when it is Gemini's own and still means the same, else the table. */
export function encodeFinishReason(reason: FinishReason, hasToolCalls: boolean): GeminiFinishReason {
  const raw = reason.raw;
  if (raw !== undefined && isGeminiFinishReason(raw) && mapFinishReason(raw, hasToolCalls).unified === reason.unified) return raw;
  return geminiByUnified[reason.unified];
}
