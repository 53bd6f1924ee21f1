/**
 * @module
 * Continuation mode (opt-in): when a stream breaks after content reached the client, resume
 * on a fallback candidate with the partial answer as an assistant prefix, and keep the
 * client's stream going as one answer. Only candidates whose dialect continues a trailing
 * assistant turn (a prefill) are asked; when none can, the client gets the clean error it
 * would have had anyway.
 */
import { UpstreamError, type LlmuxError } from "../../core/errors.ts";
import type { CanonicalEvent } from "../../core/types/event.ts";
import type { DialectId } from "../../core/types/message.ts";
import type { CanonicalRequest } from "../../core/types/request.ts";
import type { CanonicalResponse } from "../../core/types/response.ts";
import type { Candidate } from "../../routing/candidate.ts";
import type { Plan } from "../../routing/plan.ts";
import type { RouteOptions, Router } from "../../routing/router.ts";
import { primeStream, type PrimedStream } from "../../routing/stream-attempt.ts";

/** Dialects whose APIs continue a trailing assistant (model) turn instead of answering anew. */
const acceptsPrefix: Readonly<Record<DialectId, boolean>> = {
  "anthropic-messages": true, // a final assistant message is a prefill
  gemini: true, // a final `model` turn is continued
  "openai-chat": false, // Chat Completions has no standard prefix continuation
  ollama: false,
};

export interface ContinuationInfo {
  provider: string;
  model: string;
  /** Why the first stream broke. */
  reason: string;
  /** The break itself, for the broken candidate's health record. */
  error: LlmuxError;
}

export interface ContinuationContext {
  router: Router;
  plan: Plan;
  request: CanonicalRequest;
  options: RouteOptions;
  /** The candidate whose stream broke. */
  served: Candidate;
  firstTokenMs: number;
  /** Told when a continuation takes over, so the response can say so. */
  onContinue: (info: ContinuationInfo) => void;
}

/** The partial answer is continuable when it is plain text (no half-made tool call). */
function partialText(partial: CanonicalResponse): string | undefined {
  if (partial.content.some((part) => part.type === "tool-call")) return undefined;
  const text = partial.content.map((part) => (part.type === "text" ? part.text : "")).join("");
  return text === "" ? undefined : text;
}

/**
 * Events that carry on the broken stream: the continuation's text goes into the block that
 * was open, its other blocks are moved past the indexes already used, and its metadata (a new
 * response id) is dropped so the client sees one answer.
 */
async function* spliced(events: AsyncIterable<CanonicalEvent>, openTextIndex: number | undefined, nextIndex: number): AsyncGenerator<CanonicalEvent> {
  let textIndex: number | undefined;
  const offset = (index: number): number => (index === textIndex && openTextIndex !== undefined ? openTextIndex : index + nextIndex);
  for await (const event of events) {
    switch (event.type) {
      case "response-metadata":
        break;
      case "text-start":
        if (textIndex === undefined && openTextIndex !== undefined) textIndex = event.index;
        else yield { ...event, index: offset(event.index) };
        break;
      case "text-delta":
      case "text-end":
      case "reasoning-start":
      case "reasoning-delta":
      case "reasoning-end":
      case "tool-call-start":
      case "tool-call-delta":
      case "tool-call-end":
        if (event.type === "text-delta" && textIndex === undefined && openTextIndex !== undefined) textIndex = event.index;
        yield { ...event, index: offset(event.index) };
        break;
      default:
        yield event;
    }
  }
}

/**
 * Tries to continue a broken stream. Returns the events that carry it on, or undefined when
 * no candidate can take a prefix (the caller then sends the original error).
 */
export async function continueStream(
  context: ContinuationContext,
  partial: CanonicalResponse,
  state: { openTextIndex: number | undefined; nextIndex: number },
  error: LlmuxError,
): Promise<AsyncIterable<CanonicalEvent> | undefined> {
  const prefix = partialText(partial);
  if (prefix === undefined) return undefined;
  const remaining = context.plan.candidates.filter(
    (candidate) => candidate !== context.served && acceptsPrefix[candidate.provider.dialect] && !(candidate.provider.id === context.served.provider.id && candidate.model === context.served.model),
  );
  if (remaining.length === 0) return undefined;
  const request: CanonicalRequest = {
    ...context.request,
    messages: [...context.request.messages, { role: "assistant", content: [{ type: "text", text: prefix }] }],
  };
  const timeouts = context.router.attemptTimeouts(context.options, true);
  let execution;
  try {
    execution = await context.router.executePlan<PrimedStream>({ ...context.plan, candidates: remaining, deferred: [] }, request, context.options, (attempt) =>
      primeStream({ call: context.router.upstreamCall(attempt, timeouts), firstTokenMs: context.firstTokenMs, callerSignal: attempt.signal }),
    );
  } catch {
    return undefined;
  }
  const served = execution;
  context.onContinue({
    provider: served.candidate.provider.id,
    model: served.candidate.model,
    reason: error instanceof UpstreamError ? `${error.provider || context.served.provider.id}: ${error.kind}` : error.message,
    error,
  });
  async function* settled(): AsyncGenerator<CanonicalEvent> {
    let ok = false;
    try {
      for await (const event of served.value.events) {
        if (event.type === "finish") ok = true;
        yield event;
      }
    } finally {
      served.settle({ ok, ...(served.value.ttftMs === undefined ? {} : { ttftMs: served.value.ttftMs }) });
    }
  }
  return spliced(settled(), state.openTextIndex, state.nextIndex);
}

/** Tracks which text block is open and which indexes are used, as events pass to the client. */
export class BlockTracker {
  openTextIndex: number | undefined;
  nextIndex = 0;
  observe(event: CanonicalEvent): void {
    if ("index" in event) this.nextIndex = Math.max(this.nextIndex, event.index + 1);
    if (event.type === "text-start" || (event.type === "text-delta" && this.openTextIndex === undefined)) this.openTextIndex = event.index;
    if (event.type === "text-end" && this.openTextIndex === event.index) this.openTextIndex = undefined;
    if (event.type === "tool-call-start" || event.type === "reasoning-start") this.openTextIndex = undefined;
  }
}
