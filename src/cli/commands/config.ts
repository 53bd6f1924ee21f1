/**
 * @module
 * `llmux config validate FILE`: "valid" and exit 0, or every problem as
 * `file:line: field: message` and exit 1. Warnings (valid but suspicious) are shown either way.
 */
import { formatConfigIssue, loadConfigFile } from "../../config/index.ts";
import type { Command, CommandContext, ExitCode } from "../command.ts";
import { parseOptions } from "../parse-options.ts";
import { resolvePath } from "../resolve-path.ts";
import { UsageError } from "../usage-error.ts";

const help = `Usage: llmux config validate FILE

Checks a gateway config file: YAML syntax, unknown keys, types, unset \${VARIABLES} and
cross-references (tiers, fallbacks, modes). Prints "valid" and exits 0, or prints every
problem as file:line: field: message and exits 1.
`;

async function validate(context: CommandContext): Promise<ExitCode> {
  const { positionals } = parseOptions(context.argv, {});
  const [file, extra] = positionals;
  if (file === undefined) throw new UsageError("Say which file to check: llmux config validate FILE.");
  if (extra !== undefined) throw new UsageError(`Unexpected argument "${extra}".`);
  // InvalidConfigError (every issue) and ConfigError (unreadable file) are reported by main.
  const { warnings } = loadConfigFile(resolvePath(context.cwd, file), { env: context.env });
  for (const warning of warnings) context.stderr.write(`warning: ${formatConfigIssue(warning)}\n`);
  context.stdout.write(`${file}: valid\n`);
  return 0;
}

export const command: Command = {
  help,
  async run(context) {
    const [action, ...rest] = context.argv;
    if (action === "validate") return validate({ ...context, argv: rest });
    throw new UsageError(action === undefined ? "Say what to do: llmux config validate FILE." : `Unknown config action "${action}" (known: validate).`);
  },
};
