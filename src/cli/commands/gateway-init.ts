/**
 * @module
 * `llmux gateway init [FILE]`: writes the commented starter config. Never overwrites a file
 * unless told to (`--force`): it may hold someone's edits.
 */
import { writeFileSync } from "node:fs";
import { exampleConfig } from "../../config/index.ts";
import type { CommandContext, ExitCode } from "../command.ts";
import { parseOptions } from "../parse-options.ts";
import { resolvePath } from "../resolve-path.ts";
import { UsageError } from "../usage-error.ts";

export async function runGatewayInit(context: CommandContext): Promise<ExitCode> {
  const { values, positionals } = parseOptions(context.argv, { force: { type: "boolean", short: "f" } });
  if (positionals.length > 1) throw new UsageError(`Unexpected argument "${positionals[1]}".`);
  const file = positionals[0] ?? "llmux.yaml";
  const path = resolvePath(context.cwd, file);
  try {
    writeFileSync(path, exampleConfig(), { encoding: "utf8", flag: values.force ? "w" : "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") {
      context.stderr.write(`llmux: ${file} already exists; not overwriting it (use --force to replace it).\n`);
      return 1;
    }
    throw error;
  }
  context.stdout.write(
    [
      `Wrote ${file}.`,
      "Next:",
      `  llmux config validate ${file}`,
      `  llmux gateway start --config ${file}`,
      "",
    ].join("\n"),
  );
  return 0;
}
