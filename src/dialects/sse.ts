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

/** Parses a byte or text stream into SSE events. An unterminated last event is dropped, per the spec. */
export async function* parseSse(source: AsyncIterable<Uint8Array | string>): AsyncGenerator<SseEvent> {
  const decoder = new TextDecoder();
  let buffer = "";
  let eventName: string | undefined;
  let data: string[] = [];
  let id: string | undefined;

  for await (const chunk of source) {
    buffer += typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
    let start = 0;
    for (;;) {
      const newline = findLineEnd(buffer, start);
      if (newline === -1) break;
      // A trailing CR may be the first half of CRLF split across reads: wait for more.
      if (buffer.charCodeAt(newline) === 13 && newline + 1 === buffer.length) break;
      const line = buffer.slice(start, newline);
      start = newline + (buffer.charCodeAt(newline) === 13 && buffer.charCodeAt(newline + 1) === 10 ? 2 : 1);
      if (line === "") {
        if (data.length > 0) {
          const event: SseEvent = { event: eventName, data: data.join("\n") };
          if (id !== undefined) event.id = id;
          yield event;
        }
        eventName = undefined;
        data = [];
        continue;
      }
      if (line.charCodeAt(0) === 58 /* ':' */) continue;
      const colon = line.indexOf(":");
      const field = colon === -1 ? line : line.slice(0, colon);
      let value = colon === -1 ? "" : line.slice(colon + 1);
      if (value.charCodeAt(0) === 32) value = value.slice(1);
      if (field === "data") data.push(value);
      else if (field === "event") eventName = value;
      else if (field === "id") id = value;
    }
    buffer = buffer.slice(start);
  }
}

function findLineEnd(text: string, from: number): number {
  const lf = text.indexOf("\n", from);
  const cr = text.indexOf("\r", from);
  if (cr === -1) return lf;
  if (lf === -1) return cr;
  return Math.min(lf, cr);
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
