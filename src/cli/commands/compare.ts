/**
 * @module
 * `llmux compare --models a,b,c PROMPT`: the same prompt to several models at once, one row
 * each. Each model may move to another provider serving the same model, never to a different
 * model: a comparison of substitutes would compare nothing.
 */
import { AllProvidersDown } from "../../routing/errors.ts";
import type { RouteResponse } from "../../routing/route-response.ts";
import type { Command } from "../command.ts";
import { createCliRouter } from "../create-cli-router.ts";
import { formatTable } from "../format-table.ts";
import { formatCount, formatFirstLine, formatUsd } from "../format-values.ts";
import { reportNoProviders } from "../no-providers.ts";
import { parseInteger, parseOptions } from "../parse-options.ts";
import { readPrompt } from "../read-prompt.ts";
import { resolvePath } from "../resolve-path.ts";
import { splitList } from "../split-list.ts";
import { UsageError } from "../usage-error.ts";

const help = `Usage: llmux compare --models A,B,C [options] PROMPT

Sends PROMPT to every model in parallel and prints one row per model: provider,
latency, tokens, cost and the first line of its answer. A model may be served by
another provider of the same model, never replaced by a different model.

  --models A,B,C       Models to compare (see llmux models)
  --system S           A system prompt
  --max-tokens N       Limit each answer's length
  --json               Print the results as JSON (full answers included)
  -c, --config FILE    Use a gateway config's providers
`;

interface CompareResult {
  model: string;
  response?: RouteResponse;
  error?: string;
}

/** The part of a routing failure that fits in a table cell: what happened to the last try. */
function describeFailure(error: unknown): string {
  if (error instanceof AllProvidersDown) {
    const last = error.attempts.at(-1);
    if (last) return `${last.provider}: ${[last.status, last.kind].filter((part) => part !== undefined).join(" ")} (${last.message})`;
    const skipped = error.skipped[0];
    if (skipped) return `${skipped.provider}: ${skipped.reason}`;
  }
  return error instanceof Error ? error.message : String(error);
}

function describeResult(result: CompareResult): Record<string, unknown> {
  const { response } = result;
  if (!response) return { model: result.model, error: result.error };
  return {
    model: result.model,
    modelUsed: response.modelUsed,
    provider: response.providerUsed,
    fallbackReason: response.fallbackReason ?? null,
    latencyMs: response.latencyMs,
    inputTokens: response.inputTokens ?? null,
    outputTokens: response.outputTokens ?? null,
    costUsd: response.costUsd ?? null,
    answer: response.content,
  };
}

function formatResultRow(result: CompareResult): string[] {
  const { response } = result;
  if (!response) return [result.model, "-", "-", "-", "-", "-", `error: ${formatFirstLine(result.error ?? "failed", 70)}`];
  return [
    result.model,
    response.providerUsed,
    String(response.latencyMs),
    formatCount(response.inputTokens),
    formatCount(response.outputTokens),
    formatUsd(response.costUsd),
    formatFirstLine(response.content),
  ];
}

export const command: Command = {
  help,
  async run(context) {
    const { values, positionals } = parseOptions(context.argv, {
      models: { type: "string" },
      system: { type: "string" },
      "max-tokens": { type: "string" },
      json: { type: "boolean" },
      config: { type: "string", short: "c" },
    });
    const models = splitList(values.models);
    if (models.length === 0) throw new UsageError("Say which models to compare: --models a,b,c.");
    const maxTokens = parseInteger(values["max-tokens"], "max-tokens", 1);
    const prompt = await readPrompt(positionals, context);
    const cli = createCliRouter({ env: context.env, ...(values.config !== undefined ? { configPath: resolvePath(context.cwd, values.config) } : {}) });
    try {
      if (reportNoProviders(cli.router, context.stderr)) return 1;
      const results = await Promise.all(
        models.map(async (model): Promise<CompareResult> => {
          try {
            const response = await cli.router.route(prompt, {
              models: [model],
              ...(values.system !== undefined ? { system: values.system } : {}),
              ...(maxTokens !== undefined ? { maxTokens } : {}),
            });
            return { model, response };
          } catch (error) {
            return { model, error: describeFailure(error) };
          }
        }),
      );
      if (values.json) {
        context.stdout.write(`${JSON.stringify(results.map(describeResult), null, 2)}\n`);
      } else {
        const table = formatTable(
          [
            { header: "MODEL" },
            { header: "PROVIDER" },
            { header: "LATENCY MS", align: "right" },
            { header: "IN", align: "right" },
            { header: "OUT", align: "right" },
            { header: "COST", align: "right" },
            { header: "ANSWER (first line)" },
          ],
          results.map(formatResultRow),
        );
        context.stdout.write(`${table}\n`);
      }
      // Exit 1 only when nothing answered: one failed model is a finding, not a failed command.
      return results.some((result) => result.response !== undefined) ? 0 : 1;
    } finally {
      await cli.close();
    }
  },
};
