import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const fixture = fileURLToPath(new URL("./fixtures/pretenuring.ts", import.meta.url));

/** Bytes 4,000 new objects of a long-lived literal took in the young and the old generation. */
function placement(mode: "gateway" | "plain"): { young: number; old: number } {
  // Its own process: the setting is process-wide.
  const [young, old] = execFileSync(process.execPath, ["--max-semi-space-size=8", "--expose-gc", fixture, mode], { encoding: "utf8" }).trim().split(" ").map(Number);
  return { young: young ?? NaN, old: old ?? NaN };
}

// A request's bookkeeping lives as long as the request. V8 would pretenure such a literal, and
// the old copies would then keep each request's young objects alive through minor GCs.
test("the gateway turns off V8's allocation-site pretenuring: a long-lived literal's objects are still born young", () => {
  const plain = placement("plain");
  assert.ok(plain.old > 120_000, `without the gateway V8 pretenures (control): ${JSON.stringify(plain)}`);
  const gateway = placement("gateway");
  assert.ok(gateway.old < 60_000 && gateway.young > 120_000, `with the gateway started: ${JSON.stringify(gateway)}`);
});
