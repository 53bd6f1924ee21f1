/**
 * @module
 * `llmux gateway start`: starts the gateway, says where it listens, which providers it found
 * (or which variables to set) and the base URLs to give SDKs and coding CLIs, then runs until
 * SIGINT/SIGTERM and shuts down gracefully: stop accepting, let requests in flight finish up
 * to the configured deadline, exit 0.
 */
import { ConfigError } from "../../core/errors.ts";
import { startGateway, type GatewayHandle } from "../../gateway/serve.ts";
import { missingProviderHint } from "../../providers/discover.ts";
import type { ResolvedProvider } from "../../providers/resolved-provider.ts";
import type { CommandContext, ExitCode, TextSink } from "../command.ts";
import { parseInteger, parseOptions } from "../parse-options.ts";
import { resolvePath } from "../resolve-path.ts";
import { UsageError } from "../usage-error.ts";

function describeProvider(provider: ResolvedProvider): string {
  const keys = provider.keys.length === 0 ? "no key" : provider.keys.length === 1 ? "1 key" : `${provider.keys.length} keys`;
  return `  ${provider.id.padEnd(12)} ${provider.dialect.padEnd(19)} ${keys.padEnd(7)} ${provider.baseUrl}`;
}

/** What a user copies into their shell or SDK setup. */
function formatClientSetup(url: string): string {
  return [
    "Point your clients at it:",
    `  OPENAI_BASE_URL=${url}/openai/v1`,
    `  ANTHROPIC_BASE_URL=${url}/anthropic`,
    `  Gemini (Google Gen AI SDK) base URL: ${url}/gemini`,
    `  Ollama host: ${url}/ollama`,
  ].join("\n");
}

function printStartup(handle: GatewayHandle, stdout: TextSink): void {
  const providers = handle.runtime.registry.list();
  const lines = [`llmux gateway listening on ${handle.url}`, ""];
  if (providers.length > 0) {
    lines.push(`Providers (${providers.length}):`, ...providers.map(describeProvider));
  } else {
    lines.push(missingProviderHint(), "The gateway runs anyway; set a variable and restart it, or add providers to the config file.");
  }
  lines.push("", formatClientSetup(handle.url), "", "Stop with Ctrl+C (in-flight requests are allowed to finish).", "");
  stdout.write(lines.join("\n"));
}

/** The usual ways listening fails, said plainly; anything else passes through. */
function describeListenError(error: unknown): unknown {
  const { code, port } = error as NodeJS.ErrnoException & { port?: number };
  const where = port === undefined ? "" : ` (port ${port})`;
  if (code === "EADDRINUSE") return new ConfigError(`The address is already in use${where}: another gateway may be running. Pick another with --port.`, { cause: error });
  if (code === "EACCES") return new ConfigError(`Not allowed to listen there${where}: ports below 1024 need privileges. Pick another with --port.`, { cause: error });
  if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND") return new ConfigError(`Cannot listen on that host: ${(error as Error).message}. Check --host.`, { cause: error });
  return error;
}

function waitForAbort(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
}

export async function runGatewayStart(context: CommandContext): Promise<ExitCode> {
  const { values, positionals } = parseOptions(context.argv, {
    config: { type: "string", short: "c" },
    auto: { type: "boolean" },
    host: { type: "string" },
    port: { type: "string", short: "p" },
  });
  if (positionals.length > 0) throw new UsageError(`Unexpected argument "${positionals[0]}".`);
  const port = parseInteger(values.port, "port");
  if (port !== undefined && port > 65_535) throw new UsageError(`--port must be at most 65535, not ${port}.`);
  const handle = await startGateway({
    ...(values.config !== undefined ? { configPath: resolvePath(context.cwd, values.config) } : {}),
    ...(values.auto ? { auto: true } : {}),
    ...(values.host !== undefined ? { host: values.host } : {}),
    ...(port !== undefined ? { port } : {}),
    env: context.env,
    log: (line) => context.stderr.write(`${line}\n`),
  }).catch((error: unknown) => {
    throw describeListenError(error);
  });
  printStartup(handle, context.stdout);
  // A long-running server: a stray rejection is reported, never allowed to end the process.
  const report = (error: unknown): void => {
    context.stderr.write(`llmux: unexpected error (the gateway keeps running): ${error instanceof Error ? error.message : String(error)}\n`);
  };
  process.on("unhandledRejection", report);
  await waitForAbort(context.shutdown);
  const deadlineMs = handle.runtime.config.server.shutdownDeadlineMs;
  context.stderr.write(`llmux: stopping; requests in flight have up to ${deadlineMs} ms to finish\n`);
  await handle.close(deadlineMs);
  process.off("unhandledRejection", report);
  context.stderr.write("llmux: stopped\n");
  return 0;
}
