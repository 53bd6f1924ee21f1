/**
 * @module
 * Source 1: providers' public Statuspage v2 pages. One cached snapshot per page, from
 * `summary.json`, completed from `components.json` when the summary lists none of the
 * provider's components (incident.io pages may return partial or empty lists), and read
 * through the page indicator when no component speaks for the provider.
 */
import { LlmuxError } from "../core/errors.ts";
import type { StatusPageConfig } from "./default-status-pages.ts";
import { mapComponentStatus, mapPageIndicator } from "./map-statuspage-status.ts";
import { matchesComponent, selectModelPatterns, type ComponentPattern } from "./match-component.ts";
import {
  parseStatuspageComponents,
  parseStatuspageSummary,
  type StatuspageComponent,
  type StatuspageSnapshot,
} from "./parse-statuspage.ts";
import { pickMostSevere } from "./pick-most-severe.ts";
import { RefreshingCache } from "./refreshing-cache.ts";
import type { SourceAnswer, StatusSource, StatusSourceContext } from "./status-source.ts";
import type { StatusReading } from "./types.ts";

export class StatuspageSource implements StatusSource {
  readonly kind = "status-page";
  readonly #pages: ReadonlyMap<string, StatusPageConfig>;
  readonly #context: StatusSourceContext;
  readonly #snapshots: RefreshingCache<StatuspageSnapshot>;

  constructor(pages: ReadonlyMap<string, StatusPageConfig>, context: StatusSourceContext) {
    this.#pages = pages;
    this.#context = context;
    this.#snapshots = new RefreshingCache({
      load: (provider) => this.#loadSnapshot(provider),
      timing: context.timing,
      isStopped: context.isStopped,
    });
  }

  async checkProvider(provider: string): Promise<SourceAnswer | undefined> {
    const page = this.#pages.get(provider);
    if (!page) return undefined;
    return this.#answer(provider, page.components);
  }

  async checkModel(model: string, provider: string | undefined): Promise<SourceAnswer | undefined> {
    const page = provider === undefined ? undefined : this.#pages.get(provider);
    if (!page || provider === undefined) return undefined;
    return this.#answer(provider, selectModelPatterns(model, page.models, page.components));
  }

  async listProviders(): Promise<Map<string, SourceAnswer>> {
    const providers = [...this.#pages.keys()];
    const answers = await Promise.all(providers.map((provider) => this.checkProvider(provider)));
    const result = new Map<string, SourceAnswer>();
    providers.forEach((provider, index) => {
      const answer = answers[index];
      if (answer) result.set(provider, answer);
    });
    return result;
  }

  refreshStale(): void {
    this.#snapshots.refreshStale();
  }

  waitForIdle(): Promise<void> {
    return this.#snapshots.waitForIdle();
  }

  async #answer(provider: string, patterns: readonly ComponentPattern[]): Promise<SourceAnswer> {
    const lookup = await this.#snapshots.get(provider);
    if (lookup.value === undefined || lookup.fetchedAt === undefined) {
      return { status: "unknown", detail: `status page unavailable: ${lookup.problem ?? "no data"}`, updatedAt: undefined };
    }
    return { ...readSnapshot(lookup.value, patterns), updatedAt: new Date(lookup.fetchedAt) };
  }

  async #loadSnapshot(provider: string): Promise<StatuspageSnapshot> {
    const page = this.#pages.get(provider);
    if (!page) throw new LlmuxError("config_error", `no status page for ${provider}`);
    const root = page.baseUrl.replace(/\/+$/, "");
    const summary = parseStatuspageSummary(await this.#context.client.getJson(`${root}/api/v2/summary.json`));
    if (!summary) throw new LlmuxError("upstream_error", "not a Statuspage v2 summary");
    const wanted = [...page.components, ...(page.models ?? []).flatMap((rule) => rule.components)];
    if (wanted.length === 0 || summary.components.some((component) => matchesComponent(component.name, wanted))) return summary;
    try {
      const listed = parseStatuspageComponents(await this.#context.client.getJson(`${root}/api/v2/components.json`));
      if (listed) return { ...summary, components: mergeComponents(summary.components, listed) };
    } catch {
      // The summary alone still answers through the page indicator.
    }
    return summary;
  }
}

/** The worst matching component wins; with none, the page-level indicator decides. */
export function readSnapshot(snapshot: StatuspageSnapshot, patterns: readonly ComponentPattern[]): StatusReading {
  const matched = snapshot.components
    .filter((component) => matchesComponent(component.name, patterns))
    .map((component) => ({ status: mapComponentStatus(component.status), component }));
  const worst = pickMostSevere(matched);
  if (worst && worst.status !== "unknown") {
    return { status: worst.status, detail: describeComponent(worst.component, snapshot) };
  }
  const status = mapPageIndicator(snapshot.indicator);
  const description = snapshot.description ?? snapshot.indicator ?? "no status";
  return { status, detail: `page status: ${description}` };
}

function describeComponent(component: StatuspageComponent, snapshot: StatuspageSnapshot): string {
  const text = `${component.name}: ${(component.status ?? "unknown").replaceAll("_", " ")}`;
  const incident = snapshot.incidents.find((candidate) => candidate.componentIds.includes(component.id));
  return incident ? `${text} (${incident.name})` : text;
}

/** components.json is the fuller list: its entries replace the summary's by id. */
function mergeComponents(summary: StatuspageComponent[], listed: StatuspageComponent[]): StatuspageComponent[] {
  const byId = new Map(summary.map((component) => [component.id, component]));
  for (const component of listed) byId.set(component.id, component);
  return [...byId.values()];
}
