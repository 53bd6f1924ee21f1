/**
 * @module
 * The SQLite schema as numbered migrations, tracked in `PRAGMA user_version` (it lives in the
 * database header and is transactional, so a half-run migration leaves no trace). Each step is
 * also written with IF NOT EXISTS, so rerunning one is harmless.
 *
 * Append new steps; never edit a released one.
 */
import type { DatabaseSync } from "node:sqlite";
import { ConfigError } from "../../core/errors.ts";

export const usageTable = "usage_records";

/** Columns version 1 also indexed with time; version 2 drops those indexes (see below). */
const indexedColumns = ["served_model", "requested_model", "provider", "key_id", "gateway_key_id", "route_mode", "status"];

const migrations: readonly string[] = [
  `
  CREATE TABLE IF NOT EXISTS ${usageTable} (
    seq INTEGER PRIMARY KEY,
    time TEXT NOT NULL,
    request_id TEXT NOT NULL,
    gateway_key_id TEXT,
    ingress_dialect TEXT,
    requested_model TEXT,
    served_model TEXT,
    provider TEXT,
    key_id TEXT,
    route_mode TEXT NOT NULL,
    attempt_count INTEGER NOT NULL,
    attempts TEXT NOT NULL,
    input_tokens INTEGER,
    output_tokens INTEGER,
    cache_read_tokens INTEGER,
    cache_write_tokens INTEGER,
    reasoning_tokens INTEGER,
    usage_estimated INTEGER NOT NULL,
    cost_usd REAL,
    latency_ms REAL NOT NULL,
    ttft_ms REAL,
    status INTEGER NOT NULL,
    error_kind TEXT,
    streamed INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS ${usageTable}_time ON ${usageTable} (time);
  ${indexedColumns.map((column) => `CREATE INDEX IF NOT EXISTS ${usageTable}_${column}_time ON ${usageTable} (${column}, time);`).join("\n  ")}
  `,
  // Version 2: every row paid for eight index updates, most of a request's recording cost;
  // queries and summaries select a time range first, which the time index serves alone.
  indexedColumns.map((column) => `DROP INDEX IF EXISTS ${usageTable}_${column}_time;`).join("\n  "),
];

export const usageSchemaVersion = migrations.length;

function readUserVersion(database: DatabaseSync): number {
  const row = database.prepare("PRAGMA user_version").get();
  const version = row?.["user_version"];
  return typeof version === "number" ? version : 0;
}

/**
 * Brings the schema to the current version. `BEGIN IMMEDIATE` takes the write lock first, so two
 * processes opening one new file migrate one after the other, and the second sees the work done.
 */
export function migrateUsageSchema(database: DatabaseSync, path: string): void {
  database.exec("BEGIN IMMEDIATE");
  try {
    const version = readUserVersion(database);
    if (version > migrations.length) {
      throw new ConfigError(`The usage database has schema version ${version}, newer than this llmux knows (${migrations.length}). Upgrade llmux.`, { file: path });
    }
    for (const step of migrations.slice(version)) database.exec(step);
    if (version !== migrations.length) database.exec(`PRAGMA user_version = ${migrations.length}`);
    database.exec("COMMIT");
  } catch (error) {
    database.exec("ROLLBACK");
    throw error;
  }
}
