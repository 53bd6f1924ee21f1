/**
 * @module
 * Body-level faults the provider simulator does not script: a proxy in front of it that
 * forwards each request and spoils the answer's bytes on the way back. The simulator still
 * writes the real wire format; the proxy only decides how much of it arrives, and how.
 *
 * | fault            | what the gateway receives                                               |
 * | ---------------- | ----------------------------------------------------------------------- |
 * | cut-body         | the headers and half the body, then the socket is destroyed             |
 * | stall-body       | the headers and half the body, then silence with the socket open        |
 * | garbage-body     | a complete HTTP answer whose body is the first half of the real one     |
 * | end-early        | half of the frames of a stream (or half a JSON body), then a clean end  |
 * | close-delimited  | the whole answer with no length and no chunking: it ends at the close   |
 * | error-after-200  | a 200 whose body is only the dialect's error (an in-stream error frame)  |
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Agent, request as undiciRequest } from "undici";
import { UpstreamError } from "../core/errors.ts";
import type { DialectId } from "../core/types/message.ts";
import { getDialect } from "../dialects/registry.ts";
import { formatNdjson, parseNdjsonLines } from "../dialects/ndjson.ts";
import { formatSse, parseSse } from "../dialects/sse.ts";

export type BodyFault = "cut-body" | "stall-body" | "garbage-body" | "end-early" | "close-delimited" | "error-after-200";

export interface FaultProxyOptions {
  /** Origin of the upstream, e.g. `http://127.0.0.1:41234`. */
  target: string;
  /** The upstream's dialect (for `error-after-200`). */
  dialect: DialectId;
  /** The fault for the request number `index` (0-based); undefined forwards it untouched. */
  plan: (index: number) => BodyFault | undefined;
}

export interface FaultProxy {
  origin: string;
  close(): Promise<void>;
}

const hopByHop = new Set(["connection", "keep-alive", "transfer-encoding", "content-length", "host"]);

function copyHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const copy: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !hopByHop.has(name.toLowerCase())) copy[name] = value;
  }
  return copy;
}

async function readAll(source: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of source) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

function closed(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    if (response.destroyed) resolve();
    else response.once("close", () => resolve());
  });
}

/** The stream's frames re-framed as the dialect frames them (only sse.ts reads `data:` lines). */
async function readFrames(body: Buffer, contentType: string): Promise<string[] | undefined> {
  const source = ReadableStream.from([body]);
  if (contentType.includes("text/event-stream")) {
    const frames: string[] = [];
    for await (const event of parseSse(source)) frames.push(formatSse(event.data, event.event));
    return frames;
  }
  if (contentType.includes("ndjson")) {
    const frames: string[] = [];
    for await (const line of parseNdjsonLines(source)) frames.push(formatNdjson(JSON.parse(line)));
    return frames;
  }
  return undefined;
}

/** What a vendor sends when it fails after the 200: Anthropic's `overloaded_error` event and the like. */
function errorAfter200(dialectId: DialectId, contentType: string): string {
  const dialect = getDialect(dialectId);
  const error = new UpstreamError({ provider: "simulator", model: "", kind: "overloaded", message: "Overloaded" });
  const streaming = contentType.includes("event-stream") || contentType.includes("ndjson");
  return streaming ? dialect.encodeStreamError(error) : JSON.stringify(dialect.encodeError(error).body);
}

async function answer(fault: BodyFault | undefined, dialect: DialectId, upstream: { status: number; headers: Record<string, string | string[]>; body: Buffer }, response: ServerResponse): Promise<void> {
  const { status, headers, body } = upstream;
  const half = body.subarray(0, Math.floor(body.length / 2));
  switch (fault) {
    case undefined:
      response.writeHead(status, { ...headers, "content-length": body.length });
      response.end(body);
      return;
    case "cut-body":
      response.writeHead(status, { ...headers, "content-length": body.length });
      response.write(half, () => response.destroy());
      return;
    case "stall-body":
      response.writeHead(status, { ...headers, "content-length": body.length });
      response.write(half);
      await closed(response);
      return;
    case "garbage-body":
      response.writeHead(status, { ...headers, "content-length": half.length });
      response.end(half);
      return;
    case "end-early": {
      const frames = await readFrames(body, String(headers["content-type"] ?? ""));
      if (frames === undefined) {
        // A JSON body: half of it, ended by a clean close (no length to betray it).
        response.removeHeader("transfer-encoding");
        response.writeHead(status, { ...headers, connection: "close" });
        response.end(half);
        return;
      }
      // At least two frames, never the last: some content arrives, the finish never does.
      const kept = frames.slice(0, Math.min(frames.length - 1, Math.max(2, Math.floor(frames.length / 2))));
      response.writeHead(status, headers);
      response.end(kept.join(""));
      return;
    }
    case "error-after-200": {
      const text = errorAfter200(dialect, String(headers["content-type"] ?? ""));
      response.writeHead(200, { ...headers, "content-length": Buffer.byteLength(text) });
      response.end(text);
      return;
    }
    case "close-delimited":
      // Without content-length or chunking, node ends the body by closing the connection.
      response.removeHeader("transfer-encoding");
      response.writeHead(status, { ...headers, connection: "close" });
      response.end(body);
      return;
  }
}

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const agent = new Agent({ keepAliveTimeout: 1000 });
  let index = 0;
  const handle = async (incoming: IncomingMessage, response: ServerResponse): Promise<void> => {
    const requestBody = await readAll(incoming);
    const fault = options.plan(index++);
    const upstream = await undiciRequest(`${options.target}${incoming.url ?? "/"}`, {
      method: (incoming.method ?? "GET") as "GET" | "POST",
      headers: copyHeaders(incoming.headers),
      ...(requestBody.length > 0 ? { body: requestBody } : {}),
      dispatcher: agent,
    });
    const body = await readAll(upstream.body);
    await answer(fault, options.dialect, { status: upstream.statusCode, headers: copyHeaders(upstream.headers), body }, response);
  };
  const server = createServer((incoming, response) => {
    handle(incoming, response).catch(() => response.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await agent.close();
    },
  };
}
