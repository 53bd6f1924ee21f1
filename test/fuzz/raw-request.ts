/**
 * Raw HTTP/1.1 over a socket, for what fetch refuses to send: a body shorter than its
 * content-length, header bytes no client library would write. Resolves with whatever came
 * back before the server closed the connection or the bound passed.
 */
import { connect } from "node:net";

export interface RawAnswer {
  /** The status line's code, when an answer started. */
  status: number | undefined;
  text: string;
  /** The server closed the connection (false: the bound passed first). */
  closed: boolean;
}

export interface RawRequestOptions {
  url: string;
  /** Bytes to write: request line, headers, body (as much as the case wants). */
  bytes: Buffer;
  /** Close our side after writing (the "client gives up" half). */
  endAfterWrite?: boolean;
  /** Destroy the socket right after writing (the client vanishes). */
  destroyAfterWrite?: boolean;
  boundMs: number;
}

export function sendRaw(options: RawRequestOptions): Promise<RawAnswer> {
  const { port, hostname } = new URL(options.url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (closed: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString("latin1");
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      resolve({ status: match ? Number(match[1]) : undefined, text, closed });
    };
    const timer = setTimeout(() => finish(false), options.boundMs);
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("close", () => finish(true));
    socket.on("error", () => finish(true));
    socket.on("connect", () => {
      socket.write(options.bytes, () => {
        if (options.destroyAfterWrite) finish(true);
        else if (options.endAfterWrite) socket.end();
      });
    });
  });
}

/** A request head; `headers` may hold anything, it is written as given. */
export function buildHead(method: string, path: string, headers: ReadonlyArray<readonly [string, string]>): string {
  return `${method} ${path} HTTP/1.1\r\n${headers.map(([name, value]) => `${name}: ${value}\r\n`).join("")}\r\n`;
}
