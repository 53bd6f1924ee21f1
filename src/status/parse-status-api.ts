/**
 * @module
 * Response shapes of a status API in the aistatus.cc style. aistatus.cc publishes no
 * schema; these shapes come from its official SDKs' parsers (aistatus-typescript
 * `src/api.ts`) and are read defensively: unknown fields are ignored, unknown status
 * strings become "unknown", malformed rows are skipped.
 *
 * - `GET /api/providers` → `{ providers: [{ slug, name?, status, statusDetail?, modelCount? }] }`
 * - `GET /api/check?model=<id>` → `{ model?, provider? | slug?, status? | providerStatus?,
 *   available?: boolean, statusDetail? | providerStatusDetail?,
 *   alternatives?: [{ slug? | provider?, name?, status?, suggestedModel? | model? | id? }] }`
 * - `GET /api/models?q=<query>` → `{ models: [{ id, name?, provider?: { slug } | string,
 *   status?, pricing?: { prompt, completion } }] }` where prices are USD per token
 *   (OpenRouter convention, numbers or numeric strings); `pricing: { input, output }` is
 *   read as USD per million tokens.
 */
import { guessProvider } from "./guess-provider.ts";
import { asRecord, readArray, readNumber, readString, type JsonRecord } from "./internal/json-fields.ts";
import { normalizeProviderId } from "./normalize-provider-id.ts";
import type { ModelAlternative, ModelPricing, StatusLevel, StatusModel, StatusReading } from "./types.ts";

export interface StatusApiProviderRow extends StatusReading {
  provider: string;
}

export interface StatusApiModelCheck extends StatusReading {
  provider: string | undefined;
  alternatives: ModelAlternative[];
}

export function parseStatusLevel(value: unknown): StatusLevel {
  if (typeof value !== "string") return "unknown";
  const lower = value.trim().toLowerCase();
  return lower === "operational" || lower === "degraded" || lower === "down" ? lower : "unknown";
}

/** Undefined when the body has no provider list at all. */
export function parseProviderList(body: unknown): StatusApiProviderRow[] | undefined {
  const list = Array.isArray(body) ? body : readArray(asRecord(body), "providers");
  if (!list) return undefined;
  const rows: StatusApiProviderRow[] = [];
  for (const item of list) {
    const record = asRecord(item);
    const slug = readString(record, "slug") ?? readString(record, "id");
    if (slug === undefined) continue;
    const detail = readString(record, "statusDetail");
    rows.push({ provider: normalizeProviderId(slug), status: parseStatusLevel(record?.["status"]), ...(detail ? { detail } : {}) });
  }
  return rows;
}

/**
 * Undefined when the body is not an object. `available: false` means the model itself
 * is unavailable, so it reads as down even when its provider is operational.
 */
export function parseModelCheck(body: unknown): StatusApiModelCheck | undefined {
  const record = asRecord(body);
  if (!record) return undefined;
  let status = parseStatusLevel(record["status"]);
  if (status === "unknown") status = parseStatusLevel(record["providerStatus"]);
  if (record["available"] === false) status = "down";
  if (status === "unknown" && record["available"] === true) status = "operational";
  const slug = readString(record, "provider") ?? readString(record, "slug");
  const model = readString(record, "model");
  const detail = readString(record, "statusDetail") ?? readString(record, "providerStatusDetail");
  return {
    status,
    provider: slug !== undefined ? normalizeProviderId(slug) : model !== undefined ? guessProvider(model) : undefined,
    alternatives: (readArray(record, "alternatives") ?? []).flatMap((item) => parseAlternative(asRecord(item))),
    ...(detail ? { detail } : {}),
  };
}

/** Undefined when the body has no model list at all. */
export function parseModelList(body: unknown): StatusModel[] | undefined {
  const list = Array.isArray(body) ? body : readArray(asRecord(body), "models");
  if (!list) return undefined;
  return list.flatMap((item) => parseModel(asRecord(item)));
}

function parseAlternative(record: JsonRecord | undefined): ModelAlternative[] {
  const model = readString(record, "suggestedModel") ?? readString(record, "model") ?? readString(record, "id");
  if (model === undefined) return [];
  const slug = readString(record, "slug") ?? readString(record, "provider");
  const provider = slug !== undefined ? normalizeProviderId(slug) : guessProvider(model);
  if (provider === undefined) return [];
  let status = parseStatusLevel(record?.["status"]);
  if (status === "unknown" && typeof record?.["available"] === "boolean") status = record["available"] ? "operational" : "down";
  return [{ provider, model, status }];
}

function parseModel(record: JsonRecord | undefined): StatusModel[] {
  const id = readString(record, "id");
  if (id === undefined) return [];
  const providerField = record?.["provider"];
  const providerRecord = asRecord(providerField);
  const slug = typeof providerField === "string" ? providerField : readString(providerRecord, "slug");
  const provider = slug !== undefined ? normalizeProviderId(slug) : guessProvider(id);
  if (provider === undefined) return [];
  const status = parseStatusLevel(record?.["status"] ?? providerRecord?.["status"]);
  const pricing = parsePricing(asRecord(record?.["pricing"]));
  return [{ id, provider, ...(status !== "unknown" ? { status } : {}), ...(pricing ? { pricing } : {}) }];
}

function parsePricing(record: JsonRecord | undefined): ModelPricing | undefined {
  const input = readNumber(record, "input");
  const output = readNumber(record, "output");
  if (input !== undefined && output !== undefined) return { input, output };
  const prompt = readNumber(record, "prompt");
  const completion = readNumber(record, "completion");
  if (prompt === undefined || completion === undefined || prompt < 0 || completion < 0) return undefined;
  return { input: perMillion(prompt), output: perMillion(completion) };
}

/** Per-token to per-million, rounded to drop binary noise (0.000005 × 1e6 → 5). */
function perMillion(perToken: number): number {
  return Math.round(perToken * 1e12) / 1e6;
}
