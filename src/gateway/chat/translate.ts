/**
 * @module
 * The translation path: the upstream speaks another dialect, so its answer is decoded to
 * canonical form and encoded in the client's dialect (the same tries as the router's own).
 */
import { outputTextOf } from "../../core/estimate-tokens.ts";
import type { CanonicalEvent } from "../../core/types/event.ts";
import type { Usage } from "../../core/types/response.ts";
import type { Dialect } from "../../dialects/dialect.ts";
import type { Candidate } from "../../routing/candidate.ts";
import { callUpstream, toAttemptError, type UpstreamCall } from "../../routing/call-upstream.ts";
import { primeStream } from "../../routing/stream-attempt.ts";
import { BlockTracker, continueStream, type ContinuationContext } from "./continuation.ts";
import type { ForwardedResponse, ForwardedStream } from "./fast-path.ts";

export interface TranslateOptions {
  /** The client's dialect. */
  dialect: Dialect;
  /** Prices usage as the candidate that served it charges. */
  costOf: (usage: Usage, candidate: Candidate) => number | undefined;
  /** The client asked for usage in the stream (OpenAI `include_usage`). */
  includeUsage: boolean;
}

export async function translateResponse(call: UpstreamCall, options: TranslateOptions): Promise<ForwardedResponse> {
  const answer = await callUpstream(call).catch((thrown: unknown) => {
    throw toAttemptError(thrown, call);
  });
  const encoded = options.dialect.encodeResponse(answer.response, { costOf: (usage) => options.costOf(usage, call.candidate) });
  return {
    usage: answer.response.usage,
    outputText: () => outputTextOf(answer.response),
    bodyText: JSON.stringify(encoded.value),
    warnings: [...answer.warnings, ...encoded.warnings],
  };
}

export interface TranslateStreamOptions extends TranslateOptions {
  firstTokenMs: number;
  /** Continuation mode: resume a stream that breaks after content on a fallback. */
  continuation?: ContinuationContext;
}

export async function translateStream(call: UpstreamCall, options: TranslateStreamOptions): Promise<ForwardedStream> {
  const primed = await primeStream({ call, firstTokenMs: options.firstTokenMs, callerSignal: call.signal });
  const collector = primed.collector;
  const blocks = new BlockTracker();
  async function* tapped(): AsyncGenerator<CanonicalEvent> {
    for await (const event of primed.events) {
      if (event.type === "error" && options.continuation) {
        const rest = await continueStream(options.continuation, collector.response, blocks, event.error);
        if (rest) {
          for await (const continued of rest) {
            collector.push(continued);
            yield continued;
          }
          return;
        }
      }
      collector.push(event);
      blocks.observe(event);
      yield event;
    }
  }
  const frames = options.dialect.encodeStream(tapped(), {
    includeUsage: options.includeUsage,
    costOf: (usage) => options.costOf(usage, call.candidate),
    model: call.candidate.upstreamModel,
  });
  return { frames, collector, ttftMs: primed.ttftMs, warnings: primed.warnings, cancel: () => primed.cancel() };
}
