/**
 * @module
 * `POST /v1/embeddings` (client): forwarded to an OpenAI-compatible provider serving the
 * model, with the client's body unchanged but for the model name (so `encoding_format:
 * "base64"`, which the OpenAI SDK asks for by default, passes through) and the upstream's
 * answer returned as it came. A retryable failure (rate limit, overload, 5xx, connection,
 * timeout) moves on to the provider's next key or the next provider; anything else is the
 * caller's answer at once. Every request leaves one usage record.
 */
import { UpstreamError, AbortedError, InvalidRequestError, LlmuxError, NotFoundError, type FailureKind } from "../../core/errors.ts";
import type { Usage } from "../../core/types/response.ts";
import { dialects } from "../../dialects/registry.ts";
import { isRecord } from "../../dialects/internal/json.ts";
import { isProviderId } from "../../catalog/index.ts";
import { readUpstreamError } from "../../providers/build-upstream-error.ts";
import { prepareUpstreamRequest } from "../../providers/prepare-request.ts";
import { createProviderKeys, type ProviderKey } from "../../providers/provider-key.ts";
import { readBodyText } from "../../providers/read-body-text.ts";
import { AllProvidersDown, type Attempt } from "../../routing/errors.ts";
import { createUsageRecord } from "../../usage/create-usage-record.ts";
import type { RouteMode } from "../../usage/usage-record.ts";
import { providerOfKey } from "../chat/passthrough.ts";
import type { Handler, RequestContext } from "../context.ts";
import { sendError } from "../errors.ts";
import { sendText } from "../http/respond.ts";
import type { GatewayRuntime } from "../runtime.ts";
import { readJsonBody } from "./chat-routes.ts";
import { findEmbeddingTargets, type EmbeddingTarget } from "./embedding-providers.ts";

const openai = dialects["openai-chat"];
/** Base64 float32 vectors for a large batch run to tens of MB. */
const maxResponseBytes = 64 * 1024 * 1024;
/** Failures that belong to one key: another key of the same provider may be fine. */
const keyScopedKinds: ReadonlySet<FailureKind> = new Set(["rate-limit", "quota", "auth"]);
const forwardedHeaders = ["openai-organization", "openai-project"];

interface KeyChoice {
  key: ProviderKey | undefined;
  passthrough: boolean;
}

/** Managed keys first, then the caller's own key when it belongs to this provider. */
function keysFor(runtime: GatewayRuntime, target: EmbeddingTarget, context: RequestContext): KeyChoice[] {
  const { provider } = target;
  const choices: KeyChoice[] = provider.keys.map((key) => ({ key, passthrough: false }));
  const callerKey = context.callerKey;
  const allowed = runtime.config.providers[provider.id]?.passthrough ?? true;
  if (callerKey !== undefined && allowed && (providerOfKey(callerKey) ?? "openai") === provider.id) {
    choices.push(...createProviderKeys(provider.id, [callerKey]).map((key) => ({ key, passthrough: true })));
  }
  return choices.length > 0 ? choices : [{ key: undefined, passthrough: false }];
}

interface Served {
  target: EmbeddingTarget;
  choice: KeyChoice;
  headers: Record<string, string>;
  bodyText: string;
}

async function callProvider(runtime: GatewayRuntime, context: RequestContext, request: { body: Record<string, unknown>; headers: Record<string, string> }, target: EmbeddingTarget, choice: KeyChoice): Promise<Served> {
  const { provider, upstreamModel } = target;
  const prepared = prepareUpstreamRequest({
    provider,
    path: "/embeddings",
    body: { ...request.body, model: upstreamModel },
    model: upstreamModel,
    stream: false,
    headers: request.headers,
    ...(choice.key ? { key: choice.key } : {}),
  });
  const { timeouts } = runtime.config;
  const secrets = choice.key ? [...provider.keys, choice.key] : provider.keys;
  const upstream = await runtime.http.send({
    url: prepared.url,
    method: prepared.method,
    headers: prepared.headers,
    ...(prepared.body === undefined ? {} : { body: prepared.body }),
    timeouts: { connectMs: timeouts.connectMs, firstByteMs: timeouts.firstTokenMs, idleMs: timeouts.idleMs, totalMs: timeouts.attemptMs },
    signal: context.signal,
    provider: provider.id,
    model: upstreamModel,
    secrets,
  });
  if (upstream.status >= 400) {
    throw await readUpstreamError(upstream, { provider: provider.id, model: upstreamModel, decodeError: (input) => openai.decodeError(input), url: prepared.url, secrets });
  }
  const bodyText = await readBodyText(upstream.body, maxResponseBytes);
  let parsed: unknown;
  try {
    parsed = JSON.parse(bodyText);
  } catch {
    throw new UpstreamError({ provider: provider.id, model: upstreamModel, kind: "server", message: `${provider.id} sent an embeddings answer that is not JSON.` });
  }
  if (!isRecord(parsed) || !Array.isArray(parsed["data"])) {
    throw new UpstreamError({ provider: provider.id, model: upstreamModel, kind: "server", message: `${provider.id} sent an embeddings answer without data.` });
  }
  const headers: Record<string, string> = {};
  const upstreamRequestId = upstream.headers["x-request-id"];
  if (upstreamRequestId !== undefined) headers["x-llmux-upstream-request-id"] = upstreamRequestId;
  return { target, choice, headers, bodyText };
}

function usageOf(bodyText: string): Usage {
  const body = JSON.parse(bodyText) as Record<string, unknown>;
  const usage = isRecord(body["usage"]) ? body["usage"] : {};
  const prompt = usage["prompt_tokens"];
  return {
    inputTokens: typeof prompt === "number" ? prompt : undefined,
    outputTokens: undefined,
    cacheReadTokens: undefined,
    cacheWriteTokens: undefined,
    reasoningTokens: undefined,
  };
}

function routeModeOf(served: Served, attempts: readonly Attempt[]): RouteMode {
  if (served.choice.passthrough) return "passthrough";
  const failures = attempts.filter((attempt) => attempt.outcome === "failure");
  if (failures.some((attempt) => attempt.provider !== served.target.provider.id)) return "provider-fallback";
  return failures.length > 0 ? "key-rotation" : "direct";
}

interface Outcome {
  model: string;
  served: Served | undefined;
  attempts: Attempt[];
  status: number;
  usage: Usage | undefined;
  error: LlmuxError | undefined;
}

async function recordOutcome(runtime: GatewayRuntime, context: RequestContext, outcome: Outcome): Promise<void> {
  const { served } = outcome;
  const latencyMs = Date.now() - context.startedAt;
  const routeMode = served ? routeModeOf(served, outcome.attempts) : "direct";
  const provider = served?.target.provider.id;
  const cost = outcome.usage && provider !== undefined && isProviderId(provider) ? runtime.catalog.costOf(outcome.model, outcome.usage, provider) : undefined;
  for (const attempt of outcome.attempts) if (attempt.outcome === "failure" && attempt.kind) runtime.metrics.observeFailure(attempt.provider, attempt.kind);
  runtime.metrics.observeRequest({
    dialect: openai.id,
    provider: provider ?? "none",
    model: outcome.model,
    routeMode,
    status: outcome.status,
    latencyMs,
    ttftMs: undefined,
    inputTokens: outcome.usage?.inputTokens,
    outputTokens: undefined,
    costUsd: cost,
  });
  if (!runtime.usage) return;
  const error = outcome.error;
  const record = createUsageRecord({
    requestId: context.requestId,
    time: context.startedAt,
    gatewayKeyId: context.gatewayKeyId,
    ingressDialect: openai.id,
    requestedModel: outcome.model,
    servedModel: served ? outcome.model : undefined,
    provider,
    keyId: served?.choice.key?.id,
    routeMode,
    attempts: outcome.attempts,
    usage: outcome.usage,
    costUsd: cost,
    latencyMs,
    status: outcome.status,
    errorKind: error instanceof UpstreamError ? error.kind : ((error as { kind?: FailureKind } | undefined)?.kind ?? error?.code),
    streamed: false,
  });
  try {
    await runtime.usage.record(record);
  } catch (thrown) {
    process.emitWarning(`llmux: could not record usage: ${thrown instanceof Error ? thrown.message : String(thrown)}`);
  }
}

function toUpstreamError(thrown: unknown, target: EmbeddingTarget): UpstreamError {
  if (thrown instanceof UpstreamError) return thrown;
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return new UpstreamError({ provider: target.provider.id, model: target.upstreamModel, kind: "server", message, cause: thrown });
}

/** Tries each target and key in order; throws the last failure when none served. */
async function serveEmbeddings(runtime: GatewayRuntime, context: RequestContext, request: { body: Record<string, unknown>; headers: Record<string, string> }, targets: readonly EmbeddingTarget[], attempts: Attempt[]): Promise<Served> {
  for (const target of targets) {
    for (const choice of keysFor(runtime, target, context)) {
      const started = Date.now();
      try {
        const served = await callProvider(runtime, context, request, target, choice);
        const success: Attempt = { provider: target.provider.id, model: target.upstreamModel, keyId: choice.key?.id, outcome: "success", kind: undefined, status: 200, message: "", durationMs: Date.now() - started, retry: 0 };
        attempts.push(success);
        return served;
      } catch (thrown) {
        if (thrown instanceof AbortedError || context.signal.aborted) throw thrown;
        const failure = toUpstreamError(thrown, target);
        attempts.push({
          provider: target.provider.id,
          model: target.upstreamModel,
          keyId: choice.key?.id,
          outcome: "failure",
          kind: failure.kind,
          status: failure.status,
          message: failure.message,
          durationMs: Date.now() - started,
          retry: 0,
        });
        if (keyScopedKinds.has(failure.kind)) continue;
        if (!failure.retryable) throw failure;
        break;
      }
    }
  }
  throw new AllProvidersDown(attempts);
}

export const embeddingsRoute: Handler = async function embeddings(request, response, context, runtime) {
  const body = await readJsonBody(request, runtime);
  const model = body["model"];
  if (typeof model !== "string" || model.trim() === "") throw new InvalidRequestError("You must provide a model parameter.", { param: "model" });
  if (body["input"] === undefined) throw new InvalidRequestError("You must provide an input parameter.", { param: "input" });
  const targets = findEmbeddingTargets(runtime, model, context.mode);
  if (targets.length === 0) {
    throw new NotFoundError(`No configured OpenAI-compatible provider serves the embedding model "${model}".`);
  }
  const headers: Record<string, string> = {};
  for (const name of forwardedHeaders) {
    const value = request.headers[name];
    if (typeof value === "string") headers[name] = value;
  }
  const attempts: Attempt[] = [];
  let served: Served;
  try {
    served = await serveEmbeddings(runtime, context, { body, headers }, targets, attempts);
  } catch (thrown) {
    const error = LlmuxError.isInstance(thrown) ? thrown : undefined;
    const status = sendError(response, context, thrown);
    await recordOutcome(runtime, context, { model, served: undefined, attempts, status, usage: undefined, error });
    return;
  }
  const routeMode = routeModeOf(served, attempts);
  sendText(response, 200, served.bodyText, "application/json", {
    ...served.headers,
    "x-request-id": context.requestId,
    "x-llmux-provider": served.target.provider.id,
    "x-llmux-model": served.target.upstreamModel,
    "x-llmux-route-mode": routeMode,
    "x-llmux-attempts": String(attempts.length),
  });
  await recordOutcome(runtime, context, { model, served, attempts, status: 200, usage: usageOf(served.bodyText), error: undefined });
};
