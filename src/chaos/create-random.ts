/**
 * @module
 * A small deterministic PRNG (mulberry32): the same seed gives the same fuzz cases and the
 * same fault mix in a soak, so a failure names a seed that reproduces it.
 */
export interface Random {
  /** In [0, 1). */
  next(): number;
  /** An integer in [0, max). */
  below(max: number): number;
  pick<T>(items: readonly T[]): T;
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
  const below = (max: number): number => Math.floor(next() * max);
  return { next, below, pick: (items) => items[below(items.length)] as (typeof items)[number] };
}
