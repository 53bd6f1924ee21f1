/**
 * @module
 * Keeps the stream contract for every dialect in one place: the last event is `finish`
 * or `error`, exactly once, whatever the source does (throws, ends early, keeps going).
 * Push decoders are wrapped in `guardDecoder`; encoders wrap the events they are given in
 * `guardStream`.
 */
import { classifyFailure } from "../core/classify-failure.ts";
import { LlmuxError, UpstreamError } from "../core/errors.ts";
import type { CanonicalEvent } from "../core/types/event.ts";
import type { StreamDecoder } from "./dialect.ts";

export interface StreamSource {
  provider?: string;
  model?: string;
}

export function streamCutError(message: string, source: StreamSource = {}): UpstreamError {
  return new UpstreamError({ provider: source.provider ?? "", model: source.model ?? "", kind: "connection", message });
}

function endedEarly(source: StreamSource): CanonicalEvent {
  return { type: "error", error: streamCutError("The stream ended before the response finished.", source) };
}

export function isTerminalEvent(event: CanonicalEvent): boolean {
  return event.type === "finish" || event.type === "error";
}

/** What a source that threw (a reset socket, a timeout, a bug) means for the stream. */
export function errorFromThrown(thrown: unknown, source: StreamSource): LlmuxError {
  if (LlmuxError.isInstance(thrown)) return thrown;
  const classification = classifyFailure({ cause: thrown });
  return new UpstreamError({
    provider: source.provider ?? "",
    model: source.model ?? "",
    kind: classification.kind,
    message: `The stream broke: ${classification.message}`,
    cause: thrown,
  });
}

/**
 * Holds a dialect's push decoder to the contract: nothing after the first `finish` or `error`,
 * an `error` for anything it throws, and an `error` when the body ends before either.
 */
export function guardDecoder(decoder: StreamDecoder, source: StreamSource = {}): StreamDecoder {
  let over = false;
  const upToTerminal = (events: CanonicalEvent[]): CanonicalEvent[] => {
    const at = events.findIndex(isTerminalEvent);
    if (at === -1) return events;
    over = true;
    return at === events.length - 1 ? events : events.slice(0, at + 1);
  };
  const failed = (thrown: unknown): CanonicalEvent[] => {
    over = true;
    return [{ type: "error", error: errorFromThrown(thrown, source) }];
  };
  return {
    push(frame) {
      if (over) return [];
      try {
        return upToTerminal(decoder.push(frame));
      } catch (thrown) {
        return failed(thrown);
      }
    },
    end() {
      if (over) return [];
      let events: CanonicalEvent[];
      try {
        events = upToTerminal(decoder.end());
      } catch (thrown) {
        return failed(thrown);
      }
      if (over) return events;
      over = true;
      return [...events, endedEarly(source)];
    },
  };
}

export async function* guardStream(
  events: AsyncIterable<CanonicalEvent>,
  source: StreamSource = {},
): AsyncGenerator<CanonicalEvent> {
  try {
    for await (const event of events) {
      yield event;
      if (isTerminalEvent(event)) return;
    }
  } catch (thrown) {
    yield { type: "error", error: errorFromThrown(thrown, source) };
    return;
  }
  yield endedEarly(source);
}
