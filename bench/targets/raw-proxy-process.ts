/**
 * @module
 * Process entry: the practical floor for any Node gateway. A minimal node:http pass-through
 * proxy with a keep-alive agent: headers and body piped to the upstream, the answer piped
 * back chunk by chunk, nothing parsed. Arg: `--upstream http://127.0.0.1:PORT`.
 */
import { Agent, createServer, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { listenToRunner, sendToRunner } from "../processes/child-channel.ts";

const { values } = parseArgs({ options: { upstream: { type: "string" } } });
if (!values.upstream) throw new Error("--upstream is required");
const upstream = new URL(values.upstream);
const agent = new Agent({ keepAlive: true, maxSockets: Infinity, maxFreeSockets: 4096 });

const server = createServer({ keepAliveTimeout: 65_000 }, (request, response) => {
  const headers = { ...request.headers, host: upstream.host };
  const outgoing = httpRequest(
    { host: upstream.hostname, port: upstream.port, method: request.method, path: request.url, headers, agent },
    (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    },
  );
  outgoing.on("error", () => {
    if (!response.headersSent) response.writeHead(502, { "content-type": "application/json" });
    response.end('{"error":{"message":"upstream unreachable"}}');
  });
  response.on("close", () => {
    if (!response.writableFinished) outgoing.destroy();
  });
  request.pipe(outgoing);
});
server.maxConnections = 100_000;
await new Promise<void>((resolve) => server.listen({ port: 0, host: "127.0.0.1", backlog: 4096 }, () => resolve()));
const { port } = server.address() as AddressInfo;
listenToRunner({
  stop: () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
});
sendToRunner({ type: "ready", url: `http://127.0.0.1:${port}` });
