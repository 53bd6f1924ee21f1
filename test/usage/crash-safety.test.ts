/**
 * A crash loses nothing already answered: rows whose `record` returned are in the file even when
 * the process dies at once after (process.exit, SIGKILL from itself or from outside), with no
 * close and no checkpoint.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { after, test } from "node:test";
import { SqliteUsageStore } from "../../src/usage/stores/sqlite.ts";

const fixture = join(import.meta.dirname, "fixtures", "record-then-die.ts");
const root = mkdtempSync(join(tmpdir(), "llmux-usage-crash-"));
after(() => rmSync(root, { recursive: true, force: true }));

interface ChildResult {
  recorded: string[];
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Runs the fixture; `killAfter` sends SIGKILL from outside once that many rows are reported. */
function runChild(path: string, synchronous: "normal" | "full", how: string, killAfter?: number): Promise<ChildResult> {
  const child = spawn(process.execPath, [fixture, path, synchronous, how], { stdio: ["ignore", "pipe", "pipe"] });
  const recorded: string[] = [];
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  createInterface({ input: child.stdout }).on("line", (line) => {
    const match = /^recorded (.+)$/.exec(line);
    if (match?.[1] !== undefined) recorded.push(match[1]);
    if (killAfter !== undefined && recorded.length === killAfter) child.kill("SIGKILL");
  });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    // "close" waits for stdout to end, so every line the child wrote has been read.
    child.on("close", (code, signal) => resolve({ recorded, code, signal, stderr }));
  });
}

async function storedIds(path: string): Promise<Set<string>> {
  const store = new SqliteUsageStore({ path });
  try {
    return new Set((await store.query()).map((row) => row.requestId));
  } finally {
    await store.close();
  }
}

for (const synchronous of ["normal", "full"] as const) {
  test(`synchronous=${synchronous}: process.exit right after record() keeps every row`, async () => {
    const path = join(root, `exit-${synchronous}`, "usage.db");
    const result = await runChild(path, synchronous, "exit");
    assert.equal(result.code, 3);
    assert.equal(result.recorded.length, 25);
    assert.equal(result.stderr, "", "no warnings (node:sqlite prints no ExperimentalWarning on Node 24)");
    assert.deepEqual(await storedIds(path), new Set(result.recorded));
  });

  test(`synchronous=${synchronous}: SIGKILL from itself right after record() keeps every row`, async () => {
    const path = join(root, `self-kill-${synchronous}`, "usage.db");
    const result = await runChild(path, synchronous, "sigkill");
    assert.equal(result.signal, "SIGKILL");
    assert.equal(result.recorded.length, 25);
    assert.deepEqual(await storedIds(path), new Set(result.recorded));
  });
}

test("SIGKILL from outside mid-stream: every row reported as recorded is stored", async () => {
  const path = join(root, "outside-kill", "usage.db");
  const result = await runChild(path, "normal", "forever", 300);
  assert.equal(result.signal, "SIGKILL");
  assert.ok(result.recorded.length >= 300);
  const stored = await storedIds(path);
  const missing = result.recorded.filter((id) => !stored.has(id));
  assert.deepEqual(missing, []);
  // The store is usable after the crash: the WAL is recovered, new writes land.
  const store = new SqliteUsageStore({ path });
  const [newest] = await store.query({ limit: 1 });
  assert.ok(newest);
  await store.record({ ...newest, requestId: "after-crash" });
  await store.close();
  const reopened = await storedIds(path);
  assert.equal(reopened.size, stored.size + 1);
  assert.ok(reopened.has("after-crash"));
});
