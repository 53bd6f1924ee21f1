/**
 * @module
 * `llmux demo`: the first thing to run, with no API keys. Starts simulated providers (real
 * wire formats, scripted faults) and a gateway on free local ports, sends four requests
 * through it the way the official SDKs would, shows how each was routed, then the usage the
 * gateway recorded. Nothing leaves the machine; it takes a second or two.
 */
import { startGateway, type GatewayHandle } from "../../gateway/serve.ts";
import { formatUsageTable, MemoryUsageStore, type UsageStore } from "../../usage/index.ts";
import type { Command, TextSink } from "../command.ts";
import { createDemoConfig, startDemoProviders } from "../demo/demo-providers.ts";
import { runDemoScenes, type SceneReport } from "../demo/demo-scenes.ts";
import { parseOptions } from "../parse-options.ts";
import { UsageError } from "../usage-error.ts";

const help = `Usage: llmux demo

Shows llmux at work with no API keys and no network: starts simulated providers
(Anthropic and OpenAI protocols) and a gateway on free local ports, then sends:
  1. a request whose primary provider answers 429, then 529: served by a fallback
  2. a stream the upstream cuts mid-answer: the client gets a clean error end
  3. an Anthropic-protocol request served by an OpenAI-protocol provider (translation)
  4. a same-protocol request (the fast path)
and prints each request's route and the usage table the gateway recorded.
`;

function formatScene(report: SceneReport, index: number): string {
  const { route } = report;
  const served = `${route.provider ?? "?"} (${route.model ?? "?"})`;
  const lines = [
    `${index + 1}. ${report.title}`,
    `   ${report.request}`,
    `   <- ${report.status} served by ${served}, route ${route.routeMode ?? "?"}, attempts ${route.attempts ?? "?"}`,
    `      fallback reason: ${route.fallbackReason ?? "none"}`,
    ...report.notes.map((note) => `      ${note}`),
  ];
  if (!report.asExpected) lines.push("      (this scene did not go as scripted)");
  return lines.join("\n");
}

/** The gateway writes a request's record just after answering it: wait for the last ones. */
async function waitForRecords(store: UsageStore, count: number, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await store.query()).length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
}

function print(stdout: TextSink, lines: string[]): void {
  stdout.write(`${lines.join("\n")}\n`);
}

export const command: Command = {
  help,
  async run(context) {
    const { positionals } = parseOptions(context.argv, {});
    if (positionals.length > 0) throw new UsageError(`Unexpected argument "${positionals[0]}".`);
    const startedAt = Date.now();
    const providers = await startDemoProviders();
    let gateway: GatewayHandle | undefined;
    try {
      const usage = new MemoryUsageStore();
      // No environment: the demo never picks up, or calls, a real provider.
      gateway = await startGateway({ config: createDemoConfig(providers), env: {}, auto: false, host: "127.0.0.1", port: 0, usage, status: false, log: () => {} });
      const registry = gateway.runtime.registry;
      print(context.stdout, [
        "llmux demo: simulated providers on local ports, no API keys, nothing leaves this machine.",
        "",
        "  anthropic   Anthropic Messages protocol; scripted to answer 429, then 529",
        "  openrouter  OpenAI Chat protocol; serves Claude models too (the fallback)",
        "  openai      OpenAI Chat protocol; scripted to cut a streamed answer",
        "",
        "A gateway in front of them (in-memory usage store, status pages off). Requests:",
        "",
      ]);
      const reports = await runDemoScenes({ gatewayUrl: gateway.url, dialectOf: (id) => registry.get(id)?.dialect });
      print(context.stdout, reports.map(formatScene).join("\n\n").split("\n"));
      await waitForRecords(usage, reports.length);
      const rows = await usage.summarize({ period: "all", groupBy: "model" });
      print(context.stdout, [
        "",
        "Usage recorded by the gateway, by model:",
        "",
        formatUsageTable(rows, { groupLabel: "MODEL" }),
        "",
        `Done in ${((Date.now() - startedAt) / 1000).toFixed(1)} s. With real keys set (OPENAI_API_KEY, ANTHROPIC_API_KEY, ...):`,
        "  llmux gateway start      then point OPENAI_BASE_URL / ANTHROPIC_BASE_URL at it",
        "  llmux chat --model gpt-4.1 \"Hello\"",
      ]);
      return reports.every((report) => report.asExpected) ? 0 : 1;
    } finally {
      await gateway?.close(1000);
      await providers.close();
    }
  },
};
