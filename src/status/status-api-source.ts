/**
 * @module
 * Source 2: a status API with the aistatus.cc shape (see parse-status-api.ts). Provider
 * statuses come from one cached `/api/providers` list, model checks from
 * `/api/check?model=`, searches from `/api/models?q=`.
 */
import { LlmuxError } from "../core/errors.ts";
import {
  parseModelCheck,
  parseModelList,
  parseProviderList,
  type StatusApiModelCheck,
  type StatusApiProviderRow,
} from "./parse-status-api.ts";
import { RefreshingCache, type CacheLookup } from "./refreshing-cache.ts";
import type { SourceAnswer, StatusSource, StatusSourceContext } from "./status-source.ts";
import type { StatusModel } from "./types.ts";

export class StatusApiSource implements StatusSource {
  readonly kind = "status-api";
  readonly #baseUrl: string;
  readonly #context: StatusSourceContext;
  readonly #providers: RefreshingCache<StatusApiProviderRow[]>;
  readonly #checks: RefreshingCache<StatusApiModelCheck>;
  readonly #searches: RefreshingCache<StatusModel[]>;

  constructor(baseUrl: string, context: StatusSourceContext) {
    this.#baseUrl = baseUrl.replace(/\/+$/, "");
    this.#context = context;
    const common = { timing: context.timing, isStopped: context.isStopped };
    this.#providers = new RefreshingCache({
      ...common,
      load: () => this.#fetch("/api/providers", undefined, parseProviderList),
    });
    this.#checks = new RefreshingCache({
      ...common,
      load: (model) => this.#fetch("/api/check", { model }, parseModelCheck),
    });
    this.#searches = new RefreshingCache({
      ...common,
      load: (query) => this.#fetch("/api/models", { q: query }, parseModelList),
    });
  }

  async checkProvider(provider: string): Promise<SourceAnswer> {
    const lookup = await this.#providers.get("all");
    if (lookup.value === undefined) return unknownAnswer(lookup);
    const row = lookup.value.find((candidate) => candidate.provider === provider);
    if (!row) return { status: "unknown", detail: "status API does not list this provider", updatedAt: undefined };
    return { status: row.status, ...(row.detail ? { detail: row.detail } : {}), updatedAt: toDate(lookup) };
  }

  async checkModel(model: string): Promise<SourceAnswer> {
    const lookup = await this.#checks.get(model);
    const check = lookup.value;
    if (check === undefined) return unknownAnswer(lookup);
    return {
      status: check.status,
      ...(check.detail ? { detail: check.detail } : {}),
      updatedAt: toDate(lookup),
      ...(check.provider !== undefined ? { provider: check.provider } : {}),
      alternatives: check.alternatives,
    };
  }

  async listProviders(): Promise<Map<string, SourceAnswer>> {
    const lookup = await this.#providers.get("all");
    const result = new Map<string, SourceAnswer>();
    for (const row of lookup.value ?? []) {
      result.set(row.provider, { status: row.status, ...(row.detail ? { detail: row.detail } : {}), updatedAt: toDate(lookup) });
    }
    return result;
  }

  /** Models matching `query`, with prices; empty when the API cannot answer in time. */
  async searchModels(query: string): Promise<StatusModel[]> {
    const lookup = await this.#searches.get(query);
    return lookup.value ?? [];
  }

  refreshStale(): void {
    this.#providers.refreshStale();
    this.#checks.refreshStale();
    this.#searches.refreshStale();
  }

  async waitForIdle(): Promise<void> {
    await Promise.all([this.#providers.waitForIdle(), this.#checks.waitForIdle(), this.#searches.waitForIdle()]);
  }

  async #fetch<T>(path: string, query: Record<string, string> | undefined, parse: (body: unknown) => T | undefined): Promise<T> {
    const url = new URL(`${this.#baseUrl}${path}`);
    for (const [key, value] of Object.entries(query ?? {})) url.searchParams.set(key, value);
    const parsed = parse(await this.#context.client.getJson(url.toString()));
    if (parsed === undefined) throw new LlmuxError("upstream_error", `unexpected ${path} response`);
    return parsed;
  }
}

function unknownAnswer(lookup: CacheLookup<unknown>): SourceAnswer {
  return { status: "unknown", detail: `status API unavailable: ${lookup.problem ?? "no data"}`, updatedAt: undefined };
}

function toDate(lookup: CacheLookup<unknown>): Date | undefined {
  return lookup.fetchedAt === undefined ? undefined : new Date(lookup.fetchedAt);
}
