/**
 * @module
 * The status vocabulary shared by every source and by the router that merges them with
 * local health.
 */

/** What a source believes about a provider or model right now. */
export type StatusLevel = "operational" | "degraded" | "down" | "unknown";

/** Where a status came from. `local` is the router's own health view; `none` means no source knew. */
export type StatusOrigin = "status-page" | "status-api" | "local" | "none";

/** The combined view the router merges with local health. */
export interface ProviderStatus {
  status: StatusLevel;
  /** False only for `down`: degraded and unknown providers stay usable, at lower priority. */
  isAvailable: boolean;
  source: StatusOrigin;
  /** When the answering source last fetched good data; undefined when nothing is known. */
  updatedAt: Date | undefined;
  /** Short human-readable reason, e.g. the affected component or why the status is unknown. */
  detail?: string;
}

/** One row of `StatusAPI.providers()`. */
export interface ProviderStatusEntry extends ProviderStatus {
  provider: string;
}

/** A compatible model the status API suggests when the asked one is unavailable. */
export interface ModelAlternative {
  provider: string;
  model: string;
  status: StatusLevel;
}

export interface ModelStatus extends ProviderStatus {
  model: string;
  /** The provider serving the model, when the source or the model name said so. */
  provider: string | undefined;
  alternatives: ModelAlternative[];
}

/** USD per million tokens. */
export interface ModelPricing {
  input: number;
  output: number;
}

/** One result of `StatusAPI.searchModels()`. */
export interface StatusModel {
  id: string;
  provider: string;
  status?: StatusLevel;
  pricing?: ModelPricing;
}

/** A source's answer before the service stamps origin and availability on it. */
export interface StatusReading {
  status: StatusLevel;
  detail?: string;
}
