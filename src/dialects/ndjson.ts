/**
 * @module
 * Newline-delimited JSON framing (Ollama): lines in, lines out. No dialect knowledge.
 */

/**
 * Splits NDJSON text into non-empty, trimmed lines, incrementally and synchronously: each
 * `push` returns the lines that read completed and keeps the partial rest. Bytes go through
 * one streaming TextDecoder, so a character split across reads decodes intact.
 */
export class NdjsonSplitter {
  readonly #decoder = new TextDecoder();
  #buffer = "";

  push(chunk: Uint8Array | string): string[] {
    const text = typeof chunk === "string" ? chunk : this.#decoder.decode(chunk, { stream: true });
    const buffer = this.#buffer === "" ? text : this.#buffer + text;
    const lines: string[] = [];
    let start = 0;
    for (let newline = buffer.indexOf("\n"); newline !== -1; newline = buffer.indexOf("\n", start)) {
      const line = buffer.slice(start, newline).trim();
      start = newline + 1;
      if (line !== "") lines.push(line);
    }
    this.#buffer = start === 0 ? buffer : buffer.slice(start);
    return lines;
  }

  /** The source ended: a last line without `\n` is kept. */
  end(): string[] {
    const last = (this.#buffer + this.#decoder.decode()).trim();
    this.#buffer = "";
    return last === "" ? [] : [last];
  }
}

/** Splits a byte or text stream into non-empty lines; a last line without `\n` is kept. */
export async function* parseNdjsonLines(source: AsyncIterable<Uint8Array | string>): AsyncGenerator<string> {
  const splitter = new NdjsonSplitter();
  for await (const chunk of source) yield* splitter.push(chunk);
  yield* splitter.end();
}

export function formatNdjson(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}
