/**
 * @module
 * What a simulated provider does with one request: a scripted Behaviour. A script is one
 * behaviour, an array consumed in order (the last one repeats), or a function of the
 * request and its ordinal. Behaviours compose where that makes sense, e.g.
 * `{ reply: { text }, chunks: 20, chunkDelayMs: 5 }` or `{ delayMs: 50, fail: { kind: "server" } }`.
 */
import type { FailureKind } from "../core/errors.ts";
import type { DialectId } from "../core/types/message.ts";
import type { UnifiedFinishReason } from "../core/types/response.ts";
import type { RequestHeaders } from "./request-headers.ts";

export interface SimulatedToolCall {
  name: string;
  /** An object, or JSON text (sent as is, so a test can script invalid JSON). */
  arguments: Record<string, unknown> | string;
  /** Defaults to a deterministic id in the vendor's style (`call_…`, `toolu_…`). */
  id?: string;
}

export interface SimulatedReasoning {
  text: string;
  /** Defaults to a deterministic signature for Anthropic; none elsewhere. */
  signature?: string;
}

export interface SimulatedUsage {
  inputTokens?: number;
  outputTokens?: number;
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
  reasoningTokens?: number;
}

export interface SimulatedReply {
  /** Defaults to a short answer echoing the prompt's last words (none when tool calls are given). */
  text?: string;
  toolCalls?: SimulatedToolCall[];
  reasoning?: string | SimulatedReasoning;
  /** Missing figures are estimated from the prompt and answer lengths. */
  usage?: SimulatedUsage;
  /** Defaults to `tool-calls` when there are tool calls, `stop` otherwise. */
  finishReason?: UnifiedFinishReason;
  /** The model the answer names; defaults to the requested model. */
  model?: string;
}

export interface SimulatedFailure {
  kind: FailureKind;
  /** Overrides the vendor's usual status for the kind. */
  status?: number;
  message?: string;
  /** Sent as `retry-after` (seconds; fractional below a second), or Gemini's RetryInfo. */
  retryAfterMs?: number;
  headers?: Record<string, string>;
}

export interface Behaviour {
  reply?: SimulatedReply;
  fail?: SimulatedFailure;
  /** Accept the request and never answer (until the provider closes). */
  hang?: boolean;
  /** Destroy the socket without an answer. */
  reset?: "before-headers";
  /** Wait before the status line and headers. */
  delayMs?: number;
  /** Stream: headers and any preamble (Anthropic `message_start`) at once, the first content late. */
  slowFirstTokenMs?: number;
  /** Stream: destroy the socket after this many content chunks. */
  cutAfterChunks?: number;
  /** Stream: stop writing after this many content chunks, keep the socket open. */
  stallAfterChunks?: number;
  /** Stream: a garbage frame where the n-th content chunk (1-based) would start. */
  malformedChunkAt?: number;
  /** Stream: leave out the end marker (OpenAI `[DONE]`, Anthropic `message_stop`); otherwise complete. */
  omitTerminator?: boolean;
  /** Answer the vendor's context-length error when the estimated prompt exceeds this many tokens. */
  contextWindow?: number;
  /** The vendor's content-policy answer (an error for OpenAI, a refusal or SAFETY finish elsewhere). */
  contentFilter?: boolean;
  /** Stream: wait this long before each content chunk. */
  chunkDelayMs?: number;
  /** Stream: split the text into this many deltas (default: one per word). */
  chunks?: number;
}

/** The endpoints a simulated provider serves; `unknown` counts requests to any other path. */
export type SimulatedEndpoint =
  | "chat-completions"
  | "embeddings"
  | "messages"
  | "count-tokens"
  | "generate-content"
  | "stream-generate-content"
  | "chat"
  | "models"
  | "unknown";

/** A request as the simulator received and recorded it. */
export interface SimulatedRequest {
  method: string;
  /** The path without the query string. */
  path: string;
  /** The path with the query string, as received. */
  url: string;
  query: Record<string, string>;
  headers: RequestHeaders;
  bodyText: string;
  /** The body parsed as JSON; undefined when it was empty or not JSON. */
  body: unknown;
  endpoint: SimulatedEndpoint;
  /** The requested model (from the body, or from the path for Gemini). */
  model: string | undefined;
  stream: boolean;
}

export type ScriptFunction = (request: SimulatedRequest, index: number) => Behaviour;

/** One behaviour for every request, an array consumed in order (the last repeats), or a function. */
export type Script = Behaviour | readonly Behaviour[] | ScriptFunction;

export interface SimulatedProviderOptions {
  dialect: DialectId;
  /** Applies to generation requests (chat, messages, generateContent); default: a normal answer. */
  script?: Script;
  /** Models served; when given, other models get the vendor's not-found answer. */
  models?: string[];
  /** Keys accepted; when given, any other key gets the vendor's authentication error. */
  apiKeys?: string[];
  port?: number;
  host?: string;
}

/** The behaviour `script` gives for the generation request number `index` (0-based). */
export function pickBehaviour(script: Script | undefined, request: SimulatedRequest, index: number): Behaviour {
  if (script === undefined) return {};
  if (typeof script === "function") return script(request, index);
  if (isBehaviourList(script)) return script[Math.min(index, script.length - 1)] ?? {};
  return script;
}

function isBehaviourList(script: Behaviour | readonly Behaviour[]): script is readonly Behaviour[] {
  return Array.isArray(script);
}
