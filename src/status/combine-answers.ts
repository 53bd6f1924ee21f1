/**
 * @module
 * Several sources' answers to one `ProviderStatus`. The most severe known answer wins
 * (a provider's page saying "down" is believed even if another source lags); ties go to
 * the earlier source. When no source knows, the result is `unknown` from `none`.
 */
import { pickMostSevere } from "./pick-most-severe.ts";
import type { SourceAnswer, StatusSource } from "./status-source.ts";
import type { ProviderStatus } from "./types.ts";

export interface SourcedAnswer {
  kind: StatusSource["kind"];
  answer: SourceAnswer;
}

export function combineAnswers(answers: readonly SourcedAnswer[]): ProviderStatus {
  const known = answers.filter((item) => item.answer.status !== "unknown");
  const worst = pickMostSevere(known.map((item) => ({ status: item.answer.status, item })))?.item;
  if (!worst) {
    const reasons = answers.flatMap((item) => (item.answer.detail ? [item.answer.detail] : []));
    return {
      status: "unknown",
      isAvailable: true,
      source: "none",
      updatedAt: undefined,
      detail: reasons.length > 0 ? reasons.join("; ") : "no status source covers this provider",
    };
  }
  const { status, detail, updatedAt } = worst.answer;
  return { status, isAvailable: status !== "down", source: worst.kind, updatedAt, ...(detail ? { detail } : {}) };
}
