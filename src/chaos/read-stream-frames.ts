/**
 * @module
 * A stream answer as its frames, with the two facts the grader needs from the wire itself
 * (not from the decoder, which may be lenient): did it end with the dialect's proper end
 * (OpenAI `[DONE]`, Anthropic `message_stop`, Gemini a chunk with a finish reason, Ollama a
 * `done: true` line), and did it end with a well-formed in-stream error instead.
 */
import type { DialectId } from "../core/types/message.ts";
import { parseNdjsonLines } from "../dialects/ndjson.ts";
import { parseSse } from "../dialects/sse.ts";
import { isDialectError, parseJsonText } from "./error-shape.ts";

export interface StreamFrame {
  event: string | undefined;
  data: string;
}

export interface StreamEnding {
  frames: StreamFrame[];
  /** The last frame is the dialect's proper end of a complete answer. */
  properEnd: boolean;
  /** The last frame is a well-formed in-stream error of the dialect. */
  errorEnd: boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isGeminiFinal(value: unknown): boolean {
  if (!isRecord(value)) return false;
  const candidates = value["candidates"];
  const first = Array.isArray(candidates) ? candidates[0] : undefined;
  if (isRecord(first) && typeof first["finishReason"] === "string") return true;
  const feedback = value["promptFeedback"];
  return isRecord(feedback) && typeof feedback["blockReason"] === "string";
}

function isProperEnd(dialect: DialectId, frame: StreamFrame): boolean {
  switch (dialect) {
    case "openai-chat":
      return frame.data === "[DONE]";
    case "anthropic-messages":
      return frame.event === "message_stop";
    case "gemini":
      return isGeminiFinal(parseJsonText(frame.data));
    case "ollama": {
      const line = parseJsonText(frame.data);
      return isRecord(line) && line["done"] === true;
    }
  }
}

function isErrorFrame(dialect: DialectId, frame: StreamFrame): boolean {
  // Anthropic clients drop events without an `event:` line (protocols.md 2.3).
  if (dialect === "anthropic-messages" && frame.event !== "error") return false;
  return isDialectError(dialect, parseJsonText(frame.data));
}

export async function readStreamFrames(dialect: DialectId, text: string): Promise<StreamEnding> {
  const frames: StreamFrame[] = [];
  if (dialect === "ollama") {
    for await (const line of parseNdjsonLines(ReadableStream.from([text]))) frames.push({ event: undefined, data: line });
  } else {
    for await (const event of parseSse(ReadableStream.from([text]))) frames.push({ event: event.event, data: event.data });
  }
  const last = frames.at(-1);
  return {
    frames,
    properEnd: last !== undefined && isProperEnd(dialect, last),
    errorEnd: last !== undefined && isErrorFrame(dialect, last),
  };
}
