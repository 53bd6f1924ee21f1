/**
 * @module
 * The embedded default: usage records in a SQLite file through Node's built-in `node:sqlite`
 * (no native dependency; no ExperimentalWarning under Node 24.21).
 *
 * Crash safety, with group commit. `record` resolves only once its row is committed. Rows
 * recorded in the same turn of the event loop are committed together, in one transaction, a
 * turn later: under load a gateway records dozens of rows per turn, and one commit per row
 * cost more than the rest of the request. Nothing is acknowledged before its commit, so the
 * gateway (which awaits `record` before it finishes an answer) still never answers a request
 * whose row a crash could lose. The journal is WAL, so a commit is an append to `<file>-wal`
 * made with write() before the promise resolves. With `synchronous=NORMAL` (the default) that
 * append is in the OS page cache: a process crash (exit, SIGKILL, uncaught error) loses no
 * committed row; an OS crash or power loss may lose the commits since the last checkpoint. `synchronous: "full"` fsyncs the WAL on
 * every commit and survives power loss too, but `DatabaseSync` runs on the event loop, so each
 * record would then block every in-flight request for an fsync (about a millisecond on an SSD,
 * far more on network disks). NORMAL is the right default for a gateway; pick FULL where this
 * table is the billing record.
 *
 * Writers. One process: calls run one at a time on the event loop, so parallel `record` promises
 * can not interleave inside a statement. Several processes on one file: WAL allows one writer and
 * many readers; a writer waits up to `busyTimeoutMs` for the lock instead of failing.
 */
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { DatabaseSync, type SQLInputValue, type StatementSync } from "node:sqlite";
import { ConfigError, LlmuxError } from "../../core/errors.ts";
import { normalizeUsageRecord } from "../normalize-record.ts";
import { readUsageQuery } from "../read-query.ts";
import { resolvePeriod } from "../resolve-period.ts";
import { sortSummaryRows } from "../summarize-records.ts";
import { fallbackRouteModes, type UsageRecord } from "../usage-record.ts";
import type { SummarizeOptions, UsageGroupBy, UsageQuery, UsageStore, UsageSummaryRow } from "../usage-store.ts";
import { migrateUsageSchema, usageTable } from "./sqlite-schema.ts";
import { insertColumns, readNumber, readText, toInsertParameters, toUsageRecord } from "./sqlite-rows.ts";

export const defaultUsageDatabasePath = "./.llmux/usage.db";

export interface SqliteUsageStoreOptions {
  /** A file path (its directory is created when missing) or `:memory:`. @default "./.llmux/usage.db" */
  path?: string;
  /** WAL sync level; see the module comment. @default "normal" */
  synchronous?: "normal" | "full";
  /** How long a write waits for another process's lock. @default 5000 */
  busyTimeoutMs?: number;
  /** The clock periods are measured from (ms since epoch). */
  now?: () => number;
}

const groupExpressions: Record<UsageGroupBy, string> = {
  model: "COALESCE(served_model, requested_model)",
  provider: "provider",
  key: "key_id",
  "gateway-key": "gateway_key_id",
  "route-mode": "route_mode",
  day: "substr(time, 1, 10)",
};

/** Same definitions as `isFailedRecord` / `isFallbackRecord` (the conformance suite holds them equal). */
const failedExpression = "(error_kind IS NOT NULL OR status >= 400)";
const fallbackExpression = `(route_mode IN (${fallbackRouteModes.map((mode) => `'${mode}'`).join(", ")}))`;

/**
 * SQL for the nearest-rank percentile over the window columns `rn` (rank) and `n` (group size):
 * the same integer formula as `computePercentileRank`, so both stores pick the same row.
 */
function percentileSql(percent: number): string {
  return `MAX(CASE WHEN rn = MAX(1, (${percent} * n + 99) / 100) THEN latency_ms END)`;
}

function openDatabase(path: string): DatabaseSync {
  const inMemory = path === ":memory:";
  try {
    if (!inMemory) mkdirSync(dirname(resolve(path)), { recursive: true });
    return new DatabaseSync(path);
  } catch (error) {
    throw new ConfigError(`Cannot open the usage database at ${path}: ${error instanceof Error ? error.message : String(error)}`, { file: path, cause: error });
  }
}

export class SqliteUsageStore implements UsageStore {
  readonly path: string;
  readonly #database: DatabaseSync;
  readonly #insert: StatementSync;
  readonly #statements = new Map<string, StatementSync>();
  readonly #now: () => number;
  #closed = false;
  /** Rows waiting for the next group commit, with their callers. */
  #pending: Array<{ row: UsageRecord; resolve: () => void; reject: (error: unknown) => void }> = [];
  #flushScheduled = false;

  constructor(options: SqliteUsageStoreOptions = {}) {
    this.path = options.path ?? defaultUsageDatabasePath;
    this.#now = options.now ?? Date.now;
    this.#database = openDatabase(this.path);
    try {
      // journal_mode must be set outside a transaction; it persists in the file.
      this.#database.exec("PRAGMA journal_mode = WAL");
      this.#database.exec(`PRAGMA synchronous = ${options.synchronous === "full" ? "FULL" : "NORMAL"}`);
      this.#database.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5_000))}`);
      migrateUsageSchema(this.#database, this.path);
    } catch (error) {
      this.#database.close();
      if (LlmuxError.isInstance(error)) throw error;
      throw new ConfigError(`Cannot prepare the usage database at ${this.path}: ${error instanceof Error ? error.message : String(error)}`, { file: this.path, cause: error });
    }
    const placeholders = insertColumns.map((column) => `$${column}`).join(", ");
    this.#insert = this.#database.prepare(`INSERT INTO ${usageTable} (${insertColumns.join(", ")}) VALUES (${placeholders})`);
  }

  /** Resolves once the row is committed (with the other rows of this turn, in one transaction). */
  record(row: UsageRecord): Promise<void> {
    let normalized: UsageRecord;
    try {
      this.#assertOpen();
      normalized = normalizeUsageRecord(row);
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<void>((resolve, reject) => {
      this.#pending.push({ row: normalized, resolve, reject });
      if (this.#flushScheduled) return;
      this.#flushScheduled = true;
      setImmediate(() => this.#flush());
    });
  }

  /** Commits every waiting row in one transaction, then tells their callers. */
  #flush(): void {
    this.#flushScheduled = false;
    const batch = this.#pending;
    if (batch.length === 0) return;
    this.#pending = [];
    try {
      this.#database.exec("BEGIN");
      try {
        for (const entry of batch) this.#insert.run(toInsertParameters(entry.row));
        this.#database.exec("COMMIT");
      } catch (error) {
        this.#database.exec("ROLLBACK");
        throw error;
      }
    } catch {
      // One bad row must not cost the others theirs: commit each on its own.
      for (const entry of batch) {
        try {
          this.#insert.run(toInsertParameters(entry.row));
          entry.resolve();
        } catch (error) {
          entry.reject(error);
        }
      }
      return;
    }
    for (const entry of batch) entry.resolve();
  }

  async query(filter: UsageQuery = {}): Promise<UsageRecord[]> {
    this.#assertOpen();
    // Reads see every row recorded before them.
    this.#flush();
    const resolved = readUsageQuery(filter);
    const conditions: string[] = [];
    const parameters: Record<string, SQLInputValue> = { limit: resolved.limit ?? -1 };
    if (resolved.since !== undefined) {
      conditions.push("time >= $since");
      parameters["since"] = resolved.since;
    }
    if (resolved.until !== undefined) {
      conditions.push("time < $until");
      parameters["until"] = resolved.until;
    }
    if (resolved.model !== undefined) {
      conditions.push("(served_model = $model OR requested_model = $model)");
      parameters["model"] = resolved.model;
    }
    if (resolved.provider !== undefined) {
      conditions.push("provider = $provider");
      parameters["provider"] = resolved.provider;
    }
    if (resolved.status !== undefined) {
      conditions.push("status = $status");
      parameters["status"] = resolved.status;
    }
    const where = conditions.length > 0 ? `WHERE ${conditions.join(" AND ")}` : "";
    const sql = `SELECT * FROM ${usageTable} ${where} ORDER BY time DESC, seq DESC LIMIT $limit`;
    return this.#statement(sql).all(parameters).map(toUsageRecord);
  }

  async summarize(options: SummarizeOptions): Promise<UsageSummaryRow[]> {
    this.#assertOpen();
    this.#flush();
    const range = resolvePeriod(options.period, this.#now());
    const group = groupExpressions[options.groupBy];
    const conditions: string[] = [];
    const parameters: Record<string, SQLInputValue> = {};
    if (range.since !== undefined) {
      conditions.push("time >= $since");
      parameters["since"] = range.since;
    }
    if (range.until !== undefined) {
      conditions.push("time < $until");
      parameters["until"] = range.until;
    }
    const where = conditions.length > 0 ? `WHERE ${conditions.join(" AND ")}` : "";
    // The window columns rank latencies inside each group, so percentiles need no second pass.
    const sql = `
      SELECT grp,
        COUNT(*) AS requests,
        SUM(${failedExpression}) AS failures,
        SUM(${fallbackExpression}) AS fallbacks,
        SUM(usage_estimated) AS estimated,
        SUM(input_tokens) AS input_tokens,
        SUM(output_tokens) AS output_tokens,
        SUM(cache_read_tokens) AS cache_read_tokens,
        SUM(cache_write_tokens) AS cache_write_tokens,
        SUM(reasoning_tokens) AS reasoning_tokens,
        SUM(cost_usd) AS cost_usd,
        SUM(cost_usd IS NULL) AS unpriced,
        ${percentileSql(50)} AS p50,
        ${percentileSql(95)} AS p95
      FROM (
        SELECT ${group} AS grp, *,
          ROW_NUMBER() OVER (PARTITION BY ${group} ORDER BY latency_ms) AS rn,
          COUNT(*) OVER (PARTITION BY ${group}) AS n
        FROM ${usageTable} ${where}
      )
      GROUP BY grp`;
    const rows = this.#statement(sql)
      .all(parameters)
      .map(
        (row): UsageSummaryRow => ({
          group: readText(row, "grp"),
          requests: readNumber(row, "requests") ?? 0,
          failures: readNumber(row, "failures") ?? 0,
          fallbacks: readNumber(row, "fallbacks") ?? 0,
          estimatedRequests: readNumber(row, "estimated") ?? 0,
          inputTokens: readNumber(row, "input_tokens"),
          outputTokens: readNumber(row, "output_tokens"),
          cacheReadTokens: readNumber(row, "cache_read_tokens"),
          cacheWriteTokens: readNumber(row, "cache_write_tokens"),
          reasoningTokens: readNumber(row, "reasoning_tokens"),
          costUsd: readNumber(row, "cost_usd"),
          unpricedRequests: readNumber(row, "unpriced") ?? 0,
          latencyP50Ms: readNumber(row, "p50") ?? 0,
          latencyP95Ms: readNumber(row, "p95") ?? 0,
        }),
      );
    return sortSummaryRows(rows, options.groupBy);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#flush();
    this.#closed = true;
    this.#database.close();
  }

  #statement(sql: string): StatementSync {
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      statement = this.#database.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  #assertOpen(): void {
    if (this.#closed) throw new LlmuxError("internal", "The usage store is closed.");
  }
}
