/**
 * @module
 * Records in an array of this process: for tests, `:memory:`-like setups and the demo. Lost on
 * exit by design; use the SQLite store for anything that must survive.
 */
import { LlmuxError } from "../../core/errors.ts";
import { normalizeUsageRecord } from "../normalize-record.ts";
import { readUsageQuery } from "../read-query.ts";
import { resolvePeriod, type TimeRange } from "../resolve-period.ts";
import { summarizeRecords } from "../summarize-records.ts";
import type { UsageRecord } from "../usage-record.ts";
import type { SummarizeOptions, UsageQuery, UsageStore, UsageSummaryRow } from "../usage-store.ts";

export interface MemoryUsageStoreOptions {
  /** The clock periods are measured from (ms since epoch). */
  now?: () => number;
}

function inRange(record: UsageRecord, range: TimeRange): boolean {
  return (range.since === undefined || record.time >= range.since) && (range.until === undefined || record.time < range.until);
}

function copyRecord(record: UsageRecord): UsageRecord {
  return { ...record, attempts: record.attempts.map((attempt) => ({ ...attempt })) };
}

export class MemoryUsageStore implements UsageStore {
  readonly #records: UsageRecord[] = [];
  readonly #now: () => number;
  #closed = false;

  constructor(options: MemoryUsageStoreOptions = {}) {
    this.#now = options.now ?? Date.now;
  }

  async record(row: UsageRecord): Promise<void> {
    this.#assertOpen();
    this.#records.push(normalizeUsageRecord(row));
  }

  async query(filter: UsageQuery = {}): Promise<UsageRecord[]> {
    this.#assertOpen();
    const resolved = readUsageQuery(filter);
    const matches = this.#records.filter(
      (record) =>
        inRange(record, resolved) &&
        (resolved.model === undefined || record.servedModel === resolved.model || record.requestedModel === resolved.model) &&
        (resolved.provider === undefined || record.provider === resolved.provider) &&
        (resolved.status === undefined || record.status === resolved.status),
    );
    // Newest first; equal times keep reverse write order (the array is in write order and sort is stable).
    const newestFirst = matches.reverse().sort((left, right) => (left.time < right.time ? 1 : left.time > right.time ? -1 : 0));
    return newestFirst.slice(0, resolved.limit ?? newestFirst.length).map(copyRecord);
  }

  async summarize(options: SummarizeOptions): Promise<UsageSummaryRow[]> {
    this.#assertOpen();
    const range = resolvePeriod(options.period, this.#now());
    return summarizeRecords(
      this.#records.filter((record) => inRange(record, range)),
      options.groupBy,
    );
  }

  async close(): Promise<void> {
    this.#closed = true;
  }

  #assertOpen(): void {
    if (this.#closed) throw new LlmuxError("internal", "The usage store is closed.");
  }
}
