/**
 * @module
 * Keeps the stream contract for every dialect in one place: the last event is `finish`
 * or `error`, exactly once, whatever the source does (throws, ends early, keeps going).
 * Decoders wrap their upstream parse in it; encoders wrap the events they are given.
 */
import { classifyFailure } from "../core/classify-failure.ts";
import { LlmuxError, UpstreamError } from "../core/errors.ts";
import type { CanonicalEvent } from "../core/types/event.ts";

export interface StreamSource {
  provider?: string;
  model?: string;
}

export function streamCutError(message: string, source: StreamSource = {}): UpstreamError {
  return new UpstreamError({ provider: source.provider ?? "", model: source.model ?? "", kind: "connection", message });
}

function errorFromThrown(thrown: unknown, source: StreamSource): LlmuxError {
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

export async function* guardStream(
  events: AsyncIterable<CanonicalEvent>,
  source: StreamSource = {},
): AsyncGenerator<CanonicalEvent> {
  try {
    for await (const event of events) {
      yield event;
      if (event.type === "finish" || event.type === "error") return;
    }
  } catch (thrown) {
    yield { type: "error", error: errorFromThrown(thrown, source) };
    return;
  }
  yield { type: "error", error: streamCutError("The stream ended before the response finished.", source) };
}
