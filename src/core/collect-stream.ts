/**
 * @module
 * Folds a canonical event stream into a canonical response: what a non-streaming caller
 * gets when the upstream streamed, what a streaming router reports at the end, and what
 * tests compare. `StreamCollector` folds event by event; `collectStream` drains a stream.
 */
import { LlmuxError } from "./errors.ts";
import type { CanonicalEvent } from "./types/event.ts";
import type { AssistantContentPart } from "./types/message.ts";
import { emptyUsage, type CanonicalResponse } from "./types/response.ts";

export class StreamCollector {
  readonly response: CanonicalResponse = {
    id: "",
    model: "",
    content: [],
    finishReason: { unified: "other", raw: undefined },
    usage: emptyUsage(),
  };
  finished = false;
  error: LlmuxError | undefined;
  readonly #blocks = new Map<number, AssistantContentPart>();

  push(event: CanonicalEvent): void {
    const response = this.response;
    switch (event.type) {
      case "response-metadata":
        if (event.id !== undefined) response.id = event.id;
        if (event.model !== undefined) response.model = event.model;
        if (event.created !== undefined) response.created = event.created;
        break;
      case "text-start":
        this.#open(event.index, { type: "text", text: "" });
        break;
      case "text-delta":
      case "reasoning-delta": {
        const block = this.#blocks.get(event.index) ?? this.#open(event.index, event.type === "text-delta" ? { type: "text", text: "" } : { type: "reasoning", text: "" });
        if (block.type === "text" || block.type === "reasoning") block.text += event.text;
        break;
      }
      case "reasoning-start": {
        const part: AssistantContentPart = { type: "reasoning", text: "" };
        if (event.redactedData !== undefined) part.redactedData = event.redactedData;
        this.#open(event.index, part);
        break;
      }
      case "reasoning-end": {
        const block = this.#blocks.get(event.index);
        if (block?.type === "reasoning" && event.signature !== undefined) block.signature = event.signature;
        break;
      }
      case "tool-call-start": {
        const part: AssistantContentPart = { type: "tool-call", id: event.id, name: event.name, arguments: "" };
        if (event.extras !== undefined) part.extras = event.extras;
        this.#open(event.index, part);
        break;
      }
      case "tool-call-delta": {
        const block = this.#blocks.get(event.index);
        if (block?.type === "tool-call") block.arguments += event.argumentsDelta;
        break;
      }
      case "usage":
        response.usage = event.usage;
        break;
      case "finish":
        response.finishReason = event.finishReason;
        response.usage = event.usage;
        this.finished = true;
        break;
      case "error":
        this.error = event.error;
        break;
      default:
        break;
    }
  }

  #open(index: number, part: AssistantContentPart): AssistantContentPart {
    this.#blocks.set(index, part);
    this.response.content.push(part);
    return part;
  }
}

/** Collects a stream; throws the stream's terminal error, or an LlmuxError if it ends unfinished. */
export async function collectStream(events: AsyncIterable<CanonicalEvent>): Promise<CanonicalResponse> {
  const collector = new StreamCollector();
  for await (const event of events) {
    collector.push(event);
    if (collector.error) throw collector.error;
  }
  if (!collector.finished) throw new LlmuxError("internal", "The stream ended without a finish event.");
  return collector.response;
}
