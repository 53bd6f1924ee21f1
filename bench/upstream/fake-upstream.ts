/**
 * @module
 * A fast fake OpenAI-compatible upstream: `POST …/chat/completions` answers a fixed chat
 * completion after a fixed service latency, or, when the body asks for `stream: true`, a
 * stream of N content chunks a fixed delay apart (role chunk, content, finish chunk, the
 * usage chunk when `stream_options.include_usage` is set, `[DONE]`), exactly as OpenAI
 * frames it. Every answer is prebuilt so the upstream costs as little CPU as possible:
 * it shares a core with the load generator.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeUpstreamOptions {
  /** Time from the end of the request to the answer (non-streaming) or to the first chunk. */
  latencyMs: number;
  /** Content chunks in a streamed answer. */
  chunks: number;
  /** Delay between two content chunks of a stream. */
  chunkDelayMs: number;
  /** @default 0 (a free port) */
  port?: number;
}

export interface FakeUpstreamCounts {
  /** Chat requests answered (or being answered). */
  requests: number;
  streams: number;
  /** Requests that were not a chat completion (answered 404). */
  rejected: number;
}

export interface FakeUpstream {
  /** e.g. `http://127.0.0.1:41234` */
  url: string;
  server: Server;
  counts: FakeUpstreamCounts;
  /** Changes latency and stream shape for the requests that follow. */
  configure(shape: Omit<FakeUpstreamOptions, "port">): void;
  close(): Promise<void>;
}

const model = "gpt-4.1-mini-2025-04-14";
const created = 1_750_000_000;
const words = ["Hello", " there", ",", " this", " is", " a", " benchmark", " answer", " from", " the", " fake", " upstream", "."];

/** The n-th word of the canned answer (it repeats for long streams). */
function wordAt(index: number): string {
  return words[index % words.length] ?? "";
}

const usage = { prompt_tokens: 24, completion_tokens: 20, total_tokens: 44, prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 } };

function buildCompletion(chunks: number): Buffer {
  const content = Array.from({ length: chunks }, (_, index) => wordAt(index)).join("");
  return Buffer.from(
    JSON.stringify({
      id: "chatcmpl-bench",
      object: "chat.completion",
      created,
      model,
      choices: [{ index: 0, message: { role: "assistant", content, refusal: null, annotations: [] }, logprobs: null, finish_reason: "stop" }],
      usage,
      service_tier: "default",
      system_fingerprint: "fp_bench",
    }),
  );
}

function frame(value: unknown): string {
  return `data: ${JSON.stringify(value)}\n\n`;
}

function chunk(delta: Record<string, unknown>, finishReason: string | null): string {
  return frame({ id: "chatcmpl-bench", object: "chat.completion.chunk", created, model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }] });
}

interface StreamFrames {
  /** Role chunk and the first content chunk, sent together after the latency. */
  first: string;
  /** Content chunks 2..N. */
  middle: string[];
  /** Finish chunk (and usage chunk), then `[DONE]`. */
  last: string;
  lastWithUsage: string;
}

function buildStream(chunks: number): StreamFrames {
  const finish = chunk({}, "stop");
  const usageChunk = frame({ id: "chatcmpl-bench", object: "chat.completion.chunk", created, model, choices: [], usage });
  return {
    first: chunk({ role: "assistant", content: "" }, null) + chunk({ content: wordAt(0) }, null),
    middle: Array.from({ length: Math.max(0, chunks - 1) }, (_, index) => chunk({ content: wordAt(index + 1) }, null)),
    last: `${finish}data: [DONE]\n\n`,
    lastWithUsage: `${finish}${usageChunk}data: [DONE]\n\n`,
  };
}

// The body is only searched, never parsed: proxies re-serialise with or without spaces.
const streamFlag = /"stream"\s*:\s*true/;
const usageFlag = /"include_usage"\s*:\s*true/;

function later(ms: number, action: () => void): void {
  if (ms <= 0) action();
  else setTimeout(action, ms);
}

function sendStream(response: ServerResponse, frames: StreamFrames, options: FakeUpstreamOptions, withUsage: boolean): void {
  response.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", "x-request-id": "req_bench" });
  let next = 0;
  let timer: NodeJS.Timeout | undefined;
  response.on("close", () => clearTimeout(timer));
  const writeNext = (): void => {
    if (response.destroyed) return;
    if (next < frames.middle.length) {
      response.write(frames.middle[next] ?? "");
      next += 1;
      timer = setTimeout(writeNext, options.chunkDelayMs);
      return;
    }
    response.end(withUsage ? frames.lastWithUsage : frames.last);
  };
  const start = (): void => {
    if (response.destroyed) return;
    response.write(frames.first);
    if (frames.middle.length === 0) response.end(withUsage ? frames.lastWithUsage : frames.last);
    else timer = setTimeout(writeNext, options.chunkDelayMs);
  };
  later(options.latencyMs, start);
}

function readBody(request: IncomingMessage, done: (body: string) => void): void {
  const parts: Buffer[] = [];
  request.on("data", (part: Buffer) => parts.push(part));
  request.on("end", () => done(parts.length === 1 ? (parts[0]?.toString("latin1") ?? "") : Buffer.concat(parts).toString("latin1")));
}

/** Starts the fake upstream on 127.0.0.1. */
interface Prebuilt {
  options: FakeUpstreamOptions;
  completion: Buffer;
  completionHeaders: Record<string, string>;
  frames: StreamFrames;
}

function prebuild(options: FakeUpstreamOptions): Prebuilt {
  const completion = buildCompletion(options.chunks);
  return {
    options,
    completion,
    completionHeaders: { "content-type": "application/json", "content-length": String(completion.length), "x-request-id": "req_bench" },
    frames: buildStream(options.chunks),
  };
}

export async function startFakeUpstream(options: FakeUpstreamOptions): Promise<FakeUpstream> {
  let current = prebuild(options);
  const counts: FakeUpstreamCounts = { requests: 0, streams: 0, rejected: 0 };
  const server = createServer({ keepAliveTimeout: 65_000 }, (request, response) => {
    readBody(request, (body) => {
      if (request.method !== "POST" || !request.url?.endsWith("/chat/completions")) {
        counts.rejected += 1;
        response.writeHead(404, { "content-type": "application/json" });
        response.end(JSON.stringify({ error: { message: `Invalid URL (${request.method} ${request.url})`, type: "invalid_request_error", param: null, code: null } }));
        return;
      }
      counts.requests += 1;
      const answer = current;
      if (streamFlag.test(body)) {
        counts.streams += 1;
        sendStream(response, answer.frames, answer.options, usageFlag.test(body));
        return;
      }
      later(answer.options.latencyMs, () => {
        if (response.destroyed) return;
        response.writeHead(200, answer.completionHeaders);
        response.end(answer.completion);
      });
    });
  });
  // Many thousands of keep-alive sockets come and go; never let the backlog be the limit.
  server.maxConnections = 100_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen({ port: options.port ?? 0, host: "127.0.0.1", backlog: 4096 }, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    counts,
    configure(shape) {
      current = prebuild({ ...shape, port });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
