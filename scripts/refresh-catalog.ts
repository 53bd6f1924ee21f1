/**
 * @module
 * Refreshes prices and context windows in src/catalog/data/models.json from a public price list
 * in OpenRouter's shape (`GET https://openrouter.ai/api/v1/models`): `data[].id`,
 * `pricing.prompt` / `completion` / `input_cache_read` / `input_cache_write` (USD per token, as
 * strings) and `context_length`. Models match through `providerIds.openrouter`.
 *
 * A first-party listing (`anthropic/…`, `openai/…`, …) carries the vendor's own list price, so it
 * updates the model's home `pricing` and `contextWindow`; a listing of open weights hosted by
 * someone else only updates `providerPricing.openrouter`. Prints every change; `--dry-run` writes
 * nothing.
 *
 *   node scripts/refresh-catalog.ts [--source <url-or-file>] [--data <models.json>] [--dry-run]
 */
import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { findEntryProblems } from "../src/catalog/find-model-problems.ts";
import { parseCatalogData } from "../src/catalog/model-schema.ts";
import type { ModelEntry, Pricing, ProviderId } from "../src/catalog/model-types.ts";

export const defaultSource = "https://openrouter.ai/api/v1/models";
export const defaultDataPath = fileURLToPath(new URL("../src/catalog/data/models.json", import.meta.url));

/** One row of OpenRouter's model list (only the fields used here). */
export interface PriceListEntry {
  id: string;
  context_length?: number | null;
  pricing?: { prompt?: string; completion?: string; input_cache_read?: string; input_cache_write?: string };
}

export interface CatalogChange {
  modelId: string;
  listingId: string;
  field: string;
  before: number | undefined;
  after: number;
}

/** The data file as read: kept as plain JSON so unknown keys and key order survive a rewrite. */
interface RawCatalogFile {
  updated?: string;
  models: ModelEntry[];
}

/** OpenRouter vendor slugs whose listings carry the vendor's own list price. */
const firstPartySlugs: Readonly<Record<string, ProviderId>> = {
  anthropic: "anthropic",
  openai: "openai",
  google: "google",
  "x-ai": "xai",
  mistralai: "mistral",
  deepseek: "deepseek",
  moonshotai: "moonshot",
  qwen: "dashscope",
};

/** USD per token (string) to USD per million tokens; undefined for missing, negative or zero-as-unset values. */
function toPerMillion(value: string | undefined, allowZero: boolean): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0 || (parsed === 0 && !allowZero)) return undefined;
  return Math.round(parsed * 1e12) / 1e6;
}

function isFirstParty(model: ModelEntry, listingId: string): boolean {
  if (model.provider === "openrouter") return true;
  const slug = listingId.slice(0, listingId.indexOf("/"));
  return firstPartySlugs[slug] === model.provider;
}

interface Update {
  path: string;
  before: number | undefined;
  after: number | undefined;
  set: (value: number) => void;
}

function listUpdates(model: ModelEntry, listing: PriceListEntry): Update[] {
  const firstParty = isFirstParty(model, listing.id);
  let pricing: Pricing | undefined = firstParty ? model.pricing : model.providerPricing?.openrouter;
  const prefix = firstParty ? "pricing" : "providerPricing.openrouter";
  const ensurePricing = (): Pricing => {
    if (pricing !== undefined) return pricing;
    const created: Pricing = { input: 0, output: 0 };
    if (firstParty) model.pricing = created;
    else model.providerPricing = { ...model.providerPricing, openrouter: created };
    pricing = created;
    return created;
  };
  const rate = (key: "input" | "output" | "cacheRead" | "cacheWrite", after: number | undefined): Update => ({
    path: `${prefix}.${key}`,
    before: pricing?.[key],
    after,
    set: (value) => {
      ensurePricing()[key] = value;
    },
  });
  const updates = [
    rate("input", toPerMillion(listing.pricing?.prompt, true)),
    rate("output", toPerMillion(listing.pricing?.completion, true)),
    rate("cacheRead", toPerMillion(listing.pricing?.input_cache_read, false)),
    rate("cacheWrite", toPerMillion(listing.pricing?.input_cache_write, false)),
  ];
  // A new price for a model that had none needs both halves.
  if (pricing === undefined && (updates[0]?.after === undefined || updates[1]?.after === undefined)) return [];
  const context = listing.context_length ?? undefined;
  if (firstParty && context !== undefined && Number.isInteger(context) && context > 0) {
    updates.push({
      path: "contextWindow",
      before: model.contextWindow,
      after: context,
      set: (value) => {
        model.contextWindow = value;
        model.maxOutputTokens = Math.min(model.maxOutputTokens, value);
      },
    });
  }
  return updates;
}

/**
 * Applies a price list to the data file's models in place and returns what changed. A model whose
 * new figures would break a catalog rule (e.g. cache read not cheaper than input) is left as it
 * was and reported through `warn`.
 */
export function applyPriceList(
  data: RawCatalogFile,
  list: readonly PriceListEntry[],
  options: { today: string; source: string; warn: (line: string) => void },
): CatalogChange[] {
  const listings = new Map(list.filter((entry) => typeof entry.id === "string").map((entry) => [entry.id.toLowerCase(), entry]));
  const changes: CatalogChange[] = [];
  data.models.forEach((model, position) => {
    const listingId = model.providerIds.openrouter;
    const listing = listingId === undefined ? undefined : listings.get(listingId.toLowerCase());
    if (listing === undefined) return;
    const candidate: ModelEntry = structuredClone(model);
    const modelChanges: CatalogChange[] = [];
    for (const update of listUpdates(candidate, listing)) {
      if (update.after === undefined || update.after === update.before) continue;
      update.set(update.after);
      modelChanges.push({ modelId: model.id, listingId: listing.id, field: update.path, before: update.before, after: update.after });
    }
    if (modelChanges.length === 0) return;
    const problems = findEntryProblems(candidate);
    if (problems.length > 0) {
      options.warn(`skipped ${model.id}: ${problems.join("; ")}`);
      return;
    }
    if (modelChanges.some((change) => !change.field.startsWith("providerPricing"))) {
      candidate.checked = options.today;
      candidate.source = `${options.source} (refresh-catalog)`;
    }
    data.models[position] = candidate;
    changes.push(...modelChanges);
  });
  if (changes.length > 0) data.updated = options.today;
  return changes;
}

/** Reads an OpenRouter-shaped list from a URL or a file. */
export async function loadPriceList(source: string): Promise<PriceListEntry[]> {
  let text: string;
  if (/^https?:\/\//i.test(source)) {
    const response = await fetch(source, { headers: { accept: "application/json" }, signal: AbortSignal.timeout(30_000) });
    if (!response.ok) throw new Error(`GET ${source} answered ${response.status}`);
    text = await response.text();
  } else {
    text = await readFile(source, "utf8");
  }
  const parsed: unknown = JSON.parse(text);
  const rows = typeof parsed === "object" && parsed !== null ? (parsed as { data?: unknown }).data : undefined;
  if (!Array.isArray(rows)) throw new Error(`${source} is not an OpenRouter model list (no data[] array)`);
  return rows as PriceListEntry[];
}

export function formatChange(change: CatalogChange): string {
  return `${change.modelId} (${change.listingId}): ${change.field} ${change.before ?? "unset"} -> ${change.after}`;
}

export interface RefreshOptions {
  source: string;
  dataPath: string;
  dryRun: boolean;
  log: (line: string) => void;
  today?: string;
}

export async function refreshCatalog(options: RefreshOptions): Promise<CatalogChange[]> {
  const raw: unknown = JSON.parse(await readFile(options.dataPath, "utf8"));
  parseCatalogData(raw, options.dataPath); // refuse to rewrite a file that is already broken
  const data = raw as RawCatalogFile;
  const list = await loadPriceList(options.source);
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const changes = applyPriceList(data, list, { today, source: options.source, warn: (line) => options.log(`warning: ${line}`) });
  for (const change of changes) options.log(formatChange(change));
  const models = new Set(changes.map((change) => change.modelId)).size;
  if (changes.length === 0) {
    options.log(`No changes (${list.length} listings checked).`);
    return changes;
  }
  if (options.dryRun) {
    options.log(`${changes.length} changes in ${models} models (dry run: nothing written).`);
    return changes;
  }
  parseCatalogData(data, options.dataPath);
  await writeFile(options.dataPath, `${JSON.stringify(data, null, 2)}\n`);
  options.log(`${changes.length} changes in ${models} models written to ${options.dataPath}.`);
  return changes;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      source: { type: "string", default: defaultSource },
      data: { type: "string", default: defaultDataPath },
      "dry-run": { type: "boolean", default: false },
    },
  });
  await refreshCatalog({
    source: values.source,
    dataPath: values.data,
    dryRun: values["dry-run"],
    log: (line) => process.stdout.write(`${line}\n`),
  });
}

if (import.meta.main) {
  main().catch((error: unknown) => {
    process.stderr.write(`refresh-catalog: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
