import assert from "node:assert/strict";
import { request } from "node:http";
import { test } from "node:test";
import { chatBody, startTestGateway, startUpstream } from "./support.ts";

const chunkCount = 400;
const word = "x".repeat(64 * 1024);

function frame(data: unknown): string {
  return `data: ${JSON.stringify(data)}\n\n`;
}

test("a client that stops reading gets the whole stream once it reads again (the gateway waits on drain)", async () => {
  let upstreamWrites = 0;
  const upstream = await startUpstream(async (_request, response) => {
    response.writeHead(200, { "content-type": "text/event-stream" });
    const chunk = (delta: Record<string, unknown>, finish: string | null): string =>
      frame({ id: "chatcmpl-slow", object: "chat.completion.chunk", created: 1, model: "gpt-4o-mini", choices: [{ index: 0, delta, finish_reason: finish }] });
    response.write(chunk({ role: "assistant", content: "" }, null));
    // About 25 MiB of content, far more than the sockets between here and the client buffer.
    for (let index = 0; index < chunkCount; index++) {
      upstreamWrites += 1;
      if (!response.write(chunk({ content: word }, null))) await new Promise((resolve) => response.once("drain", resolve));
    }
    response.write(chunk({}, "stop"));
    response.write(frame({ id: "chatcmpl-slow", object: "chat.completion.chunk", created: 1, model: "gpt-4o-mini", choices: [], usage: { prompt_tokens: 3, completion_tokens: chunkCount, total_tokens: chunkCount + 3 } }));
    response.end("data: [DONE]\n\n");
  });
  const gateway = await startTestGateway(["providers:", "  openai:", `    baseUrl: ${upstream.url}/v1`, '    keys: ["sk-test-slow-client-000000001"]']);
  const { hostname, port } = new URL(gateway.url);
  const body = JSON.stringify({ ...chatBody("gpt-4o-mini"), stream: true });
  const text = await new Promise<string>((resolve, reject) => {
    const outgoing = request({ hostname, port, path: "/v1/chat/completions", method: "POST", headers: { "content-type": "application/json" } }, (answer) => {
      // Read nothing for a while: the gateway's socket buffer fills and it must wait, not drop or buffer all.
      answer.pause();
      setTimeout(() => {
        if (upstreamWrites >= chunkCount) {
          reject(new Error(`the upstream was read to the end (${upstreamWrites} chunks) while the client read nothing`));
          answer.destroy();
          return;
        }
        let received = "";
        answer.setEncoding("utf8");
        answer.on("data", (piece: string) => (received += piece));
        answer.on("end", () => resolve(received));
        answer.resume();
      }, 300);
    });
    outgoing.on("error", reject);
    outgoing.end(body);
  });
  const contents = text.split("\n\n").filter((line) => line.startsWith("data: {")).map((line) => JSON.parse(line.slice(6)) as { choices: Array<{ delta?: { content?: string } }> });
  const content = contents.map((chunk) => chunk.choices[0]?.delta?.content ?? "").join("");
  assert.equal(content.length, chunkCount * word.length);
  assert.ok(text.endsWith("data: [DONE]\n\n"));
});
