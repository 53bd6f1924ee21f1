/**
 * @module
 * A canonical response → the canonical events of the same answer streamed: metadata, the
 * prompt's usage first (Anthropic reports it in `message_start`), each block as start,
 * deltas, end (text split by word or into `chunks` pieces, tool arguments in fragments as
 * OpenAI and Anthropic stream them), then `finish` with the full usage.
 */
import type { CanonicalEvent } from "../core/types/event.ts";
import type { DialectId } from "../core/types/message.ts";
import { emptyUsage, type CanonicalResponse } from "../core/types/response.ts";

export interface ReplyEventsOptions {
  dialect: DialectId;
  /** Split the text into this many deltas; default one delta per word. */
  chunks?: number;
}

const argumentFragments = 3;

/** Pieces whose concatenation is `text`: `count` pieces of near-equal length, or one per word. */
export function splitText(text: string, count?: number): string[] {
  if (text === "") return [];
  if (count === undefined) return text.match(/\S*\s*/g)?.filter((piece) => piece !== "") ?? [text];
  // By code point, so no piece ends in half a surrogate pair.
  const characters = Array.from(text);
  const pieces = Math.max(1, Math.min(Math.floor(count), characters.length));
  const result: string[] = [];
  for (let index = 0; index < pieces; index++) {
    const start = Math.floor((index * characters.length) / pieces);
    const end = Math.floor(((index + 1) * characters.length) / pieces);
    result.push(characters.slice(start, end).join(""));
  }
  return result;
}

export function createReplyEvents(response: CanonicalResponse, options: ReplyEventsOptions): CanonicalEvent[] {
  const events: CanonicalEvent[] = [];
  // Ollama sends no id; its dialect derives one from created_at.
  const metadata: CanonicalEvent = { type: "response-metadata", model: response.model };
  if (response.created !== undefined) metadata.created = response.created;
  if (options.dialect !== "ollama") metadata.id = response.id;
  events.push(metadata);
  events.push({ type: "usage", usage: { ...emptyUsage(), inputTokens: response.usage.inputTokens } });
  response.content.forEach((part, index) => {
    if (part.type === "text") {
      events.push({ type: "text-start", index });
      for (const text of splitText(part.text, options.chunks)) events.push({ type: "text-delta", index, text });
      events.push({ type: "text-end", index });
    } else if (part.type === "reasoning") {
      events.push({ type: "reasoning-start", index });
      for (const text of splitText(part.text)) events.push({ type: "reasoning-delta", index, text });
      const end: CanonicalEvent = { type: "reasoning-end", index };
      if (part.signature !== undefined) end.signature = part.signature;
      events.push(end);
    } else {
      const start: CanonicalEvent = { type: "tool-call-start", index, id: part.id, name: part.name };
      if (part.extras !== undefined) start.extras = part.extras;
      events.push(start);
      for (const argumentsDelta of splitText(part.arguments, argumentFragments)) events.push({ type: "tool-call-delta", index, argumentsDelta });
      events.push({ type: "tool-call-end", index });
    }
  });
  events.push({ type: "finish", finishReason: response.finishReason, usage: response.usage });
  return events;
}
