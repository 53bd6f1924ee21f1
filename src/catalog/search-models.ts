/**
 * @module
 * Free-text search over the catalog. Every word of the query must match some field of a model;
 * a model's score is the sum of each word's best match, so exact names beat prefixes, prefixes
 * beat substrings, and names beat families and providers. Dots and dashes count as the same.
 */
import type { ModelEntry } from "./model-types.ts";
import { loosenModelName as loosen } from "./normalize-model-name.ts";

/** Best score of one query word against one model; 0 when it matches nothing. */
function scoreTerm(model: ModelEntry, term: string): number {
  const id = loosen(model.id);
  const names = [...model.aliases, ...Object.values(model.providerIds)].map(loosen);
  const family = loosen(model.family);
  const servedBy = Object.keys(model.providerIds);
  const scores = [
    id === term ? 100 : 0,
    names.includes(term) ? 90 : 0,
    id.startsWith(term) ? 70 : 0,
    names.some((name) => name.startsWith(term)) ? 60 : 0,
    family === term ? 50 : 0,
    model.provider === term || loosen(model.vendor) === term ? 45 : 0,
    id.includes(term) ? 40 : 0,
    servedBy.includes(term) ? 35 : 0,
    names.some((name) => name.includes(term)) ? 30 : 0,
    family.includes(term) ? 25 : 0,
  ];
  return Math.max(...scores);
}

function compareByRelease(left: ModelEntry, right: ModelEntry): number {
  return (right.released ?? "").localeCompare(left.released ?? "");
}

/** Models matching every word of `text`, best first; ties go to current, then newer, models. */
export function searchModels(models: readonly ModelEntry[], text: string): ModelEntry[] {
  const terms = text.split(/\s+/).map(loosen).filter((term) => term !== "");
  if (terms.length === 0) return [];
  const hits: Array<{ model: ModelEntry; score: number }> = [];
  for (const model of models) {
    let score = 0;
    for (const term of terms) {
      const termScore = scoreTerm(model, term);
      if (termScore === 0) {
        score = 0;
        break;
      }
      score += termScore;
    }
    if (score > 0) hits.push({ model, score });
  }
  hits.sort(
    (left, right) =>
      right.score - left.score ||
      Number(left.model.deprecated !== undefined) - Number(right.model.deprecated !== undefined) ||
      compareByRelease(left.model, right.model) ||
      left.model.id.localeCompare(right.model.id),
  );
  return hits.map((hit) => hit.model);
}
