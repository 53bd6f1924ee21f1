/**
 * @module
 * `llmux gateway key create [--id ID]`: a new gateway key, printed once, and the hashed entry
 * to paste into the config. Only the hash is ever stored.
 */
import { generateGatewayKey } from "../../config/index.ts";
import type { CommandContext, ExitCode } from "../command.ts";
import { parseOptions } from "../parse-options.ts";
import { UsageError } from "../usage-error.ts";

const idPattern = /^[A-Za-z0-9._-]{1,64}$/;

export async function runGatewayKey(context: CommandContext): Promise<ExitCode> {
  const [action, ...rest] = context.argv;
  if (action !== "create") throw new UsageError(action === undefined ? "Say what to do: llmux gateway key create [--id ID]." : `Unknown key action "${action}" (known: create).`);
  const { values, positionals } = parseOptions(rest, { id: { type: "string" } });
  if (positionals.length > 0) throw new UsageError(`Unexpected argument "${positionals[0]}".`);
  if (values.id !== undefined && !idPattern.test(values.id)) {
    throw new UsageError(`--id may use letters, digits, ".", "_" and "-" (up to 64), not "${values.id}".`);
  }
  const generated = generateGatewayKey(values.id);
  context.stdout.write(
    [
      "New gateway key (shown once; llmux keeps only its hash):",
      "",
      `  ${generated.key}`,
      "",
      "Add this entry under auth.keys in your config (and set auth.enabled: true):",
      "",
      `  - id: ${generated.id}`,
      `    hash: ${generated.hash}`,
      "",
      "Clients send the key as their API key (Authorization: Bearer, x-api-key or x-goog-api-key).",
      "",
    ].join("\n"),
  );
  return 0;
}
