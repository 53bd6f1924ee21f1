/**
 * @module
 * Server-Sent Events framing, and nothing else: no dialect knowledge. Handles CRLF and
 * CR line ends, `:` comment keep-alives, multi-line `data:`, and events split across reads.
 * The only place in llmux that reads `data:` lines.
 */

export interface SseEvent {
  /** The `event:` field; undefined when the event had none (OpenAI, Gemini). */
  event: string | undefined;
  data: string;
  id?: string;
}

const LF = 10;
const COLON = 58;
const SPACE = 32;

/**
 * Splits SSE text incrementally and synchronously: each `push` returns the events that read
 * completed and keeps the partial rest. Bytes go through one streaming TextDecoder, so a
 * character split across reads decodes intact.
 */
export class SseSplitter {
  readonly #decoder = new TextDecoder();
  #buffer = "";
  #event: string | undefined;
  /** The `data` lines so far, joined by `\n`; undefined until the event has one. */
  #data: string | undefined;
  /** Kept across events, as the spec's "last event ID" is. */
  #id: string | undefined;

  push(chunk: Uint8Array | string): SseEvent[] {
    const text = typeof chunk === "string" ? chunk : this.#decoder.decode(chunk, { stream: true });
    const buffer = this.#buffer === "" ? text : this.#buffer + text;
    const events: SseEvent[] = [];
    let start = 0;
    // Searched once per read and again only after passing it: most streams have no CR at all,
    // and rescanning the whole read for one on every line would cost O(lines × read).
    let cr = buffer.indexOf("\r");
    for (;;) {
      if (cr !== -1 && cr < start) cr = buffer.indexOf("\r", start);
      const lf = buffer.indexOf("\n", start);
      const end = cr === -1 ? lf : lf === -1 ? cr : Math.min(lf, cr);
      if (end === -1) break;
      const isCr = end === cr;
      // A trailing CR may be the first half of CRLF split across reads: wait for more.
      if (isCr && end + 1 === buffer.length) break;
      this.#line(buffer.slice(start, end), events);
      start = end + (isCr && buffer.charCodeAt(end + 1) === LF ? 2 : 1);
    }
    this.#buffer = start === 0 ? buffer : buffer.slice(start);
    return events;
  }

  /** The source ended. An unterminated last event is dropped, per the spec; a held CR still ends its line. */
  end(): SseEvent[] {
    const events: SseEvent[] = [];
    if (this.#buffer.endsWith("\r")) this.#line(this.#buffer.slice(0, -1), events);
    this.#buffer = "";
    return events;
  }

  #line(line: string, events: SseEvent[]): void {
    if (line === "") {
      if (this.#data !== undefined) {
        const event: SseEvent = { event: this.#event, data: this.#data };
        if (this.#id !== undefined) event.id = this.#id;
        events.push(event);
      }
      this.#event = undefined;
      this.#data = undefined;
      return;
    }
    if (line.charCodeAt(0) === COLON) return;
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.charCodeAt(0) === SPACE) value = value.slice(1);
    if (field === "data") this.#data = this.#data === undefined ? value : `${this.#data}\n${value}`;
    else if (field === "event") this.#event = value;
    else if (field === "id") this.#id = value;
  }
}

/** Parses a byte or text stream into SSE events. An unterminated last event is dropped, per the spec. */
export async function* parseSse(source: AsyncIterable<Uint8Array | string>): AsyncGenerator<SseEvent> {
  const splitter = new SseSplitter();
  for await (const chunk of source) yield* splitter.push(chunk);
  yield* splitter.end();
}

/** Formats one SSE event. Multi-line data becomes several `data:` lines. */
export function formatSse(data: string, event?: string): string {
  const head = event === undefined ? "" : `event: ${event}\n`;
  if (!data.includes("\n")) return `${head}data: ${data}\n\n`;
  return `${head}${data
    .split("\n")
    .map((line) => `data: ${line}`)
    .join("\n")}\n\n`;
}
