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

/** Writes a frame; waits for `drain` when the socket buffer is full. False if the client is gone. */
export async function writeFrame(response: ServerResponse, frame: string): Promise<boolean> {
  if (response.destroyed || response.writableEnded) return false;
  if (response.write(frame)) return true;
  await Promise.race([once(response, "drain"), once(response, "close")]);
  return !response.destroyed;
}

/** Header values must be one line of Latin-1: fold anything else. */
export function headerSafe(text: string, max = 512): string {
  const folded = text.replace(/[\r\n]+/g, " ").replace(/[^\x20-\x7e]/g, "?");
  return folded.length > max ? `${folded.slice(0, max - 1)}…`.replace(/…$/, "...") : folded;
}
