/**
 * @module
 * `StatusAPI`: pre-flight status for the router. Combines the configured sources (public
 * status pages, a status API), serves cached answers at once, refreshes them in the
 * background every TTL, and never lets a lookup wait longer than `checkTimeout`: a
 * source that is slow, down or talking nonsense yields "unknown", never an error.
 */
import { combineAnswers, type SourcedAnswer } from "./combine-answers.ts";
import { guessProvider } from "./guess-provider.ts";
import { JsonClient, type FetchFunction } from "./json-client.ts";
import { normalizeProviderId } from "./normalize-provider-id.ts";
import type { CacheTiming } from "./refreshing-cache.ts";
import { resolveStatusPages, type StatusPagesOption } from "./resolve-status-pages.ts";
import { StatusApiSource } from "./status-api-source.ts";
import type { StatusSource, StatusSourceContext } from "./status-source.ts";
import { StatuspageSource } from "./statuspage-source.ts";
import type { ModelStatus, ProviderStatus, ProviderStatusEntry, StatusModel } from "./types.ts";

/** The public status API this module's status-API source was modelled on. */
export const aistatusBaseUrl = "https://aistatus.cc";

export interface StatusAPIOptions {
  /** Root of a status API with the aistatus.cc shape (e.g. `aistatusBaseUrl`). Omitted: none. */
  baseUrl?: string;
  /** Longest any lookup waits on a status fetch, in ms. @default 2000 */
  checkTimeout?: number;
  /** How long a fetched status stays fresh, in ms. @default 60000 */
  ttl?: number;
  /** How long the last good status survives failing refreshes, in ms. @default 5 × ttl */
  maxAge?: number;
  /** Limit for one background HTTP request (its `AbortSignal.timeout`), in ms. @default 10000 */
  requestTimeout?: number;
  /** Status pages by provider id, merged over `defaultStatusPages`; `false` disables them all. */
  statusPages?: StatusPagesOption | false;
  /** Refresh looked-up statuses every ttl on an unref'd timer. @default true */
  poll?: boolean;
  /** @default globalThis.fetch */
  fetch?: FetchFunction;
  /** Clock for freshness decisions; inject one in tests. @default Date.now */
  now?: () => number;
}

export interface CheckModelOptions {
  /** Who serves the model, when the caller knows; otherwise guessed from the name. */
  provider?: string;
}

export class StatusAPI {
  readonly #sources: StatusSource[] = [];
  readonly #statusApi: StatusApiSource | undefined;
  readonly #stopController = new AbortController();
  readonly #poll: boolean;
  readonly #ttl: number;
  #pollTimer: ReturnType<typeof setInterval> | undefined;

  constructor(options: StatusAPIOptions = {}) {
    this.#ttl = options.ttl ?? 60_000;
    this.#poll = options.poll ?? true;
    const timing: CacheTiming = {
      now: options.now ?? Date.now,
      ttlMs: this.#ttl,
      maxAgeMs: options.maxAge ?? this.#ttl * 5,
      checkTimeoutMs: options.checkTimeout ?? 2000,
      // A failing source is retried sooner than a healthy one is refreshed, but not hammered.
      retryAfterFailureMs: Math.min(this.#ttl, 10_000),
    };
    const context: StatusSourceContext = {
      client: new JsonClient({
        // Read the global at call time, so a fetch swapped in later (mocks, agents) is used.
        fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
        requestTimeoutMs: options.requestTimeout ?? 10_000,
        signal: this.#stopController.signal,
      }),
      timing,
      isStopped: () => this.#stopController.signal.aborted,
    };
    const pages = resolveStatusPages(options.statusPages);
    if (pages.size > 0) this.#sources.push(new StatuspageSource(pages, context));
    if (options.baseUrl !== undefined) {
      this.#statusApi = new StatusApiSource(options.baseUrl, context);
      this.#sources.push(this.#statusApi);
    }
  }

  async checkProvider(name: string): Promise<ProviderStatus> {
    this.#startPolling();
    const provider = normalizeProviderId(name);
    const answers = await Promise.all(
      this.#sources.map(async (source) => ({ kind: source.kind, answer: await source.checkProvider(provider) })),
    );
    return combineAnswers(answers.filter(isAnswered));
  }

  /** The model's own status from the status API, combined with its provider's status page. */
  async checkModel(model: string, options: CheckModelOptions = {}): Promise<ModelStatus> {
    this.#startPolling();
    const explicit = options.provider !== undefined ? normalizeProviderId(options.provider) : undefined;
    const knownProvider = explicit ?? guessProvider(model);
    const answers = (
      await Promise.all(
        this.#sources.map(async (source) => ({ kind: source.kind, answer: await source.checkModel(model, knownProvider) })),
      )
    ).filter(isAnswered);
    const fromApi = answers.find((item) => item.kind === "status-api")?.answer;
    return {
      ...combineAnswers(answers),
      model,
      provider: explicit ?? fromApi?.provider ?? knownProvider,
      alternatives: fromApi?.alternatives ?? [],
    };
  }

  /** Every provider some source reports on, sorted by id. */
  async providers(): Promise<ProviderStatusEntry[]> {
    this.#startPolling();
    const lists = await Promise.all(
      this.#sources.map(async (source) => ({ kind: source.kind, answers: await source.listProviders() })),
    );
    const byProvider = new Map<string, SourcedAnswer[]>();
    for (const { kind, answers } of lists) {
      for (const [provider, answer] of answers) {
        const entry = byProvider.get(provider) ?? [];
        entry.push({ kind, answer });
        byProvider.set(provider, entry);
      }
    }
    return [...byProvider.entries()]
      .sort(([left], [right]) => left.localeCompare(right))
      .map(([provider, answers]) => ({ provider, ...combineAnswers(answers) }));
  }

  /** Models with prices from the status API; empty without one, so the router uses its catalog. */
  async searchModels(query: string): Promise<StatusModel[]> {
    if (!this.#statusApi) return [];
    this.#startPolling();
    return this.#statusApi.searchModels(query);
  }

  /** Resolves when no status fetch is in flight. */
  async waitForIdle(): Promise<void> {
    await Promise.all(this.#sources.map((source) => source.waitForIdle()));
  }

  /** Stops polling and aborts fetches in flight; cached answers are still served. */
  stop(): void {
    if (this.#pollTimer !== undefined) clearInterval(this.#pollTimer);
    this.#pollTimer = undefined;
    this.#stopController.abort();
  }

  #startPolling(): void {
    if (!this.#poll || this.#pollTimer !== undefined || this.#stopController.signal.aborted) return;
    this.#pollTimer = setInterval(() => {
      for (const source of this.#sources) source.refreshStale();
    }, this.#ttl);
    this.#pollTimer.unref();
  }
}

function isAnswered(item: { kind: StatusSource["kind"]; answer: SourcedAnswer["answer"] | undefined }): item is SourcedAnswer {
  return item.answer !== undefined;
}
