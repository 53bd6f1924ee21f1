import assert from "node:assert/strict";
import { request } from "node:http";
import { test } from "node:test";
import { startTestGateway } from "./support.ts";

/** Sends a request target exactly as written (fetch would normalise it first). */
function getRaw(origin: string, target: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const outgoing = request({ hostname, port, path: target, method: "GET" }, (answer) => {
      let body = "";
      answer.setEncoding("utf8");
      answer.on("data", (chunk: string) => (body += chunk));
      answer.on("end", () => resolve({ status: answer.statusCode ?? 0, body }));
    });
    outgoing.on("error", reject);
    outgoing.end();
  });
}

test("request targets are routed as WHATWG URL parsing reads them, plain or not", async () => {
  const gateway = await startTestGateway(["providers: {}"]);
  // Plain paths skip URL parsing; dot segments, escapes and queries still resolve as a URL would.
  for (const target of ["/health", "/health?verbose=1", "/x/../health", "/./health"]) {
    const answer = await getRaw(gateway.url, target);
    assert.equal(answer.status, 200, `${target}: ${answer.body}`);
  }
  assert.equal((await getRaw(gateway.url, "/x/health")).status, 404);
  // URL parsing keeps escapes as they are, so an escaped path is not the plain one.
  assert.equal((await getRaw(gateway.url, "/%68ealth")).status, 404);
});
