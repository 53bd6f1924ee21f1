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

test("the file uses WAL, carries the schema version and indexes only the time", async () => {
  const path = freshPath();
  const store = new SqliteUsageStore({ path });
  await store.close();
  assert.equal(readPragma(path, "journal_mode"), "wal");
  assert.equal(readPragma(path, "user_version"), 2);
  const database = new DatabaseSync(path);
  const indexes = database
    .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'usage_records'")
    .all()
    .map((row) => row["name"]);
  database.close();
  assert.deepEqual(indexes, ["usage_records_time"]);
});

test("a version 1 file is migrated: its rows stay, its per-column indexes go", async () => {
  const path = freshPath();
  const v1 = new SqliteUsageStore({ path });
  await v1.record(makeRecord({ requestId: "req_old" }));
  await v1.close();
  // Put the file back to version 1 as an older llmux left it.
  const database = new DatabaseSync(path);
  database.exec("CREATE INDEX usage_records_provider_time ON usage_records (provider, time); PRAGMA user_version = 1");
  database.close();
  const store = new SqliteUsageStore({ path });
  assert.deepEqual((await store.query()).map((row) => row.requestId), ["req_old"]);
  await store.close();
  assert.equal(readPragma(path, "user_version"), 2);
});

test("rows recorded in one turn are committed together, and each caller hears only after the commit", async () => {
  const path = freshPath();
  const store = new SqliteUsageStore({ path });
  const writes = Array.from({ length: 50 }, (_, index) => store.record(makeRecord({ requestId: `req_${index}` })));
  // Not committed yet: another connection sees nothing until the turn ends.
  const reader = new DatabaseSync(path);
  const count = (): unknown => reader.prepare("SELECT COUNT(*) AS n FROM usage_records").get()?.["n"];
  assert.equal(count(), 0);
  await Promise.all(writes);
  assert.equal(count(), 50);
  reader.close();
  // A row the database refuses fails alone; the rest of its batch is committed.
  const guard = new DatabaseSync(path);
  guard.exec("CREATE TRIGGER refuse_bad BEFORE INSERT ON usage_records WHEN NEW.request_id = 'req_bad' BEGIN SELECT RAISE(ABORT, 'refused'); END");
  guard.close();
  const batch = [store.record(makeRecord({ requestId: "req_good_1" })), store.record(makeRecord({ requestId: "req_bad" })), store.record(makeRecord({ requestId: "req_good_2" }))];
  const outcomes = await Promise.allSettled(batch);
  assert.deepEqual(outcomes.map((outcome) => outcome.status), ["fulfilled", "rejected", "fulfilled"]);
  const ids = (await store.query()).map((row) => row.requestId);
  assert.ok(ids.includes("req_good_1") && ids.includes("req_good_2") && !ids.includes("req_bad"));
  await store.close();
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
