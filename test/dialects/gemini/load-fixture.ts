/** Reads the recorded wire fixtures of this folder. */
import { readFileSync } from "node:fs";

const folder = new URL("./fixtures/", import.meta.url);

export function loadJson(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(name, folder), "utf8")) as Record<string, unknown>;
}

/** A `*.chunks.txt` SSE transcript, exactly as the server sent it (`\n\n` framing). */
export function loadChunks(name: string): string {
  return readFileSync(new URL(name, folder), "utf8");
}
