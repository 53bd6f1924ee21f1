/**
 * @module
 * Where circuits (cooldowns, strikes, probe leases) live: the only health state worth
 * sharing between gateway replicas. Measurements (windows, EWMA, in-flight) stay in the
 * tracker's process, since each replica measures its own traffic.
 *
 * Why synchronous: `acquire` runs before every upstream call, and a network round trip
 * there would cost more than the calls it saves. A Redis store fits the same interface
 * by keeping a local mirror: reads hit the mirror; `setCircuit` / `deleteCircuit` update
 * it and queue a write (`SET scope record PX <until+grace>`, then PUBLISH); a
 * subscription merges peers' writes into the mirror, keeping the later `openUntil`
 * (so a cooldown is never shortened across replicas either). Probe leases are then per
 * replica (at most one probe per replica), unless it claims them with `SET NX`.
 *
 * Records are immutable values: the tracker never mutates one it has read, it writes a
 * new one.
 */
import type { CircuitRecord } from "./circuit.ts";

export interface HealthStore {
  /** The circuit of one scope; undefined means closed. */
  getCircuit(scopeKey: string): CircuitRecord | undefined;
  setCircuit(scopeKey: string, record: CircuitRecord): void;
  /** Closes a circuit. */
  deleteCircuit(scopeKey: string): void;
  /** Every open or half-open circuit, for snapshots and resets. */
  listCircuits(): Iterable<readonly [string, CircuitRecord]>;
  clear(): void;
}
