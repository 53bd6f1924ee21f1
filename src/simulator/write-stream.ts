/**
 * @module
 * Writes a simulated stream: canonical events through the dialect's own `encodeStream`,
 * each frame written as soon as the encoder produces it, never buffered. Faults act between
 * events: the encoders pull one event at a time, so when the next content event is asked
 * for, every frame of the ones before it is already on the wire. That is where a delay, a
 * cut, a stall or a garbage frame goes. A content chunk is one content event (a text or
 * reasoning delta, a tool-call start or fragment).
 */
import type { ServerResponse } from "node:http";
import { isContentEvent, type CanonicalEvent } from "../core/types/event.ts";
import type { Dialect } from "../dialects/dialect.ts";
import { parseSse } from "../dialects/sse.ts";
import type { Behaviour } from "./behaviour.ts";
import { pause } from "./pause.ts";
import { createMalformedFrame, isTerminatorFrame } from "./stream-frames.ts";

export interface StreamWriteOptions {
  response: ServerResponse;
  dialect: Dialect;
  events: CanonicalEvent[];
  behaviour: Behaviour;
  headers: Record<string, string>;
  /** Resolves when the connection closes (the client left, or the provider closed). */
  closed: Promise<void>;
  /** Gemini `streamGenerateContent` without `alt=sse`: one JSON array, written progressively. */
  jsonArray?: boolean;
  model: string;
  /** OpenAI: the caller asked for the usage chunk (`stream_options.include_usage`). */
  includeUsage: boolean;
}

async function toArrayPiece(frame: string, first: boolean): Promise<string> {
  let data = "";
  for await (const event of parseSse(ReadableStream.from([frame]))) data += event.data;
  if (data === "") return frame; // a garbage frame goes out as it is
  return `${first ? "[" : ",\r\n"}${data}`;
}

export async function writeStream(options: StreamWriteOptions): Promise<void> {
  const { response, behaviour, dialect } = options;
  response.writeHead(200, {
    "content-type": options.jsonArray ? "application/json" : dialect.streamContentType,
    "cache-control": "no-cache",
    ...options.headers,
  });
  response.flushHeaders();

  let isClosed = false;
  void options.closed.then(() => (isClosed = true));
  let contentCount = 0;
  let stopped = false;
  let holding = false;
  let held: string[] = [];
  let wroteArrayStart = false;

  const write = async (frame: string): Promise<void> => {
    if (isClosed || response.destroyed || response.writableEnded) return;
    if (!options.jsonArray) {
      response.write(frame);
      return;
    }
    const piece = await toArrayPiece(frame, !wroteArrayStart);
    if (piece.startsWith("[")) wroteArrayStart = true;
    response.write(piece);
  };
  const emit = async (frame: string): Promise<void> => {
    if (behaviour.omitTerminator === true && isTerminatorFrame(dialect.id, frame)) return;
    if (holding) held.push(frame);
    else await write(frame);
  };
  // The preamble (e.g. Anthropic's message_start) goes out at once, the first content frame late.
  const releaseHeld = async (): Promise<void> => {
    const frames = held;
    held = [];
    holding = false;
    const last = frames.pop();
    for (const frame of frames) await write(frame);
    await pause(behaviour.slowFirstTokenMs ?? 0, options.closed);
    if (last !== undefined) await write(last);
  };

  async function* source(): AsyncGenerator<CanonicalEvent> {
    for (const event of options.events) {
      if (holding) await releaseHeld();
      if (isClosed) return;
      if (isContentEvent(event) || event.type === "finish") {
        if (behaviour.cutAfterChunks !== undefined && contentCount >= behaviour.cutAfterChunks) {
          stopped = true;
          // Let the chunks already written reach the client, then drop the connection.
          await new Promise<void>((resolve) => response.write("", () => resolve()));
          response.destroy();
          return;
        }
        if (behaviour.stallAfterChunks !== undefined && contentCount >= behaviour.stallAfterChunks) {
          stopped = true;
          await options.closed;
          return;
        }
      }
      if (isContentEvent(event)) {
        contentCount += 1;
        if (contentCount === 1 && behaviour.slowFirstTokenMs !== undefined) holding = true;
        else if (behaviour.chunkDelayMs !== undefined) await pause(behaviour.chunkDelayMs, options.closed);
        if (behaviour.malformedChunkAt === contentCount) await emit(createMalformedFrame(dialect.id));
      }
      yield event;
    }
    if (holding) await releaseHeld();
  }

  for await (const frame of dialect.encodeStream(source(), { model: options.model, includeUsage: options.includeUsage })) await emit(frame);
  if (stopped || isClosed || response.destroyed) return;
  response.end(options.jsonArray && wroteArrayStart ? "]" : undefined);
}
