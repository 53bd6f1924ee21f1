/**
 * @module
 * Picks a usage store from configuration. A discriminated union, so each backend names only its
 * own options; PostgreSQL becomes one more variant.
 */
import { MemoryUsageStore } from "./stores/memory.ts";
import { SqliteUsageStore } from "./stores/sqlite.ts";
import type { UsageStore } from "./usage-store.ts";

export type UsageStoreConfig =
  | { kind: "sqlite"; path?: string; synchronous?: "normal" | "full"; busyTimeoutMs?: number }
  | { kind: "memory" };

export interface OpenUsageStoreOptions {
  /** The clock periods are measured from (ms since epoch); tests inject one. */
  now?: () => number;
}

export function openUsageStore(config: UsageStoreConfig = { kind: "sqlite" }, options: OpenUsageStoreOptions = {}): UsageStore {
  switch (config.kind) {
    case "memory":
      return new MemoryUsageStore(options);
    case "sqlite":
      return new SqliteUsageStore({ ...config, ...options });
  }
}
