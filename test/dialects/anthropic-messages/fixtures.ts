/** Reads this dialect's recorded wire fixtures (`fixtures/*.json`, `fixtures/*.chunks.txt`). */
import { readFileSync } from "node:fs";

const folder = new URL("./fixtures/", import.meta.url);

export function readJsonFixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(name, folder), "utf8")) as unknown;
}

export function readTextFixture(name: string): string {
  return readFileSync(new URL(name, folder), "utf8");
}
