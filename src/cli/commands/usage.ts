/**
 * @module
 * `llmux usage`: requests, failures, fallbacks, tokens, cost and latency from the usage
 * store the gateway writes (SQLite, `.llmux/usage.db` by default), grouped and summed.
 */
import { existsSync } from "node:fs";
import { InvalidRequestError } from "../../core/errors.ts";
import { defaultUsageDatabasePath, formatUsageTable, parseUsageGroupBy, parseUsagePeriod, SqliteUsageStore } from "../../usage/index.ts";
import type { Command } from "../command.ts";
import { parseOptions } from "../parse-options.ts";
import { resolvePath } from "../resolve-path.ts";
import { UsageError } from "../usage-error.ts";

const help = `Usage: llmux usage [--db PATH] [--period P] [--group-by G] [--json]

Summarises the usage records the gateway wrote: requests, failures, fallbacks, tokens,
cost (USD) and latency percentiles, one row per group.

  --db PATH        The SQLite usage database (default ${defaultUsageDatabasePath})
  --period P       1h, 24h (default), 7d, 30d, all, or SINCE..UNTIL (ISO dates)
  --group-by G     model (default), provider, key, gateway-key, route-mode, day
  --json           Print the rows as JSON
`;

/** Option values the usage module rejects are command-line mistakes here. */
function readOption<T>(parse: (text: string) => T, text: string): T {
  try {
    return parse(text);
  } catch (error) {
    if (error instanceof InvalidRequestError) throw new UsageError(error.message);
    throw error;
  }
}

export const command: Command = {
  help,
  async run(context) {
    const { values, positionals } = parseOptions(context.argv, {
      db: { type: "string" },
      period: { type: "string" },
      "group-by": { type: "string" },
      json: { type: "boolean" },
    });
    if (positionals.length > 0) throw new UsageError(`Unexpected argument "${positionals[0]}".`);
    const periodText = values.period ?? "24h";
    const period = readOption(parseUsagePeriod, periodText);
    const groupBy = readOption(parseUsageGroupBy, values["group-by"] ?? "model");
    const shown = values.db ?? defaultUsageDatabasePath;
    const path = resolvePath(context.cwd, shown);
    // Opening would create an empty database: say that nothing was recorded there instead.
    if (!existsSync(path)) {
      context.stderr.write(`llmux: no usage database at ${shown}. The gateway writes one once it has served a request (or pass --db PATH).\n`);
      return 1;
    }
    const store = new SqliteUsageStore({ path });
    try {
      const rows = await store.summarize({ period, groupBy });
      if (values.json) {
        context.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        return 0;
      }
      context.stdout.write(`Usage by ${groupBy}, period ${periodText} (${shown}):\n\n${formatUsageTable(rows, { groupLabel: groupBy.toUpperCase() })}\n`);
      return 0;
    } finally {
      await store.close();
    }
  },
};
