/**
 * @module
 * `llmux status`: the providers this environment (or a config) configures, never their keys.
 * Status pages are read only with `--status-pages` (or a status API with `--status-api`):
 * llmux makes no third-party call unless asked.
 */
import { missingProviderHint } from "../../providers/discover.ts";
import type { ResolvedProvider } from "../../providers/resolved-provider.ts";
import { providerTable } from "../../providers/table.ts";
import { StatusAPI, type ProviderStatus } from "../../status/index.ts";
import type { Command } from "../command.ts";
import { createCliRouter } from "../create-cli-router.ts";
import { formatTable } from "../format-table.ts";
import { parseInteger, parseOptions } from "../parse-options.ts";
import { resolvePath } from "../resolve-path.ts";
import { UsageError } from "../usage-error.ts";

const help = `Usage: llmux status [--status-pages] [--status-api URL] [--json] [--config FILE]

Lists the configured providers (id, dialect, number of keys, base URL; never the keys).
With --status-pages, also what each vendor's public status page says right now; with
--status-api URL, what a status API (aistatus.cc shape) says. Neither is read by default.

  --status-pages       Read the vendors' public status pages
  --status-api URL     Read a status API at URL
  --timeout MS         Longest wait for status answers (default 5000)
  --json               Print as JSON
  -c, --config FILE    Providers from a gateway config (plus the environment's)
`;

interface StatusRow {
  id: string;
  name: string;
  dialect: string;
  baseUrl: string;
  keys: number;
  configured: boolean;
  status?: ProviderStatus;
}

function toStatusRow(provider: ResolvedProvider): StatusRow {
  return { id: provider.id, name: provider.name, dialect: provider.dialect, baseUrl: provider.baseUrl, keys: provider.keys.length, configured: true };
}

function describeStatus(status: ProviderStatus | undefined): string {
  if (!status) return "-";
  const detail = status.detail ? `: ${status.detail}` : "";
  return status.source === "none" ? `unknown${detail}` : `${status.status} (${status.source})${detail}`;
}

export const command: Command = {
  help,
  async run(context) {
    const { values, positionals } = parseOptions(context.argv, {
      "status-pages": { type: "boolean" },
      "status-api": { type: "string" },
      timeout: { type: "string" },
      json: { type: "boolean" },
      config: { type: "string", short: "c" },
    });
    if (positionals.length > 0) throw new UsageError(`Unexpected argument "${positionals[0]}".`);
    const timeout = parseInteger(values.timeout, "timeout", 1) ?? 5000;
    const statusApi = values["status-api"];
    if (statusApi !== undefined && !/^https?:\/\//.test(statusApi)) throw new UsageError(`--status-api needs an http(s) URL, not "${statusApi}".`);
    const cli = createCliRouter({ env: context.env, ...(values.config !== undefined ? { configPath: resolvePath(context.cwd, values.config) } : {}) });
    const wantsStatus = values["status-pages"] === true || statusApi !== undefined;
    const status = wantsStatus
      ? new StatusAPI({ statusPages: values["status-pages"] ? {} : false, ...(statusApi ? { baseUrl: statusApi } : {}), checkTimeout: timeout, poll: false })
      : undefined;
    try {
      const rows = cli.router.providers.list().map(toStatusRow);
      // Nothing configured: the status view is still useful for deciding which provider to set up.
      if (rows.length === 0 && status) {
        for (const row of providerTable) rows.push({ id: row.id, name: row.name, dialect: row.dialect, baseUrl: row.baseUrl, keys: 0, configured: false });
      }
      if (status) {
        await Promise.all(rows.map(async (row) => (row.status = await status.checkProvider(row.id))));
      }
      if (values.json) {
        context.stdout.write(`${JSON.stringify({ providers: rows }, null, 2)}\n`);
        return 0;
      }
      const lines: string[] = [];
      if (cli.router.providers.size === 0) lines.push(missingProviderHint(), "");
      if (rows.length > 0) {
        lines.push(
          formatTable(
            [
              { header: "PROVIDER" },
              { header: "NAME" },
              { header: "DIALECT" },
              { header: "KEYS", align: "right" },
              { header: "BASE URL" },
              ...(status ? [{ header: "STATUS" }] : []),
            ],
            rows.map((row) => [
              row.configured ? row.id : `${row.id} (not configured)`,
              row.name,
              row.dialect,
              String(row.keys),
              row.baseUrl,
              ...(status ? [describeStatus(row.status)] : []),
            ]),
          ),
        );
      }
      if (!status) lines.push("", "Status pages: not read (add --status-pages to check the vendors' public status pages).");
      context.stdout.write(`${lines.join("\n")}\n`);
      return 0;
    } finally {
      status?.stop();
      await cli.close();
    }
  },
};
