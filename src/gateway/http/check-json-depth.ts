/**
 * @module
 * A nesting limit for request JSON. `JSON.parse` accepts arrays ten thousand levels deep, but
 * `JSON.stringify` (the fast path re-serialises every body it forwards) and any recursive walk
 * overflow the stack on them: past the limit the request is the caller's mistake (400), found
 * by one pass over the bytes before anything else reads them.
 */
import { InvalidRequestError } from "../../core/errors.ts";

/** Deeper than any real request (tool schemas included) and far below what overflows. */
export const maxJsonDepth = 256;

const quote = 0x22;
const backslash = 0x5c;
const openers = new Set([0x5b, 0x7b]);
const closers = new Set([0x5d, 0x7d]);

export function checkJsonDepth(bytes: Uint8Array, maxDepth: number = maxJsonDepth): void {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < bytes.length; index++) {
    const byte = bytes[index] as number;
    if (inString) {
      if (byte === backslash) index++;
      else if (byte === quote) inString = false;
    } else if (byte === quote) {
      inString = true;
    } else if (openers.has(byte)) {
      depth++;
      if (depth > maxDepth) throw new InvalidRequestError(`The request body nests arrays or objects deeper than ${maxDepth} levels.`);
    } else if (closers.has(byte)) {
      depth--;
    }
  }
}
