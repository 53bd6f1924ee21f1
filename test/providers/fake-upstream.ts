/**
 * A raw node:http upstream for the providers tests: counts sockets and tells when they
 * close, so keep-alive reuse and abort propagation can be asserted.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface FakeUpstream {
  url: string;
  /** Every socket the server accepted, in order. */
  sockets: Socket[];
  /** Resolves when the n-th accepted socket (0-based) closes. */
  socketClosed(index: number): Promise<void>;
  /** Resolves when the next request has arrived (headers and body read). */
  nextRequest(): Promise<IncomingMessage>;
  close(): Promise<void>;
}

export type UpstreamHandler = (request: IncomingMessage, response: ServerResponse, body: string) => void;

export async function startFakeUpstream(handler: UpstreamHandler): Promise<FakeUpstream> {
  const sockets: Socket[] = [];
  const closed = new Map<Socket, Promise<void>>();
  const waiting: Array<(request: IncomingMessage) => void> = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      waiting.shift()?.(request);
      handler(request, response, Buffer.concat(chunks).toString("utf8"));
    });
  });
  server.on("connection", (socket: Socket) => {
    sockets.push(socket);
    closed.set(socket, new Promise((resolve) => socket.once("close", () => resolve())));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    sockets,
    socketClosed: (index) => {
      const socket = sockets[index];
      if (!socket) return Promise.reject(new Error(`no socket #${index}`));
      return closed.get(socket) ?? Promise.resolve();
    },
    nextRequest: () => new Promise((resolve) => waiting.push(resolve)),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port on which nothing listens (taken, then released). */
export async function findClosedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Reads a whole body iterable into text. */
export async function readAll(body: AsyncIterable<Uint8Array>): Promise<string> {
  const decoder = new TextDecoder();
  let text = "";
  for await (const chunk of body) text += decoder.decode(chunk, { stream: true });
  return text + decoder.decode();
}
