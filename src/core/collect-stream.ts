/**
 * @module
 * Folds a canonical event stream into a canonical response: what a non-streaming caller
 * gets when the upstream streamed, and what tests compare.
 */
import { LlmuxError } from "./errors.ts";
import type { CanonicalEvent } from "./types/event.ts";
import type { AssistantContentPart, Extras } from "./types/message.ts";
import { emptyUsage, type CanonicalResponse } from "./types/response.ts";

/** Collects a stream; throws the stream's terminal error, or an LlmuxError if it ends unfinished. */
export async function collectStream(events: AsyncIterable<CanonicalEvent>): Promise<CanonicalResponse> {
  const response: CanonicalResponse = {
    id: "",
    model: "",
    content: [],
    finishReason: { unified: "other", raw: undefined },
    usage: emptyUsage(),
  };
  const blocks = new Map<number, AssistantContentPart>();
  let finished = false;
  for await (const event of events) {
    switch (event.type) {
      case "response-metadata":
        if (event.id !== undefined) response.id = event.id;
        if (event.model !== undefined) response.model = event.model;
        if (event.created !== undefined) response.created = event.created;
        break;
      case "text-start":
        openBlock(blocks, response, event.index, { type: "text", text: "" });
        break;
      case "text-delta": {
        const block = blocks.get(event.index) ?? openBlock(blocks, response, event.index, { type: "text", text: "" });
        if (block.type === "text" || block.type === "reasoning") block.text += event.text;
        break;
      }
      case "reasoning-start": {
        const part: AssistantContentPart = { type: "reasoning", text: "" };
        if (event.redactedData !== undefined) part.redactedData = event.redactedData;
        openBlock(blocks, response, event.index, part);
        break;
      }
      case "reasoning-delta": {
        const block = blocks.get(event.index) ?? openBlock(blocks, response, event.index, { type: "reasoning", text: "" });
        if (block.type === "reasoning" || block.type === "text") block.text += event.text;
        break;
      }
      case "reasoning-end": {
        const block = blocks.get(event.index);
        if (block?.type === "reasoning" && event.signature !== undefined) block.signature = event.signature;
        break;
      }
      case "tool-call-start": {
        const part: AssistantContentPart = { type: "tool-call", id: event.id, name: event.name, arguments: "" };
        if (event.extras !== undefined) part.extras = event.extras as Extras;
        openBlock(blocks, response, event.index, part);
        break;
      }
      case "tool-call-delta": {
        const block = blocks.get(event.index);
        if (block?.type === "tool-call") block.arguments += event.argumentsDelta;
        break;
      }
      case "usage":
        response.usage = event.usage;
        break;
      case "finish":
        response.finishReason = event.finishReason;
        response.usage = event.usage;
        finished = true;
        break;
      case "error":
        throw event.error;
      default:
        break;
    }
  }
  if (!finished) throw new LlmuxError("internal", "The stream ended without a finish event.");
  return response;
}

function openBlock(
  blocks: Map<number, AssistantContentPart>,
  response: CanonicalResponse,
  index: number,
  part: AssistantContentPart,
): AssistantContentPart {
  blocks.set(index, part);
  response.content.push(part);
  return part;
}
