/**
 * @module
 * Newline-delimited JSON framing (Ollama): lines in, lines out. No dialect knowledge.
 */

/** Splits a byte or text stream into non-empty lines; a last line without `\n` is kept. */
export async function* parseNdjsonLines(source: AsyncIterable<Uint8Array | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let buffer = "";
  for await (const chunk of source) {
    buffer += typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
    let start = 0;
    for (let newline = buffer.indexOf("\n"); newline !== -1; newline = buffer.indexOf("\n", start)) {
      const line = buffer.slice(start, newline).trim();
      start = newline + 1;
      if (line !== "") yield line;
    }
    buffer = buffer.slice(start);
  }
  buffer += decoder.decode();
  const last = buffer.trim();
  if (last !== "") yield last;
}

export function formatNdjson(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}
