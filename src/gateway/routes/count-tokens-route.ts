/**
 * @module
 * `POST /anthropic/v1/messages/count_tokens` (client): `{"input_tokens": N}` for a Messages
 * body without `max_tokens`. When a configured Anthropic-dialect provider serves the model,
 * its own count_tokens endpoint answers; when there is none, or it fails, the answer is
 * llmux's **estimate** (`estimateInputTokens`: about four characters a token, a flat figure
 * per image), which is not the vendor's tokenizer. `x-llmux-token-count` says which one
 * (`upstream` or `estimate`).
 */
import { isProviderId } from "../../catalog/index.ts";
import { estimateInputTokens } from "../../core/estimate-tokens.ts";
import { dialects } from "../../dialects/registry.ts";
import { isRecord } from "../../dialects/internal/json.ts";
import { prepareUpstreamRequest } from "../../providers/prepare-request.ts";
import { createProviderKeys } from "../../providers/provider-key.ts";
import { readBodyText } from "../../providers/read-body-text.ts";
import type { ResolvedProvider } from "../../providers/resolved-provider.ts";
import type { Handler, RequestContext } from "../context.ts";
import { sendJson } from "../http/respond.ts";
import type { GatewayRuntime } from "../runtime.ts";
import { readJsonBody } from "./chat-routes.ts";

const anthropic = dialects["anthropic-messages"];
/** A count is cheap: an upstream slower than this loses to the estimate. */
const countTimeoutMs = 10_000;

/** An Anthropic-dialect provider that serves `model`, with the id it knows it by. */
function findCounter(runtime: GatewayRuntime, model: string): { provider: ResolvedProvider; upstreamModel: string } | undefined {
  for (const id of runtime.catalog.place(model)) {
    const provider = runtime.registry.get(id);
    if (provider?.dialect !== anthropic.id) continue;
    return { provider, upstreamModel: (isProviderId(id) ? runtime.catalog.providerModelId(model, id) : undefined) ?? model };
  }
  return undefined;
}

/** The upstream's count, or undefined when it could not give one. */
async function countUpstream(runtime: GatewayRuntime, context: RequestContext, request: { body: Record<string, unknown>; beta: string | undefined }): Promise<{ tokens: number; provider: string } | undefined> {
  const model = request.body["model"];
  if (typeof model !== "string") return undefined;
  const counter = findCounter(runtime, model);
  if (!counter) return undefined;
  const { provider, upstreamModel } = counter;
  const allowed = runtime.config.providers[provider.id]?.passthrough ?? true;
  const key = provider.keys[0] ?? (context.callerKey !== undefined && allowed ? createProviderKeys(provider.id, [context.callerKey])[0] : undefined);
  // count_tokens takes the Messages body minus the generation-only fields.
  const { max_tokens: _maxTokens, stream: _stream, ...body } = request.body;
  const prepared = prepareUpstreamRequest({
    provider,
    path: "/v1/messages/count_tokens",
    body: { ...body, model: upstreamModel },
    model: upstreamModel,
    stream: false,
    ...(request.beta === undefined ? {} : { headers: { "anthropic-beta": request.beta } }),
    ...(key ? { key } : {}),
  });
  const limit = Math.min(runtime.config.timeouts.attemptMs, countTimeoutMs);
  try {
    const upstream = await runtime.http.send({
      url: prepared.url,
      method: prepared.method,
      headers: prepared.headers,
      ...(prepared.body === undefined ? {} : { body: prepared.body }),
      timeouts: { connectMs: Math.min(runtime.config.timeouts.connectMs, limit), firstByteMs: limit, idleMs: limit, totalMs: limit },
      signal: context.signal,
      provider: provider.id,
      model: upstreamModel,
      secrets: key ? [...provider.keys, key] : provider.keys,
    });
    const text = await readBodyText(upstream.body);
    if (upstream.status !== 200) return undefined;
    const answer: unknown = JSON.parse(text);
    const tokens = isRecord(answer) ? answer["input_tokens"] : undefined;
    return typeof tokens === "number" && Number.isInteger(tokens) && tokens >= 0 ? { tokens, provider: provider.id } : undefined;
  } catch {
    // Any failure (down, slow, not JSON): the estimate answers instead.
    return undefined;
  }
}

export const countTokensRoute: Handler = async function countTokens(request, response, context, runtime) {
  const body = await readJsonBody(request, runtime);
  // Decoding checks the body as a Messages request, which requires max_tokens: lend one.
  const canonical = anthropic.decodeRequest(body["max_tokens"] === undefined ? { ...body, max_tokens: 1 } : body).value;
  const beta = request.headers["anthropic-beta"];
  const counted = await countUpstream(runtime, context, { body, beta: typeof beta === "string" ? beta : undefined });
  const headers: Record<string, string> = { "x-request-id": context.requestId, "request-id": context.requestId };
  if (counted) {
    sendJson(response, 200, { input_tokens: counted.tokens }, { ...headers, "x-llmux-token-count": "upstream", "x-llmux-provider": counted.provider });
    return;
  }
  sendJson(response, 200, { input_tokens: estimateInputTokens(canonical) }, { ...headers, "x-llmux-token-count": "estimate" });
};
