/**
 * @module
 * A candidate: one (provider, model) pair the router may call, and where it came from.
 */
import type { ModelEntry } from "../catalog/index.ts";
import type { ResolvedProvider } from "../providers/resolved-provider.ts";

/** Why a candidate is in the list, in the order the issue gives. */
export type CandidateOrigin =
  | "requested" // the requested model on its home provider (or the first model of a tier/list)
  | "same-model" // the same model through another configured provider
  | "alternative" // a catalog peer
  | "fallback-chain" // a per-model chain the user configured
  | "tier" // another model of the requested tier
  | "listed"; // another model of an explicit `models` list

export interface Candidate {
  provider: ResolvedProvider;
  /** The model as llmux names it (catalog id, or the name as given when the catalog does not know it). */
  model: string;
  /** The id sent to this provider. */
  upstreamModel: string;
  origin: CandidateOrigin;
  /** In words, e.g. "same model via openrouter", "peer: fast tier". */
  reason: string;
  entry: ModelEntry | undefined;
  /** Candidates of one group are interchangeable: the strategy orders within a group only. */
  group: number;
  estimatedCostUsd: number | undefined;
}
