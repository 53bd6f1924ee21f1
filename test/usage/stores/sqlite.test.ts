import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { DatabaseSync } from "node:sqlite";
import { ConfigError } from "../../../src/core/errors.ts";
import { openUsageStore } from "../../../src/usage/open-usage-store.ts";
import { usageSchemaVersion } from "../../../src/usage/stores/sqlite-schema.ts";
import { defaultUsageDatabasePath, SqliteUsageStore } from "../../../src/usage/stores/sqlite.ts";
import { runUsageStoreConformance } from "../store-conformance.ts";
import { isoAt, makeFullRecord, makeRecord } from "../usage-fixtures.ts";

const root = mkdtempSync(join(tmpdir(), "llmux-usage-sqlite-"));
after(() => rmSync(root, { recursive: true, force: true }));

let fileCount = 0;
function freshPath(): string {
  fileCount += 1;
  return join(root, `case-${fileCount}`, "usage.db");
}

function readPragma(path: string, pragma: string): unknown {
  const database = new DatabaseSync(path);
  try {
    return database.prepare(`PRAGMA ${pragma}`).get()?.[pragma];
  } finally {
    database.close();
  }
}

runUsageStoreConformance("sqlite :memory:", (options) => new SqliteUsageStore({ path: ":memory:", ...options }));
runUsageStoreConformance("sqlite file", (options) => new SqliteUsageStore({ path: freshPath(), ...options }));
runUsageStoreConformance("sqlite file, synchronous=full", (options) => openUsageStore({ kind: "sqlite", path: freshPath(), synchronous: "full" }, options));

test("creates the database directory when it is missing", async () => {
  const path = join(root, "deep", "er", "still", "usage.db");
  assert.equal(existsSync(join(root, "deep")), false);
  const store = new SqliteUsageStore({ path });
  await store.record(makeRecord());
  await store.close();
  assert.equal(existsSync(path), true);
});

test("the default path is ./.llmux/usage.db under the working directory", async () => {
  const workingDirectory = join(root, "cwd");
  mkdirSync(workingDirectory);
  const previous = process.cwd();
  process.chdir(workingDirectory);
  try {
    const store = openUsageStore();
    await store.record(makeRecord());
    await store.close();
  } finally {
    process.chdir(previous);
  }
  assert.equal(defaultUsageDatabasePath, "./.llmux/usage.db");
  assert.equal(existsSync(join(workingDirectory, ".llmux", "usage.db")), true);
});

test("records survive closing and reopening; reopening does not migrate twice", async () => {
  const path = freshPath();
  const first = new SqliteUsageStore({ path });
  await first.record(makeFullRecord());
  await first.close();
  const second = new SqliteUsageStore({ path });
  await second.record(makeRecord({ requestId: "after-reopen", time: isoAt(0) }));
  assert.deepEqual(
    (await second.query()).map((row) => row.requestId),
    ["after-reopen", "req-full"],
  );
  assert.deepEqual((await second.query({ model: "gpt-4o" }))[0], makeFullRecord());
  await second.close();
  assert.equal(readPragma(path, "user_version"), usageSchemaVersion);
});

test("the file uses WAL and carries the schema version and indexes", async () => {
  const path = freshPath();
  const store = new SqliteUsageStore({ path });
  await store.close();
  assert.equal(readPragma(path, "journal_mode"), "wal");
  assert.equal(readPragma(path, "user_version"), 1);
  const database = new DatabaseSync(path);
  const indexes = database
    .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'usage_records'")
    .all()
    .map((row) => row["name"]);
  database.close();
  for (const column of ["time", "served_model_time", "provider_time", "key_id_time", "gateway_key_id_time", "route_mode_time"]) {
    assert.ok(indexes.includes(`usage_records_${column}`), `index on ${column}`);
  }
});

test("refuses a database written by a newer schema", () => {
  const path = freshPath();
  new SqliteUsageStore({ path }).close();
  const database = new DatabaseSync(path);
  database.exec("PRAGMA user_version = 99");
  database.close();
  assert.throws(() => new SqliteUsageStore({ path }), (error) => error instanceof ConfigError && /schema version 99/.test(error.message));
});

test("a path that can not hold a database is a ConfigError naming it", () => {
  const path = join(root, "a-directory");
  mkdirSync(path);
  assert.throws(() => new SqliteUsageStore({ path }), (error) => error instanceof ConfigError && error.file === path);
});

test("two stores on one file, writing in parallel, lose nothing", async () => {
  const path = freshPath();
  const left = new SqliteUsageStore({ path });
  const right = new SqliteUsageStore({ path });
  const writes = Array.from({ length: 100 }, (_, index) =>
    (index % 2 === 0 ? left : right).record(makeRecord({ requestId: `w${index}`, time: isoAt(-index) })),
  );
  await Promise.all(writes);
  const fromLeft = await left.query();
  const fromRight = await right.query();
  assert.equal(fromLeft.length, 100);
  assert.deepEqual(fromRight, fromLeft);
  await Promise.all([left.close(), right.close()]);
});
