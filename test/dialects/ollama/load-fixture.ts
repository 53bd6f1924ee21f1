/** Reads the recorded Ollama wire fixtures next to this file. */
import { readFileSync } from "node:fs";

const directory = new URL("./fixtures/", import.meta.url);

export function readJsonFixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(name, directory), "utf8")) as unknown;
}

/** A `*.chunks.txt` transcript: NDJSON lines exactly as they come over the wire. */
export function readChunksFixture(name: string): string {
  return readFileSync(new URL(name, directory), "utf8");
}
