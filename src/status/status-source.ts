/**
 * @module
 * The one contract every pre-flight status source implements. Sources never throw and
 * never wait longer than the shared check timeout: whatever goes wrong becomes an
 * `unknown` answer with a `detail` saying why.
 */
import type { JsonClient } from "./json-client.ts";
import type { CacheTiming } from "./refreshing-cache.ts";
import type { ModelAlternative, StatusReading } from "./types.ts";

export interface SourceAnswer extends StatusReading {
  /** When the data behind this answer was fetched; undefined when nothing is known. */
  updatedAt: Date | undefined;
  /** The provider the source attributes a model to, when it says. */
  provider?: string;
  alternatives?: ModelAlternative[];
}

export interface StatusSource {
  readonly kind: "status-page" | "status-api";
  /** Undefined when this source has nothing to say about the provider. */
  checkProvider(provider: string): Promise<SourceAnswer | undefined>;
  /** `provider` is the caller's best knowledge of who serves the model, if any. */
  checkModel(model: string, provider: string | undefined): Promise<SourceAnswer | undefined>;
  /** Every provider the source can report on, with its current answer. */
  listProviders(): Promise<Map<string, SourceAnswer>>;
  /** Called by the background poller. */
  refreshStale(): void;
  waitForIdle(): Promise<void>;
}

/** What the owning service shares with its sources. */
export interface StatusSourceContext {
  client: JsonClient;
  timing: CacheTiming;
  isStopped: () => boolean;
}
