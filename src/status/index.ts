/**
 * @module
 * Pre-flight status sources: what `routing/` and `gateway/` import from here.
 */
export { StatusAPI, aistatusBaseUrl } from "./status-api.ts";
export type { CheckModelOptions, StatusAPIOptions } from "./status-api.ts";
export { resolveStatusPages } from "./resolve-status-pages.ts";
export type { StatusPagesOption } from "./resolve-status-pages.ts";
export { defaultStatusPages } from "./default-status-pages.ts";
export type { StatusPageConfig } from "./default-status-pages.ts";
export type { ComponentPattern, ModelComponentRule } from "./match-component.ts";
export type {
  ModelAlternative,
  ModelPricing,
  ModelStatus,
  ProviderStatus,
  ProviderStatusEntry,
  StatusLevel,
  StatusModel,
  StatusOrigin,
} from "./types.ts";
export type { FetchFunction } from "./json-client.ts";
