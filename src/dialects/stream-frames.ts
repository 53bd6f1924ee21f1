/**
 * @module
 * A dialect's stream as frames, whatever its framing (SSE events or NDJSON lines): the
 * synchronous splitter, the frame's text as the dialect writes it, and `decodeFramedStream`,
 * which joins a splitter and a dialect's push decoder into its async `decodeStream`.
 */
import type { CanonicalEvent } from "../core/types/event.ts";
import type { Dialect, StreamDecoder, StreamFrame } from "./dialect.ts";
import { NdjsonSplitter } from "./ndjson.ts";
import { formatSse, SseSplitter } from "./sse.ts";
import { errorFromThrown, isTerminalEvent } from "./stream-guard.ts";

/** Bytes or text in, the frames each read completes out; `end` when the source ends. */
export interface FrameSplitter {
  push(chunk: Uint8Array | string): StreamFrame[];
  end(): StreamFrame[];
}

type Framing = Dialect["streamFraming"];

export function createFrameSplitter(framing: Framing): FrameSplitter {
  if (framing === "sse") return new SseSplitter();
  const lines = new NdjsonSplitter();
  return {
    push: (chunk) => lines.push(chunk).map((data) => ({ data })),
    end: () => lines.end().map((data) => ({ data })),
  };
}

/** A frame's text as the dialect frames it (what a client of that dialect reads). */
export function formatFrame(framing: Framing, frame: StreamFrame): string {
  return framing === "sse" ? formatSse(frame.data, frame.event) : `${frame.data}\n`;
}

function decodeFrames(frames: StreamFrame[], decoder: StreamDecoder): CanonicalEvent[] {
  let events: CanonicalEvent[] = [];
  for (const frame of frames) {
    const found = decoder.push(frame);
    events = events.length === 0 ? found : events.concat(found);
  }
  return events;
}

/**
 * Upstream bytes → canonical events through a push decoder (`guardDecoder`-wrapped, so its
 * events end with one `finish` or `error`). A source that throws ends in `error`; reading
 * stops at the terminal event, which closes the source.
 */
export async function* decodeFramedStream(
  body: AsyncIterable<Uint8Array | string>,
  framing: Framing,
  decoder: StreamDecoder,
): AsyncGenerator<CanonicalEvent> {
  const splitter = createFrameSplitter(framing);
  try {
    for await (const chunk of body) {
      for (const event of decodeFrames(splitter.push(chunk), decoder)) {
        yield event;
        if (isTerminalEvent(event)) return;
      }
    }
  } catch (thrown) {
    yield { type: "error", error: errorFromThrown(thrown, {}) };
    return;
  }
  yield* decodeFrames(splitter.end(), decoder);
  yield* decoder.end();
}
