/**
 * @module
 * Model listing in each dialect's own shape (protocols.md 1.3, 2.4, 3.1 and 4), over the one
 * list of servable models: OpenAI `GET /v1/models` (and `/v1/models/{id}`), Anthropic
 * `GET /v1/models` (paginated by `limit`, `after_id`, `before_id`), Gemini `GET /models`
 * (`pageSize`, `pageToken`) and Ollama `GET /api/tags`. Ids are the catalog's canonical ids,
 * which is what a client then sends back as its model.
 */
import { InvalidRequestError, NotFoundError } from "../../core/errors.ts";
import type { ModelEntry } from "../../catalog/index.ts";
import type { Handler, RequestContext } from "../context.ts";
import { sendJson } from "../http/respond.ts";
import type { GatewayRuntime } from "../runtime.ts";
import { findServableModel, listServableModels, releasedAt, wantsHealthyOnly } from "./servable-models.ts";

async function listEntries(runtime: GatewayRuntime, context: RequestContext): Promise<ModelEntry[]> {
  const models = await listServableModels(runtime, { healthy: wantsHealthyOnly(context.url) });
  return models.map((model) => model.entry);
}

function requireEntry(runtime: GatewayRuntime, context: RequestContext): ModelEntry {
  const id = decodeURIComponent(context.params["model"] ?? "").replace(/^models\//, "");
  const model = findServableModel(runtime, id);
  if (!model) throw new NotFoundError(`The model "${id}" does not exist or no configured provider serves it.`);
  return model.entry;
}

function readCount(url: URL, name: string, fallback: number, max: number): number {
  const text = url.searchParams.get(name);
  if (text === null || text === "") return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new InvalidRequestError(`${name} must be an integer from 1 to ${max}.`, { param: name });
  }
  return value;
}

const rfc3339 = (entry: ModelEntry): string => new Date(releasedAt(entry)).toISOString().replace(/\.000Z$/, "Z");

// OpenAI ---------------------------------------------------------------------------------

function toOpenAIModel(entry: ModelEntry): Record<string, unknown> {
  return { id: entry.id, object: "model", created: Math.floor(releasedAt(entry) / 1000), owned_by: entry.vendor };
}

export const openaiModelList: Handler = async function openaiModelList(_request, response, context, runtime) {
  const entries = await listEntries(runtime, context);
  sendJson(response, 200, { object: "list", data: entries.map(toOpenAIModel) }, { "x-request-id": context.requestId });
};

export const openaiModel: Handler = async function openaiModel(_request, response, context, runtime) {
  sendJson(response, 200, toOpenAIModel(requireEntry(runtime, context)), { "x-request-id": context.requestId });
};

// Anthropic ------------------------------------------------------------------------------

function toAnthropicModel(entry: ModelEntry): Record<string, unknown> {
  return { type: "model", id: entry.id, display_name: entry.id, created_at: rfc3339(entry) };
}

/** The page of `entries` the cursor names: after `after_id`, or before `before_id`, `limit` long. */
function pageByCursor(entries: readonly ModelEntry[], url: URL): { page: ModelEntry[]; hasMore: boolean } {
  const limit = readCount(url, "limit", 20, 1000);
  const indexOf = (param: string): number | undefined => {
    const id = url.searchParams.get(param);
    if (id === null || id === "") return undefined;
    const index = entries.findIndex((entry) => entry.id === id);
    if (index === -1) throw new InvalidRequestError(`${param} "${id}" is not a listed model.`, { param });
    return index;
  };
  const after = indexOf("after_id");
  const before = indexOf("before_id");
  if (before !== undefined) {
    const start = Math.max(0, before - limit);
    return { page: entries.slice(start, before), hasMore: start > 0 };
  }
  const start = after === undefined ? 0 : after + 1;
  return { page: entries.slice(start, start + limit), hasMore: start + limit < entries.length };
}

export const anthropicModelList: Handler = async function anthropicModelList(_request, response, context, runtime) {
  const { page, hasMore } = pageByCursor(await listEntries(runtime, context), context.url);
  sendJson(
    response,
    200,
    { data: page.map(toAnthropicModel), has_more: hasMore, first_id: page[0]?.id ?? null, last_id: page.at(-1)?.id ?? null },
    { "x-request-id": context.requestId, "request-id": context.requestId },
  );
};

export const anthropicModel: Handler = async function anthropicModel(_request, response, context, runtime) {
  sendJson(response, 200, toAnthropicModel(requireEntry(runtime, context)), { "x-request-id": context.requestId, "request-id": context.requestId });
};

// Gemini ---------------------------------------------------------------------------------

function toGeminiModel(entry: ModelEntry): Record<string, unknown> {
  return {
    name: `models/${entry.id}`,
    displayName: entry.id,
    inputTokenLimit: entry.contextWindow,
    outputTokenLimit: entry.maxOutputTokens,
    supportedGenerationMethods: ["generateContent", "streamGenerateContent"],
  };
}

export const geminiModelList: Handler = async function geminiModelList(_request, response, context, runtime) {
  const entries = await listEntries(runtime, context);
  const pageSize = readCount(context.url, "pageSize", 50, 1000);
  const token = context.url.searchParams.get("pageToken") ?? "";
  const start = token === "" ? 0 : Number(token);
  if (!Number.isInteger(start) || start < 0) throw new InvalidRequestError("pageToken is not one this gateway issued.", { param: "pageToken" });
  const end = start + pageSize;
  sendJson(
    response,
    200,
    { models: entries.slice(start, end).map(toGeminiModel), ...(end < entries.length ? { nextPageToken: String(end) } : {}) },
    { "x-request-id": context.requestId },
  );
};

export const geminiModel: Handler = async function geminiModel(_request, response, context, runtime) {
  sendJson(response, 200, toGeminiModel(requireEntry(runtime, context)), { "x-request-id": context.requestId });
};

// Ollama ---------------------------------------------------------------------------------

function toOllamaModel(entry: ModelEntry): Record<string, unknown> {
  return {
    name: entry.id,
    model: entry.id,
    modified_at: rfc3339(entry),
    size: 0,
    digest: "",
    details: { parent_model: "", format: "", family: entry.family, families: [entry.family], parameter_size: "", quantization_level: "" },
  };
}

export const ollamaModelList: Handler = async function ollamaModelList(_request, response, context, runtime) {
  const entries = await listEntries(runtime, context);
  sendJson(response, 200, { models: entries.map(toOllamaModel) }, { "x-request-id": context.requestId });
};
