/**
 * Shared helpers for the status tests: fixtures, a manual clock, a timer tracker.
 */
import { readFileSync } from "node:fs";

export function loadFixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8"));
}

/** A clock the test moves by hand; only freshness decisions read it. */
export function createManualClock(start = Date.parse("2026-11-20T14:32:00Z")): { now: () => number; advance: (ms: number) => void } {
  let current = start;
  return {
    now: () => current,
    advance: (ms) => {
      current += ms;
    },
  };
}

/** A minimal Statuspage v2 summary with leaf components named and statused as given. */
export function buildSummary(options: { indicator?: string; components?: Array<{ name: string; status: string }> }): unknown {
  return {
    page: { id: "p1", name: "Test", url: "https://status.example.com", time_zone: "Etc/UTC", updated_at: "2026-11-20T00:00:00Z" },
    components: (options.components ?? []).map((component, index) => ({
      id: `c${index}`,
      name: component.name,
      status: component.status,
      position: index,
      group: false,
      group_id: null,
      only_show_if_degraded: false,
    })),
    incidents: [],
    scheduled_maintenances: [],
    status: { indicator: options.indicator ?? "none", description: "All Systems Operational" },
  };
}

export interface TimerTracker {
  /** setTimeout/setInterval handles created since tracking began, neither cleared nor fired. */
  live(): number;
  restore(): void;
}

/** Wraps the global timer functions so a test can see which timers are still pending. */
export function trackTimers(): TimerTracker {
  const live = new Set<unknown>();
  const original = {
    setTimeout: globalThis.setTimeout,
    setInterval: globalThis.setInterval,
    clearTimeout: globalThis.clearTimeout,
    clearInterval: globalThis.clearInterval,
  };
  const trackedSetTimeout = (callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const handle = original.setTimeout((...callArgs: unknown[]) => {
      live.delete(handle);
      callback(...callArgs);
    }, ms, ...args);
    live.add(handle);
    return handle;
  };
  const trackedSetInterval = (callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const handle = original.setInterval(callback, ms, ...args);
    live.add(handle);
    return handle;
  };
  const untrack = (handle: unknown) => {
    live.delete(handle);
  };
  globalThis.setTimeout = trackedSetTimeout as unknown as typeof setTimeout;
  globalThis.setInterval = trackedSetInterval as unknown as typeof setInterval;
  globalThis.clearTimeout = ((handle: Parameters<typeof clearTimeout>[0]) => {
    untrack(handle);
    original.clearTimeout(handle);
  }) as typeof clearTimeout;
  globalThis.clearInterval = ((handle: Parameters<typeof clearInterval>[0]) => {
    untrack(handle);
    original.clearInterval(handle);
  }) as typeof clearInterval;
  return {
    live: () => live.size,
    restore: () => Object.assign(globalThis, original),
  };
}
