/**
 * @module
 * `llmux gateway start | init | key create`.
 */
import type { Command } from "../command.ts";
import { UsageError } from "../usage-error.ts";
import { runGatewayInit } from "./gateway-init.ts";
import { runGatewayKey } from "./gateway-key.ts";
import { runGatewayStart } from "./gateway-start.ts";

const help = `Usage:
  llmux gateway start [--config FILE] [--auto] [--host H] [--port P]
  llmux gateway init [FILE] [--force]
  llmux gateway key create [--id ID]

start       Run the gateway: an HTTP proxy speaking the OpenAI, Anthropic, Gemini and
            Ollama protocols. Prints its URL, the providers found and the base URLs to
            give SDKs and coding CLIs. Stops gracefully on Ctrl+C / SIGTERM.
  -c, --config FILE   A YAML config (llmux gateway init writes one); reloaded on save
  --auto              With --config, also take providers from environment variables
                      (always on without a config file)
  --host H            Listen address (default 127.0.0.1, or the config's)
  -p, --port P        Port (default 9880, or the config's; 0 picks a free port)

init        Write a commented starter config to FILE (default llmux.yaml).
  -f, --force         Replace FILE if it exists

key create  Create a gateway key: prints the key once and the hashed entry for auth.keys.
  --id ID             A name for the key (default: a random one)
`;

export const command: Command = {
  help,
  async run(context) {
    const [action, ...rest] = context.argv;
    const sub = { ...context, argv: rest };
    switch (action) {
      case "start":
        return runGatewayStart(sub);
      case "init":
        return runGatewayInit(sub);
      case "key":
        return runGatewayKey(sub);
      case undefined:
        throw new UsageError("Say what to do: start, init or key create.");
      default:
        throw new UsageError(`Unknown gateway action "${action}" (known: start, init, key create).`);
    }
  },
};
