/**
 * @module
 * Canonical stream events. A stream is `AsyncIterable<CanonicalEvent>` whose last event is
 * always `finish` or `error`: a decoder that loses its upstream ends with `error`, never with
 * silence, so a truncated answer can not pass for a complete one.
 *
 * Blocks (text, reasoning, tool call) have a lifecycle `start`, `delta`*, `end`, keyed by an
 * `index` that is unique within one response and counts every block kind (as Anthropic does).
 */
import type { LlmuxError } from "../errors.ts";
import type { Extras } from "./message.ts";
import type { FinishReason, Usage } from "./response.ts";

export interface ResponseMetadataEvent {
  type: "response-metadata";
  id?: string;
  model?: string;
  /** Unix seconds. */
  created?: number;
}

export interface TextStartEvent {
  type: "text-start";
  index: number;
}
export interface TextDeltaEvent {
  type: "text-delta";
  index: number;
  text: string;
}
export interface TextEndEvent {
  type: "text-end";
  index: number;
}

export interface ReasoningStartEvent {
  type: "reasoning-start";
  index: number;
  /** Set for Anthropic `redacted_thinking` blocks, which carry no text. */
  redactedData?: string;
}
export interface ReasoningDeltaEvent {
  type: "reasoning-delta";
  index: number;
  text: string;
}
export interface ReasoningEndEvent {
  type: "reasoning-end";
  index: number;
  signature?: string;
}

export interface ToolCallStartEvent {
  type: "tool-call-start";
  index: number;
  id: string;
  name: string;
  extras?: Extras;
}
export interface ToolCallDeltaEvent {
  type: "tool-call-delta";
  index: number;
  /** A fragment of the arguments' JSON text. */
  argumentsDelta: string;
}
export interface ToolCallEndEvent {
  type: "tool-call-end";
  index: number;
}

/** Usage as known so far (may be partial; `finish` carries the final figures). */
export interface UsageEvent {
  type: "usage";
  usage: Usage;
}

export interface FinishEvent {
  type: "finish";
  finishReason: FinishReason;
  usage: Usage;
}

/** Terminal: the stream broke. Encoders turn it into the dialect's in-stream error form. */
export interface ErrorEvent {
  type: "error";
  error: LlmuxError;
}

export type BlockEvent =
  | TextStartEvent
  | TextDeltaEvent
  | TextEndEvent
  | ReasoningStartEvent
  | ReasoningDeltaEvent
  | ReasoningEndEvent
  | ToolCallStartEvent
  | ToolCallDeltaEvent
  | ToolCallEndEvent;

export type CanonicalEvent = ResponseMetadataEvent | BlockEvent | UsageEvent | FinishEvent | ErrorEvent;

/** True for events that carry model output (what counts as the first token). */
export function isContentEvent(event: CanonicalEvent): boolean {
  return (
    event.type === "text-delta" ||
    event.type === "reasoning-delta" ||
    event.type === "tool-call-start" ||
    event.type === "tool-call-delta"
  );
}
