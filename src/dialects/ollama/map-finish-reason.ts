/**
 * @module
 * Ollama `done_reason` ↔ canonical finish reason. Ollama says `stop` for tool calls, so
 * the presence of calls decides `tool-calls`, never the reason alone.
 */
import type { FinishReason, UnifiedFinishReason } from "../../core/types/response.ts";

const unifiedByDoneReason: Record<string, UnifiedFinishReason> = {
  stop: "stop",
  length: "length",
  // A request with no messages only loads the model; `unload` answers keep_alive 0.
  load: "other",
  unload: "other",
};

/** A missing `done_reason` (older servers) on a finished answer means a natural stop. */
export function mapFinishReason(doneReason: string | undefined, hasToolCalls: boolean): FinishReason {
  const unified = doneReason === undefined ? "stop" : (unifiedByDoneReason[doneReason] ?? "other");
  return { unified: hasToolCalls && unified === "stop" ? "tool-calls" : unified, raw: doneReason };
}

const doneReasonByUnified: Record<UnifiedFinishReason, string> = {
  stop: "stop",
  length: "length",
  "tool-calls": "stop",
  // Ollama has no filter or error reason: the answer simply stopped.
  "content-filter": "stop",
  error: "stop",
  other: "stop",
};

/** The `done_reason` to send; an Ollama raw value that means the same thing is kept as is. */
export function encodeDoneReason(finishReason: FinishReason): string {
  const { raw, unified } = finishReason;
  const keepsMeaning = raw !== undefined && raw in unifiedByDoneReason && mapFinishReason(raw, unified === "tool-calls").unified === unified;
  if (keepsMeaning) return raw;
  return doneReasonByUnified[finishReason.unified];
}
