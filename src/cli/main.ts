#!/usr/bin/env node
/**
 * @module
 * The `llmux` command line: parses argv, loads the named command on demand (so `llmux models`
 * never loads the gateway) and runs it with injected streams, environment and shutdown
 * signal, which is what lets tests run every command in-process. Exit codes: 0 ok, 1 failure,
 * 2 usage error.
 */
import { readFileSync } from "node:fs";
import { isatty } from "node:tty";
import type { Command, CommandContext, ExitCode } from "./command.ts";
import { reportError } from "./report-error.ts";

interface CommandEntry {
  summary: string;
  load: () => Promise<{ command: Command }>;
}

const commands: Record<string, CommandEntry> = {
  demo: { summary: "See llmux work with no API keys: simulated providers, faults, fallback", load: () => import("./commands/demo.ts") },
  gateway: { summary: "Run the gateway (start), write a starter config (init), create keys (key create)", load: () => import("./commands/gateway.ts") },
  chat: { summary: "Send a prompt through the router and print the answer and its route", load: () => import("./commands/chat.ts") },
  vision: { summary: "Ask about an image file", load: () => import("./commands/vision.ts") },
  compare: { summary: "Send one prompt to several models in parallel and compare", load: () => import("./commands/compare.ts") },
  models: { summary: "Search the model catalog: context, prices, capabilities, providers", load: () => import("./commands/models.ts") },
  plan: { summary: "Show the candidates a request would try, and why others are skipped", load: () => import("./commands/plan.ts") },
  status: { summary: "Configured providers, and their status pages when asked", load: () => import("./commands/status.ts") },
  usage: { summary: "Requests, tokens and cost recorded by the gateway", load: () => import("./commands/usage.ts") },
  config: { summary: "Check a config file (validate)", load: () => import("./commands/config.ts") },
};

function formatHelp(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  return [
    "llmux: keeps LLM calls alive when providers fail.",
    "",
    "Usage: llmux <command> [options]",
    "",
    "Commands:",
    ...Object.entries(commands).map(([name, entry]) => `  ${name.padEnd(width)}  ${entry.summary}`),
    "",
    "Options:",
    "  -h, --help     Show help (also: llmux <command> --help)",
    "  -v, --version  Show the version",
    "",
    "Providers are found from environment variables (OPENAI_API_KEY, ANTHROPIC_API_KEY,",
    "GEMINI_API_KEY, ...). With none set, start with: llmux demo",
    "",
  ].join("\n");
}

function readVersion(): string {
  try {
    // src/cli/main.ts and dist/cli/main.js both sit two levels below package.json.
    const text = readFileSync(new URL("../../package.json", import.meta.url), "utf8");
    const version = (JSON.parse(text) as { version?: unknown }).version;
    return typeof version === "string" ? version : "unknown";
  } catch {
    return "unknown";
  }
}

/** `--help` or `-h` anywhere before a `--` separator. */
function asksForHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf("--");
  return (end === -1 ? argv : argv.slice(0, end)).some((arg) => arg === "--help" || arg === "-h");
}

/** Runs one command line; never throws, never exits the process. */
export async function main(argv: readonly string[], io: Partial<CommandContext> = {}): Promise<ExitCode> {
  const context: CommandContext = {
    argv: [],
    stdout: io.stdout ?? process.stdout,
    stderr: io.stderr ?? process.stderr,
    env: io.env ?? process.env,
    cwd: io.cwd ?? process.cwd(),
    stdin: io.stdin,
    shutdown: io.shutdown ?? new AbortController().signal,
  };
  const [name, ...rest] = argv;
  if (name === undefined) {
    context.stderr.write(formatHelp());
    return 2;
  }
  if (name === "--help" || name === "-h") {
    context.stdout.write(formatHelp());
    return 0;
  }
  if (name === "--version" || name === "-v") {
    context.stdout.write(`llmux ${readVersion()}\n`);
    return 0;
  }
  const helpTopic = name === "help" ? rest[0] : undefined;
  if (name === "help" && helpTopic === undefined) {
    context.stdout.write(formatHelp());
    return 0;
  }
  const commandName = helpTopic ?? name;
  const entry = Object.hasOwn(commands, commandName) ? commands[commandName] : undefined;
  if (entry === undefined) {
    context.stderr.write(`llmux: unknown command "${commandName}". Commands: ${Object.keys(commands).join(", ")}.\nRun "llmux --help" for usage.\n`);
    return 2;
  }
  const helpHint = `Run "llmux ${commandName} --help" for usage.`;
  try {
    const { command } = await entry.load();
    if (helpTopic !== undefined || asksForHelp(rest)) {
      context.stdout.write(command.help);
      return 0;
    }
    return await command.run({ ...context, argv: rest });
  } catch (error) {
    return reportError(error, context.stderr, helpHint);
  }
}

if (import.meta.main) {
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  // Once: a second Ctrl+C gets Node's default behaviour and ends the process at once.
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  // `llmux models | head` closes the pipe early: that is the reader's choice, not a crash.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
  // Touch process.stdin only when a command reads it: an open pipe would hold the process.
  const stdin = async function* (): AsyncGenerator<string | Uint8Array> {
    yield* process.stdin;
  };
  const code = await main(process.argv.slice(2), {
    stdin: isatty(0) ? undefined : stdin(),
    shutdown: controller.signal,
  });
  process.exitCode = code;
  // A finished command must not linger because a pooled socket or timer still holds the loop.
  setTimeout(() => process.exit(code), 2000).unref();
}
