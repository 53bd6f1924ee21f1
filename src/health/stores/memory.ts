/**
 * @module
 * The embedded default: circuits in a Map of this process.
 */
import type { CircuitRecord } from "../circuit.ts";
import type { HealthStore } from "../store.ts";

export class MemoryHealthStore implements HealthStore {
  readonly #circuits = new Map<string, CircuitRecord>();

  getCircuit(scopeKey: string): CircuitRecord | undefined {
    return this.#circuits.get(scopeKey);
  }

  setCircuit(scopeKey: string, record: CircuitRecord): void {
    this.#circuits.set(scopeKey, record);
  }

  deleteCircuit(scopeKey: string): void {
    this.#circuits.delete(scopeKey);
  }

  listCircuits(): Iterable<readonly [string, CircuitRecord]> {
    return [...this.#circuits.entries()];
  }

  clear(): void {
    this.#circuits.clear();
  }
}
