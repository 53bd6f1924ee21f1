/**
 * @module
 * A keyed cache that never makes a caller wait long: fresh values are served at once,
 * stale ones are served while a background refresh runs, and a caller with nothing
 * cached waits for the fetch at most `checkTimeoutMs`. Failures only leave a `problem`
 * behind; the last good value survives them until `maxAgeMs`.
 */

export interface CacheTiming {
  /** Clock for freshness decisions (injectable for tests). */
  now: () => number;
  /** A value younger than this is served without refreshing. */
  ttlMs: number;
  /** A value older than this is dropped, even if refreshes keep failing. */
  maxAgeMs: number;
  /** Longest a lookup waits for a fetch; real time, not the injected clock. */
  checkTimeoutMs: number;
  /** After a failed fetch, the next attempt waits this long. */
  retryAfterFailureMs: number;
}

export interface CacheLookup<T> {
  /** Undefined when there is no value young enough to trust. */
  value: T | undefined;
  fetchedAt: number | undefined;
  /** Why the value is missing or may be old, e.g. "HTTP 500". */
  problem: string | undefined;
}

interface Entry<T> {
  value: T | undefined;
  fetchedAt: number | undefined;
  failedAt: number | undefined;
  problem: string | undefined;
  inFlight: Promise<void> | undefined;
  usedAt: number;
}

export interface RefreshingCacheOptions<T> {
  load: (key: string) => Promise<T>;
  timing: CacheTiming;
  /** Once true, no new fetch starts; cached values are still served. */
  isStopped: () => boolean;
}

export class RefreshingCache<T> {
  readonly #options: RefreshingCacheOptions<T>;
  readonly #entries = new Map<string, Entry<T>>();

  constructor(options: RefreshingCacheOptions<T>) {
    this.#options = options;
  }

  async get(key: string): Promise<CacheLookup<T>> {
    const { now, ttlMs, checkTimeoutMs } = this.#options.timing;
    const entry = this.#touch(key, now());
    if (entry.fetchedAt !== undefined) {
      if (now() - entry.fetchedAt >= ttlMs) this.#startLoad(key, entry);
      return toLookup(entry);
    }
    this.#startLoad(key, entry);
    if (entry.inFlight === undefined) return toLookup(entry);
    const settled = await settleWithin(entry.inFlight, checkTimeoutMs);
    if (!settled) return { value: undefined, fetchedAt: undefined, problem: `no answer within ${checkTimeoutMs} ms` };
    return toLookup(entry);
  }

  /** Background poll: refresh stale keys still in use, forget keys nobody asked for lately. */
  refreshStale(): void {
    const { now, ttlMs, maxAgeMs } = this.#options.timing;
    for (const [key, entry] of this.#entries) {
      this.#expire(entry, now());
      if (now() - entry.usedAt > maxAgeMs) {
        if (entry.inFlight === undefined) this.#entries.delete(key);
        continue;
      }
      if (entry.fetchedAt === undefined || now() - entry.fetchedAt >= ttlMs) this.#startLoad(key, entry);
    }
  }

  /** Resolves once no fetch is in flight (tests, graceful shutdown). */
  async waitForIdle(): Promise<void> {
    for (;;) {
      const pending = [...this.#entries.values()].flatMap((entry) => (entry.inFlight ? [entry.inFlight] : []));
      if (pending.length === 0) return;
      await Promise.all(pending);
    }
  }

  #touch(key: string, now: number): Entry<T> {
    let entry = this.#entries.get(key);
    if (!entry) {
      entry = { value: undefined, fetchedAt: undefined, failedAt: undefined, problem: undefined, inFlight: undefined, usedAt: now };
      this.#entries.set(key, entry);
    }
    entry.usedAt = now;
    this.#expire(entry, now);
    return entry;
  }

  #expire(entry: Entry<T>, now: number): void {
    if (entry.fetchedAt === undefined || now - entry.fetchedAt < this.#options.timing.maxAgeMs) return;
    entry.value = undefined;
    entry.fetchedAt = undefined;
    entry.problem ??= "last status expired";
  }

  #startLoad(key: string, entry: Entry<T>): void {
    const { now, retryAfterFailureMs } = this.#options.timing;
    if (entry.inFlight !== undefined || this.#options.isStopped()) return;
    if (entry.failedAt !== undefined && now() - entry.failedAt < retryAfterFailureMs) return;
    // The loader is the only thing here that can throw; it never reaches a caller.
    entry.inFlight = this.#options
      .load(key)
      .then(
        (value) => {
          entry.value = value;
          entry.fetchedAt = now();
          entry.failedAt = undefined;
          entry.problem = undefined;
        },
        (error: unknown) => {
          entry.failedAt = now();
          entry.problem = error instanceof Error ? error.message : String(error);
        },
      )
      .finally(() => {
        entry.inFlight = undefined;
      });
  }
}

function toLookup<T>(entry: Entry<T>): CacheLookup<T> {
  return { value: entry.value, fetchedAt: entry.fetchedAt, problem: entry.problem };
}

/** True when `promise` settled within `ms`; the timer is unref'd and always cleared. */
async function settleWithin(promise: Promise<void>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(resolve, ms, false);
    timer.unref();
  });
  try {
    return await Promise.race([promise.then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
