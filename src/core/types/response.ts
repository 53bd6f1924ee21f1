/**
 * @module
 * The canonical response, usage and finish reason.
 */
import type { AssistantContentPart, Extras } from "./message.ts";

/**
 * Token counts. Every field is `number | undefined`: unknown is not zero.
 * `inputTokens` is the whole prompt, cached tokens included (cache read and cache write are
 * subsets of it); `outputTokens` includes reasoning tokens (`reasoningTokens` is a subset).
 */
export interface Usage {
  inputTokens: number | undefined;
  outputTokens: number | undefined;
  cacheReadTokens: number | undefined;
  cacheWriteTokens: number | undefined;
  reasoningTokens: number | undefined;
  /** The vendor's usage object as received, for records. */
  raw?: unknown;
}

export type UnifiedFinishReason = "stop" | "length" | "tool-calls" | "content-filter" | "error" | "other";

export interface FinishReason {
  unified: UnifiedFinishReason;
  /** The vendor's own value (e.g. `end_turn`, `MAX_TOKENS`), undefined when none was sent. */
  raw: string | undefined;
}

/** A translation loss: something the target dialect cannot express. Never silent. */
export interface Warning {
  code: "unsupported-field" | "unsupported-content" | "lossy-conversion" | "dropped-extras";
  message: string;
  /** Where in the input the lost thing sat, e.g. `messages[2].content[0]`. */
  path?: string;
}

export interface CanonicalResponse {
  id: string;
  /** The model that actually served, as the upstream named it. */
  model: string;
  /** Unix seconds. */
  created?: number;
  content: AssistantContentPart[];
  finishReason: FinishReason;
  usage: Usage;
  extras?: Extras;
}

/** Did the upstream report token counts (rather than nothing)? */
export function hasKnownUsage(usage: Usage): boolean {
  return usage.inputTokens !== undefined || usage.outputTokens !== undefined;
}

export function emptyUsage(): Usage {
  return {
    inputTokens: undefined,
    outputTokens: undefined,
    cacheReadTokens: undefined,
    cacheWriteTokens: undefined,
    reasoningTokens: undefined,
  };
}
