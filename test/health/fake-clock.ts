/**
 * A manual clock and timers for health tests: time moves only when a test says so.
 */
import type { ProbeTimers } from "../../src/health/probe-scheduler.ts";

export interface FakeClock {
  now: () => number;
  advance(ms: number): void;
}

export function createFakeClock(start = 1_700_000_000_000): FakeClock {
  let current = start;
  return {
    now: () => current,
    advance(ms: number) {
      current += ms;
    },
  };
}

interface PendingTimer {
  id: number;
  at: number;
  callback: () => void;
}

export interface FakeTimers extends ProbeTimers {
  /** Timers not yet fired or cleared. */
  pending(): { id: number; at: number }[];
  /** Moves the clock forward, firing due timers in order. */
  advance(ms: number): void;
}

export function createFakeTimers(clock: FakeClock): FakeTimers {
  let nextId = 1;
  let timers: PendingTimer[] = [];
  return {
    setTimeout(callback, ms) {
      const timer = { id: nextId++, at: clock.now() + ms, callback };
      timers.push(timer);
      return timer.id;
    },
    clearTimeout(handle) {
      timers = timers.filter((timer) => timer.id !== handle);
    },
    pending() {
      return timers.map(({ id, at }) => ({ id, at }));
    },
    advance(ms) {
      const end = clock.now() + ms;
      for (;;) {
        const due = timers.filter((timer) => timer.at <= end).sort((left, right) => left.at - right.at)[0];
        if (due === undefined) break;
        timers = timers.filter((timer) => timer !== due);
        clock.advance(Math.max(0, due.at - clock.now()));
        due.callback();
      }
      clock.advance(Math.max(0, end - clock.now()));
    },
  };
}
