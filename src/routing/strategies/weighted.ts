import type { RankedCandidate, Strategy, StrategyContext } from "./strategy.ts";

/**
 * Smooth weighted round-robin (as nginx does it): over many requests each candidate leads
 * in proportion to its weight, without bursts. The rest follow in the given order, so a
 * failure still falls back predictably. State is per candidate set.
 */
export function createWeightedStrategy(): Strategy {
  const current = new Map<string, number>();
  function weightOf(candidate: RankedCandidate, context: StrategyContext): number {
    const weight = context.weights[`${candidate.provider.id}/${candidate.model}`] ?? context.weights[candidate.provider.id] ?? 1;
    return Math.max(0, weight);
  }
  return {
    name: "weighted",
    order(candidates, context) {
      if (candidates.length < 2) return [...candidates];
      let total = 0;
      let best = -1;
      let bestScore = -Infinity;
      candidates.forEach((candidate, position) => {
        const key = `${candidate.provider.id}/${candidate.model}`;
        const weight = weightOf(candidate, context);
        total += weight;
        const score = (current.get(key) ?? 0) + weight;
        current.set(key, score);
        if (weight > 0 && score > bestScore) {
          bestScore = score;
          best = position;
        }
      });
      if (best === -1) return [...candidates];
      const leader = candidates[best]!;
      const leaderKey = `${leader.provider.id}/${leader.model}`;
      current.set(leaderKey, (current.get(leaderKey) ?? 0) - total);
      return [leader, ...candidates.filter((_, position) => position !== best)];
    },
  };
}
