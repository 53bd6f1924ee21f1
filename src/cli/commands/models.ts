/**
 * @module
 * `llmux models [QUERY]`: the catalog, searched, with context window, prices, capabilities
 * and the providers serving each model, marked when configured in this environment.
 */
import { createCatalog, isProviderId, providerIds, type Catalog, type ModelEntry } from "../../catalog/index.ts";
import { discoverProviders } from "../../providers/discover.ts";
import type { Command } from "../command.ts";
import { formatTable } from "../format-table.ts";
import { formatPrice, formatTokenSize } from "../format-values.ts";
import { parseOptions } from "../parse-options.ts";
import { UsageError } from "../usage-error.ts";

const help = `Usage: llmux models [QUERY] [--provider P] [--all] [--json]

Searches the bundled model catalog (id, alias, family, vendor, provider). Every word of
QUERY must match. Shows context window, output limit, price per million tokens,
capabilities and the providers serving each model; * marks a provider configured here.

  --provider P   Only models that provider P serves (openai, anthropic, google, openrouter, ...)
  --all          Include deprecated models
  --json         Print full entries as JSON
`;

function describeCapabilities(model: ModelEntry): string {
  const { capabilities } = model;
  const names = [
    capabilities.vision ? "vision" : undefined,
    capabilities.tools ? "tools" : undefined,
    capabilities.jsonSchema ? "json-schema" : undefined,
    capabilities.reasoning ? "reasoning" : undefined,
  ].filter((name) => name !== undefined);
  return names.length > 0 ? names.join(",") : "-";
}

function listServingProviders(catalog: Catalog, model: ModelEntry, configured: ReadonlySet<string>): Array<{ id: string; modelId: string; configured: boolean }> {
  return catalog.providersOf(model.id).map((provider) => ({
    id: provider,
    modelId: catalog.providerModelId(model.id, provider) ?? model.id,
    configured: configured.has(provider),
  }));
}

export const command: Command = {
  help,
  async run(context) {
    const { values, positionals } = parseOptions(context.argv, {
      provider: { type: "string", short: "p" },
      all: { type: "boolean" },
      json: { type: "boolean" },
    });
    const provider = values.provider;
    if (provider !== undefined && !isProviderId(provider)) {
      throw new UsageError(`Unknown provider "${provider}" (known: ${providerIds.join(", ")}).`);
    }
    const catalog = createCatalog();
    const query = positionals.join(" ").trim();
    const configured = new Set(discoverProviders(context.env).map((found) => found.id));
    const models = (query === "" ? [...catalog.all()] : catalog.search(query))
      .filter((model) => values.all || model.deprecated === undefined)
      .filter((model) => provider === undefined || catalog.providersOf(model.id).includes(provider));

    if (values.json) {
      const entries = models.map((model) => ({ ...model, servedBy: listServingProviders(catalog, model, configured) }));
      context.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
      return 0;
    }
    if (models.length === 0) {
      context.stdout.write(`No model matches${query === "" ? "" : ` "${query}"`}${provider === undefined ? "" : ` at ${provider}`}.\n`);
      return 1;
    }
    const rows = models.map((model) => [
      model.deprecated === undefined ? model.id : `${model.id} (deprecated)`,
      model.tier,
      formatTokenSize(model.contextWindow),
      formatTokenSize(model.maxOutputTokens),
      formatPrice(model.pricing?.input),
      formatPrice(model.pricing?.output),
      describeCapabilities(model),
      listServingProviders(catalog, model, configured)
        .map((serving) => `${serving.id}${serving.configured ? "*" : ""}`)
        .join(" "),
    ]);
    const table = formatTable(
      [
        { header: "MODEL" },
        { header: "TIER" },
        { header: "CONTEXT", align: "right" },
        { header: "MAX OUT", align: "right" },
        { header: "IN $/M", align: "right" },
        { header: "OUT $/M", align: "right" },
        { header: "CAPABILITIES" },
        { header: "PROVIDERS (* configured)" },
      ],
      rows,
    );
    const none = configured.size === 0 ? "\nNo provider is configured here: set an API key variable (llmux gateway start lists them)." : "";
    context.stdout.write(`${table}\n\n${models.length} model${models.length === 1 ? "" : "s"}; prices are the home provider's, USD per million tokens.${none}\n`);
    return 0;
  },
};
