/**
 * @module
 * Answers one generation request (chat, messages, generateContent) as its behaviour says,
 * in this order: socket faults (reset, hang), the delay before headers, the vendor's own
 * validation (400), an unknown model (404), a scripted failure, the context window, the
 * content filter, then the reply as JSON or as a stream.
 */
import type { ServerResponse } from "node:http";
import { estimateInputTokens } from "../core/estimate-tokens.ts";
import { InvalidRequestError, NotFoundError, UpstreamError, toLlmuxError, type LlmuxError } from "../core/errors.ts";
import type { CanonicalRequest } from "../core/types/request.ts";
import type { Dialect } from "../dialects/dialect.ts";
import type { Behaviour, SimulatedRequest } from "./behaviour.ts";
import { buildModelLoad, buildRefusal, buildReply } from "./build-reply.ts";
import { isRecord } from "./check-value.ts";
import { buildFailureAnswer, describeContextOverflow, encodeErrorAnswer, type ErrorAnswer } from "./failure-answer.ts";
import { pause } from "./pause.ts";
import { createReplyEvents } from "./reply-events.ts";
import { sendJson } from "./send-json.ts";
import { validateRequest } from "./validate-request.ts";
import { writeStream } from "./write-stream.ts";

export interface GenerationContext {
  dialect: Dialect;
  request: SimulatedRequest;
  behaviour: Behaviour;
  /** Which generation request this is since the provider started (0-based): makes ids unique. */
  serial: number;
  /** Models served, when restricted. */
  models: string[] | undefined;
  response: ServerResponse;
  closed: Promise<void>;
  /** Headers the vendor puts on every answer (request ids). */
  vendorHeaders: Record<string, string>;
}

function sendAnswer(context: GenerationContext, answer: ErrorAnswer): void {
  sendJson(context.response, answer.status, answer.body, { ...context.vendorHeaders, ...answer.headers });
}

function sendError(context: GenerationContext, error: LlmuxError): void {
  sendAnswer(context, encodeErrorAnswer(context.dialect, error));
}

function decodeCanonical(context: GenerationContext): CanonicalRequest {
  const { request } = context;
  const decodeContext: { model?: string; stream: boolean } = { stream: request.stream };
  if (context.dialect.id === "gemini" && request.model !== undefined) decodeContext.model = request.model;
  return context.dialect.decodeRequest(request.body, decodeContext).value;
}

function readModel(context: GenerationContext): string {
  return context.request.model ?? "";
}

/** True when the request is settled by a fault or an error answer before any reply. */
function answerProblems(context: GenerationContext): boolean {
  const { request, dialect } = context;
  const problems = validateRequest({ dialect: dialect.id, body: request.body, headers: request.headers, query: request.query });
  if (problems.length > 0) {
    sendError(context, new InvalidRequestError(problems.join("; ")));
    return true;
  }
  if (context.models !== undefined && !context.models.includes(readModel(context))) {
    sendError(context, new NotFoundError(`The model \`${readModel(context)}\` does not exist or you do not have access to it.`));
    return true;
  }
  const failure = context.behaviour.fail;
  if (failure !== undefined) {
    sendAnswer(context, buildFailureAnswer(dialect, failure, readModel(context)));
    return true;
  }
  return false;
}

export async function answerGeneration(context: GenerationContext): Promise<void> {
  const { behaviour, response, dialect, request } = context;
  if (behaviour.reset === "before-headers") {
    response.destroy();
    return;
  }
  if (behaviour.hang === true) {
    await context.closed;
    return;
  }
  if (behaviour.delayMs !== undefined) await pause(behaviour.delayMs, context.closed);
  if (response.destroyed || answerProblems(context)) return;

  let canonical: CanonicalRequest;
  try {
    canonical = decodeCanonical(context);
  } catch (error) {
    sendError(context, toLlmuxError(error));
    return;
  }
  const promptTokens = estimateInputTokens(canonical);
  if (behaviour.contextWindow !== undefined && promptTokens > behaviour.contextWindow) {
    const message = describeContextOverflow(dialect.id, promptTokens, behaviour.contextWindow);
    sendError(context, new UpstreamError({ provider: "simulator", model: readModel(context), kind: "context-window", message }));
    return;
  }
  if (behaviour.contentFilter === true && dialect.id === "openai-chat") {
    const message = "Your request was rejected as a result of our safety system. Your prompt may contain text that is not allowed by our safety system.";
    sendError(context, new UpstreamError({ provider: "simulator", model: readModel(context), kind: "content-policy", message }));
    return;
  }

  const replyInput = { dialect: dialect.id, request: canonical, ordinal: context.serial };
  const reply =
    dialect.id === "ollama" && canonical.messages.length === 0
      ? buildModelLoad(replyInput)
      : behaviour.contentFilter === true
        ? buildRefusal(replyInput)
        : buildReply({ ...replyInput, reply: behaviour.reply ?? {} });
  if (!request.stream) {
    if (behaviour.slowFirstTokenMs !== undefined) await pause(behaviour.slowFirstTokenMs, context.closed);
    sendJson(response, 200, dialect.encodeResponse(reply).value, context.vendorHeaders);
    return;
  }
  const options = isRecord(request.body) ? request.body["stream_options"] : undefined;
  await writeStream({
    response,
    dialect,
    events: createReplyEvents(reply, { dialect: dialect.id, chunks: behaviour.chunks }),
    behaviour,
    headers: context.vendorHeaders,
    closed: context.closed,
    jsonArray: dialect.id === "gemini" && request.query["alt"] !== "sse",
    model: reply.model,
    includeUsage: isRecord(options) && options["include_usage"] === true,
  });
}
