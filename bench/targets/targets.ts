/**
 * @module
 * The targets under load: how each one starts (its own process, pinned to the target core)
 * and what a client sends it. `direct` is the floor (the fake upstream itself); `node-proxy`
 * is the practical floor for any Node gateway; `llmux` is the same-dialect fast path;
 * `llmux-translate` is an Anthropic client on an OpenAI-dialect upstream; `portkey` is
 * Portkey's open-source gateway from npm.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { spawnChild, type BenchChild } from "../processes/spawn-child.ts";
import { buildBenchConfigText } from "./bench-config.ts";
import { findPortkey, startPortkey } from "./portkey.ts";

export type TargetId = "direct" | "node-proxy" | "llmux" | "llmux-usage" | "llmux-translate" | "portkey";

export const targetIds: readonly TargetId[] = ["direct", "node-proxy", "llmux", "llmux-usage", "llmux-translate", "portkey"];

export interface TargetRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
  /** What the end of a good answer contains. */
  expectTail: string;
}

export interface StartContext {
  upstreamUrl: string;
  cores: string | undefined;
  /** Node flags for llmux processes (`--cpu-prof …` when profiling). */
  llmuxNodeArgs: string[];
  /** The compiled llmux to run; undefined runs src/ through type stripping. */
  llmuxBuild: string | undefined;
}

export interface RunningTarget {
  origin: string;
  /** The target's own process; none for `direct`. */
  child: BenchChild | undefined;
}

export interface Target {
  id: TargetId;
  label: string;
  /** Why it cannot run here (not installed), or undefined. */
  unavailable(): string | undefined;
  start(context: StartContext): Promise<RunningTarget>;
  request(options: { stream: boolean; upstreamUrl: string }): TargetRequest;
}

const prompt = "Write one short friendly sentence to greet a benchmark.";

function openaiRequest(stream: boolean, headers: Record<string, string>): TargetRequest {
  const body = {
    model: "gpt-4.1-mini",
    messages: [
      { role: "system", content: "You are a terse assistant." },
      { role: "user", content: prompt },
    ],
    max_tokens: 64,
    ...(stream ? { stream: true } : {}),
  };
  return {
    path: "/v1/chat/completions",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
    expectTail: stream ? "data: [DONE]" : '"finish_reason":"stop"',
  };
}

function anthropicRequest(stream: boolean): TargetRequest {
  const body = {
    model: "gpt-4.1-mini",
    max_tokens: 64,
    system: "You are a terse assistant.",
    messages: [{ role: "user", content: prompt }],
    ...(stream ? { stream: true } : {}),
  };
  return {
    path: "/anthropic/v1/messages",
    // A placeholder key, as a client pointed at a gateway with managed keys sends.
    headers: { "content-type": "application/json", "x-api-key": "sk-llmux", "anthropic-version": "2023-06-01" },
    body: JSON.stringify(body),
    expectTail: stream ? "message_stop" : '"output_tokens"',
  };
}

const benchDirectory = fileURLToPath(new URL("..", import.meta.url));

async function startScript(name: string, script: string, args: string[], context: StartContext, nodeArgs: string[] = []): Promise<RunningTarget> {
  const child = spawnChild({ name, script: `${benchDirectory}targets/${script}`, args, cores: context.cores, nodeArgs });
  const ready = await child.next("ready", 30_000);
  if (!ready.url) throw new Error(`${name} did not say where it listens`);
  return { origin: ready.url, child };
}

function startLlmux(name: string, context: StartContext, usageDatabase?: string): Promise<RunningTarget> {
  const config = buildBenchConfigText(context.upstreamUrl, usageDatabase);
  return context.llmuxBuild === undefined
    ? startScript(name, "llmux-process.ts", ["--config", config], context, context.llmuxNodeArgs)
    : startScript(name, "llmux-built-process.mjs", ["--build", context.llmuxBuild, "--config", config], context, context.llmuxNodeArgs);
}

const available = (): undefined => undefined;

/** The default config records every request in SQLite: a fresh file per run, removed when the runner exits. */
function freshUsageDatabase(): string {
  const directory = mkdtempSync(join(tmpdir(), "llmux-bench-"));
  process.once("exit", () => rmSync(directory, { recursive: true, force: true }));
  return join(directory, "usage.db");
}

export const targets: Record<TargetId, Target> = {
  direct: {
    id: "direct",
    label: "direct (no proxy)",
    unavailable: available,
    start: async (context) => ({ origin: context.upstreamUrl, child: undefined }),
    request: ({ stream }) => openaiRequest(stream, { authorization: "Bearer sk-bench-upstream" }),
  },
  "node-proxy": {
    id: "node-proxy",
    label: "node:http proxy",
    unavailable: available,
    start: (context) => startScript("node-proxy", "raw-proxy-process.ts", ["--upstream", context.upstreamUrl], context),
    request: ({ stream }) => openaiRequest(stream, { authorization: "Bearer sk-bench-upstream" }),
  },
  llmux: {
    id: "llmux",
    label: "llmux (fast path)",
    unavailable: available,
    start: (context) => startLlmux("llmux", context),
    request: ({ stream }) => openaiRequest(stream, { authorization: "Bearer sk-llmux" }),
  },
  "llmux-usage": {
    id: "llmux-usage",
    label: "llmux (fast path, SQLite usage)",
    unavailable: available,
    start: (context) => startLlmux("llmux-usage", context, freshUsageDatabase()),
    request: ({ stream }) => openaiRequest(stream, { authorization: "Bearer sk-llmux" }),
  },
  "llmux-translate": {
    id: "llmux-translate",
    label: "llmux (Anthropic → OpenAI)",
    unavailable: available,
    start: (context) => startLlmux("llmux-translate", context),
    request: ({ stream }) => anthropicRequest(stream),
  },
  portkey: {
    id: "portkey",
    label: "Portkey 1.15.2",
    unavailable: () => (findPortkey() ? undefined : "not installed (npm install --prefix bench/peers)"),
    start: (context) => startPortkey(context),
    request: ({ stream, upstreamUrl }) =>
      openaiRequest(stream, { authorization: "Bearer sk-bench-upstream", "x-portkey-provider": "openai", "x-portkey-custom-host": `${upstreamUrl}/v1` }),
  },
};
