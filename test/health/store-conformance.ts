/**
 * Behaviour every HealthStore must show (memory now, Redis later): run it with a factory.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { CircuitRecord } from "../../src/health/circuit.ts";
import { HealthTracker } from "../../src/health/health-tracker.ts";
import type { HealthStore } from "../../src/health/store.ts";

function record(openUntil: number): CircuitRecord {
  return {
    scope: { level: "route", provider: "openai", model: "gpt-4o" },
    openUntil,
    lastCooldownMs: 5_000,
    strikes: 1,
    disabled: false,
    reason: { kind: "server", status: 500, message: "boom", at: openUntil - 5_000 },
    probeUntil: 0,
  };
}

export function runHealthStoreConformance(name: string, createStore: () => HealthStore): void {
  test(`${name}: get/set/delete/list/clear circuits`, () => {
    const store = createStore();
    assert.equal(store.getCircuit("a"), undefined);
    store.setCircuit("a", record(10_000));
    store.setCircuit("b", record(20_000));
    assert.deepEqual(store.getCircuit("a"), record(10_000));
    store.setCircuit("a", record(15_000));
    assert.equal(store.getCircuit("a")?.openUntil, 15_000);
    assert.deepEqual([...store.listCircuits()].map(([key]) => key).sort(), ["a", "b"]);
    store.deleteCircuit("a");
    assert.equal(store.getCircuit("a"), undefined);
    store.clear();
    assert.deepEqual([...store.listCircuits()], []);
  });

  test(`${name}: listing while deleting is safe`, () => {
    const store = createStore();
    for (let index = 0; index < 5; index++) store.setCircuit(`k${index}`, record(index));
    for (const [key] of store.listCircuits()) store.deleteCircuit(key);
    assert.deepEqual([...store.listCircuits()], []);
  });

  test(`${name}: two trackers on one store share cooldowns`, () => {
    let now = 1_000_000;
    const store = createStore();
    const first = new HealthTracker({ store, now: () => now });
    const second = new HealthTracker({ store, now: () => now });
    const target = { provider: "openai", model: "gpt-4o", keyId: "k" };
    first.recordFailure(target, { kind: "overloaded", status: 503 });
    assert.equal(second.acquire(target), "deny");
    assert.equal(second.snapshot().routes[0]?.state, "cooling", "circuits show even without local traffic");
    now += 5_000;
    assert.equal(second.acquire(target), "probe");
    assert.equal(first.acquire(target), "deny", "the probe slot is shared");
    second.recordSuccess(target);
    assert.equal(first.acquire(target), "allow");
  });
}
