/**
 * @module
 * One chat request through the gateway, whatever the client's dialect: decode, plan (with
 * the request's own fallbacks and the caller's key for passthrough), run the router's
 * executor with a fast-path or translating try per candidate, answer with what happened in
 * headers, and record usage, success or failure.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { isProviderId } from "../../catalog/index.ts";
import { estimateInputTokens, estimateTextTokens, outputTextOf } from "../../core/estimate-tokens.ts";
import { LlmuxError, UpstreamError } from "../../core/errors.ts";
import type { CanonicalRequest } from "../../core/types/request.ts";
import { hasKnownUsage, type Usage } from "../../core/types/response.ts";
import type { Dialect, RequestDecodeContext } from "../../dialects/dialect.ts";
import type { Candidate } from "../../routing/candidate.ts";
import type { AttemptContext, Execution } from "../../routing/executor.ts";
import type { Plan } from "../../routing/plan.ts";
import { describeFallback } from "../../routing/route-response.ts";
import type { RouteOptions, Router } from "../../routing/router.ts";
import type { RequestContext } from "../context.ts";
import { sendError } from "../errors.ts";
import { headerSafe, sendText, writeFrame } from "../http/respond.ts";
import type { GatewayRuntime } from "../runtime.ts";
import type { FastPathRequest, ForwardedResponse, ForwardedStream } from "./fast-path.ts";
import { forwardResponse } from "./forward-response.ts";
import { forwardStream } from "./forward-stream.ts";
import { addPassthrough } from "./passthrough.ts";
import { recordRefused, recordUsage } from "./record-usage.ts";
import { takeRequestFallbacks } from "./request-fallbacks.ts";
import { routeModeOf } from "./route-mode.ts";
import type { ContinuationInfo } from "./continuation.ts";
import { translateResponse, translateStream, type TranslateOptions } from "./translate.ts";

export interface ChatRequest {
  dialect: Dialect;
  body: Record<string, unknown>;
  decodeContext: RequestDecodeContext;
}

/** The provider a dialect's own keys belong to, for passthrough of a caller's key. */
const ingressProviders: Record<string, string> = {
  "openai-chat": "openai",
  "anthropic-messages": "anthropic",
  gemini: "google",
  ollama: "ollama",
};

/** Client headers passed upstream on the fast path (same dialect, so they mean the same). */
const forwardedHeaders = ["anthropic-beta", "openai-organization", "openai-project"];

function clientHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of forwardedHeaders) {
    const value = request.headers[name];
    if (typeof value === "string") headers[name] = value;
  }
  return headers;
}

function wantsStreamUsage(body: Record<string, unknown>): boolean {
  const options = body["stream_options"];
  return typeof options === "object" && options !== null && (options as Record<string, unknown>)["include_usage"] === true;
}

/** Opt-in per request (`x-llmux-continuation: on`) or per config/mode (`routing.continuation`). */
function continuationEnabled(request: IncomingMessage, runtime: GatewayRuntime, context: RequestContext): boolean {
  const header = request.headers["x-llmux-continuation"];
  if (typeof header === "string") return ["on", "1", "true"].includes(header.toLowerCase());
  return runtime.configFor(context.mode).routing.continuation;
}

export function routeHeaders(plan: Plan, execution: Execution<unknown>, context: RequestContext): Record<string, string> {
  const headers: Record<string, string> = {
    "x-request-id": context.requestId,
    // The model may be any name a caller wrote (control characters included): headers must stay valid.
    "x-llmux-provider": headerSafe(execution.candidate.provider.id),
    "x-llmux-model": headerSafe(execution.candidate.model),
    "x-llmux-route-mode": routeModeOf(execution),
    "x-llmux-attempts": String(execution.attempts.length + 1),
  };
  const skipped = execution.skipped.length === 0 ? plan.skipped : [...plan.skipped, ...execution.skipped];
  const reason = describeFallback({ attempts: execution.attempts, skipped, candidate: execution.candidate });
  if (reason) headers["x-llmux-fallback-reason"] = headerSafe(reason);
  return headers;
}

/** Usage from the upstream, or llmux's estimate when it reported none. */
function usageFor(request: CanonicalRequest, usage: Usage, outputText: () => string): { usage: Usage; estimated: boolean } {
  if (hasKnownUsage(usage)) return { usage, estimated: false };
  return {
    usage: { ...usage, inputTokens: estimateInputTokens(request), outputTokens: estimateTextTokens(outputText()) },
    estimated: true,
  };
}

/** One chat request once decoded and planned: what serving it needs, and what it has done so far. */
interface ChatRun {
  request: IncomingMessage;
  response: ServerResponse;
  context: RequestContext;
  runtime: GatewayRuntime;
  dialect: Dialect;
  canonical: CanonicalRequest;
  router: Router;
  options: RouteOptions;
  plan: Plan | undefined;
  execution: Execution<ForwardedResponse | ForwardedStream> | undefined;
  fastRequest: FastPathRequest;
  translateOptions: TranslateOptions;
}

export async function handleChat(request: IncomingMessage, response: ServerResponse, context: RequestContext, runtime: GatewayRuntime, chat: ChatRequest): Promise<void> {
  const { dialect } = chat;
  let canonical: CanonicalRequest;
  let models: string[];
  let router: Router;
  try {
    canonical = dialect.decodeRequest(chat.body, chat.decodeContext).value;
    models = takeRequestFallbacks(canonical, request.headers);
    router = runtime.routerFor(context.mode);
  } catch (thrown) {
    const named = chat.decodeContext.model ?? chat.body["model"];
    await recordRefused(runtime, { context, dialect, requestedModel: typeof named === "string" ? named : undefined, thrown });
    throw thrown;
  }
  const costOf = (usage: Usage, candidate: Candidate): number | undefined =>
    runtime.catalog.costOf(candidate.model, usage, isProviderId(candidate.provider.id) ? candidate.provider.id : undefined);
  const includeUsage = wantsStreamUsage(chat.body);
  // Built once and shared by every try.
  const run: ChatRun = {
    request,
    response,
    context,
    runtime,
    dialect,
    canonical,
    router,
    options: models.length > 1 ? { models, signal: context.signal } : { model: canonical.model, signal: context.signal },
    plan: undefined,
    execution: undefined,
    fastRequest: { dialect, body: chat.body, stream: canonical.stream, clientWantsStreamUsage: includeUsage, headers: clientHeaders(request), costOf },
    translateOptions: { dialect, costOf, includeUsage },
  };
  try {
    run.plan = await planChat(run);
    await (canonical.stream ? serveStream(run, run.plan) : serveWhole(run, run.plan));
  } catch (thrown) {
    const error = LlmuxError.isInstance(thrown) ? thrown : undefined;
    if (response.headersSent) {
      // Past the first byte there is no status to change: the stream already ended with an error frame.
      response.destroy();
      return;
    }
    const status = sendError(response, context, thrown);
    await recordUsage(runtime, {
      context,
      dialect,
      canonical,
      plan: run.plan,
      execution: run.execution,
      status,
      usage: undefined,
      estimated: false,
      cost: undefined,
      streamed: canonical.stream,
      ttftMs: undefined,
      ...(error ? { error } : {}),
    });
  }
}

async function planChat(run: ChatRun): Promise<Plan> {
  const { context, runtime, canonical } = run;
  const plan = await run.router.planRequest(canonical, run.options);
  if (context.callerKey === undefined) return plan;
  return addPassthrough({
    plan,
    callerKey: context.callerKey,
    model: canonical.model,
    ingressProvider: ingressProviders[run.dialect.id],
    registry: runtime.registry,
    catalog: runtime.catalog,
    allowed: (provider) => runtime.config.providers[provider]?.passthrough ?? true,
  });
}

/** Same dialect and no middleware rewrite: forward the client's own body (fast path). */
function isFast(run: ChatRun, attempt: AttemptContext): boolean {
  return attempt.candidate.provider.dialect === run.dialect.id && attempt.request === run.canonical;
}

async function serveWhole(run: ChatRun, plan: Plan): Promise<void> {
  const { router, context } = run;
  const timeouts = router.attemptTimeouts(run.options, false);
  const served = await router.executePlan(plan, run.canonical, run.options, (attempt) => {
    const call = router.upstreamCall(attempt, timeouts);
    return isFast(run, attempt) ? forwardResponse(call, run.fastRequest) : translateResponse(call, run.translateOptions);
  });
  run.execution = served;
  // Headers first: settling adds the success to `attempts`, which routeHeaders counts as failures.
  const headers = routeHeaders(plan, served, context);
  served.settle({ ok: true });
  const { usage, estimated } = usageFor(run.canonical, served.value.usage, served.value.outputText);
  const cost = run.fastRequest.costOf(usage, served.candidate);
  if (cost !== undefined) headers["x-llmux-cost-usd"] = cost.toFixed(8);
  // Recorded before the answer leaves: a crash after answering loses no row.
  await recordUsage(run.runtime, { context, dialect: run.dialect, canonical: run.canonical, plan, execution: served, status: 200, usage, estimated, cost, streamed: false, ttftMs: undefined });
  sendText(run.response, 200, served.value.bodyText, "application/json", headers);
}

async function serveStream(run: ChatRun, plan: Plan): Promise<void> {
  const { router, context, dialect, response, canonical, options } = run;
  const timeouts = router.attemptTimeouts(options, true);
  // Continuation needs canonical events to splice, so it takes the translation path throughout.
  const continuation = continuationEnabled(run.request, run.runtime, context);
  let continued: ContinuationInfo | undefined;
  const served = await router.executePlan(plan, canonical, options, (attempt) => {
    const call = router.upstreamCall(attempt, timeouts);
    if (!continuation && isFast(run, attempt)) return forwardStream(call, run.fastRequest, timeouts.firstByteMs);
    return translateStream(call, {
      ...run.translateOptions,
      firstTokenMs: timeouts.firstByteMs,
      ...(continuation
        ? {
            continuation: {
              router,
              plan,
              request: canonical,
              options,
              served: attempt.candidate,
              firstTokenMs: timeouts.firstByteMs,
              onContinue: (info: ContinuationInfo) => {
                continued = info;
                // Marked in the stream itself: an SSE comment, which clients skip.
                if (dialect.streamFraming === "sse") response.write(`: llmux continued on ${info.provider}/${info.model} after ${info.reason}\n\n`);
              },
            },
          }
        : {}),
    });
  });
  run.execution = served;
  const stream = served.value;
  response.writeHead(200, {
    "content-type": dialect.streamContentType,
    "cache-control": "no-cache",
    connection: "keep-alive",
    "x-accel-buffering": "no",
    ...routeHeaders(plan, served, context),
    ...(continuation ? { "x-llmux-continuation": "on" } : {}),
  });
  // No flushHeaders: the first frames (content, by the commit point) are ready, and the first
  // write sends them in one packet with the headers.
  let clientGone = false;
  for await (const frame of stream.frames) {
    let written = writeFrame(response, frame);
    // Only a full socket buffer makes the loop wait.
    if (typeof written !== "boolean") written = await written;
    if (!written) {
      clientGone = true;
      break;
    }
  }
  if (clientGone) stream.cancel();
  const error = stream.collector.error ?? continued?.error;
  const upstreamError = error instanceof UpstreamError ? error : undefined;
  served.settle(clientGone ? { ok: false } : error ? { ok: false, ...(upstreamError ? { error: upstreamError } : {}) } : { ok: true, ...(stream.ttftMs === undefined ? {} : { ttftMs: stream.ttftMs }) });
  if (continued) {
    served.attempts.push({ provider: continued.provider, model: continued.model, keyId: undefined, outcome: "success", kind: undefined, status: undefined, message: `continued the stream after ${continued.reason}`, durationMs: Date.now() - context.startedAt, retry: 0 });
  }
  const { usage, estimated } = usageFor(canonical, stream.collector.response.usage, () => outputTextOf(stream.collector.response));
  const cost = run.fastRequest.costOf(usage, served.candidate);
  await recordUsage(run.runtime, {
    context,
    dialect,
    canonical,
    plan,
    execution: served,
    status: clientGone ? 499 : 200,
    usage,
    estimated,
    cost,
    streamed: true,
    ttftMs: stream.ttftMs,
    ...(stream.collector.error ? { error: stream.collector.error } : {}),
  });
  // The response completes only once its usage row is written.
  if (!clientGone) response.end();
}
