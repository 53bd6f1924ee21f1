/**
 * @module
 * Writing answers: JSON bodies, and stream frames with backpressure (a slow client slows
 * the upstream read instead of filling memory).
 */
import { once } from "node:events";
import type { ServerResponse } from "node:http";

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  response.end(text);
}

export function sendText(response: ServerResponse, status: number, text: string, contentType: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { "content-type": contentType, "content-length": Buffer.byteLength(text), ...headers });
  response.end(text);
}

/**
 * Writes a frame: true when the client can take more now, a promise of it when the socket
 * buffer is full (settling at `drain`), false when the client is gone. Synchronous in the
 * common case, so a stream's frames cost no promise each.
 */
export function writeFrame(response: ServerResponse, frame: string): boolean | Promise<boolean> {
  if (response.destroyed || response.writableEnded) return false;
  if (response.write(frame)) return true;
  return Promise.race([once(response, "drain"), once(response, "close")]).then(() => !response.destroyed);
}

const printable = /^[\x20-\x7e]*$/;

/** Header values must be one line of Latin-1: fold anything else. */
export function headerSafe(text: string, max = 512): string {
  // Provider ids and model names nearly always pass as they are: one test, no copies.
  if (text.length <= max && printable.test(text)) return text;
  const folded = text.replace(/[\r\n]+/g, " ").replace(/[^\x20-\x7e]/g, "?");
  return folded.length > max ? `${folded.slice(0, max - 1)}…`.replace(/…$/, "...") : folded;
}
