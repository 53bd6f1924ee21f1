/**
 * @module
 * `llmux chat`: one prompt through the router. The answer goes to stdout (streamed with
 * `--stream`), the route summary to stderr, so `llmux chat ... > answer.txt` keeps only the answer.
 */
import type { RouteOptions } from "../../routing/router.ts";
import type { Command } from "../command.ts";
import { createCliRouter } from "../create-cli-router.ts";
import { reportNoProviders } from "../no-providers.ts";
import { parseInteger, parseOptions } from "../parse-options.ts";
import { readPrompt } from "../read-prompt.ts";
import { resolvePath } from "../resolve-path.ts";
import { printRoutedAnswer } from "../print-routed-answer.ts";
import { readRouteTarget } from "../route-target.ts";

const help = `Usage: llmux chat (--model M | --tier T) [options] PROMPT
       echo PROMPT | llmux chat --model M

Sends PROMPT through the router (health-aware, with fallback) and prints the answer.
A one-line route summary (model, provider, fallback reason, tokens, cost, latency)
goes to stderr.

  -m, --model M        A model (gpt-4.1, claude-sonnet-4-6, ...; see llmux models)
  -t, --tier T         A tier: fast, balanced, strong, reasoning, auto, or one from --config
  -s, --stream         Print the answer as it arrives
  --system S           A system prompt
  --max-tokens N       Limit the answer's length
  -c, --config FILE    Use a gateway config's providers, tiers and fallbacks
`;

export const command: Command = {
  help,
  async run(context) {
    const { values, positionals } = parseOptions(context.argv, {
      model: { type: "string", short: "m" },
      tier: { type: "string", short: "t" },
      stream: { type: "boolean", short: "s" },
      system: { type: "string" },
      "max-tokens": { type: "string" },
      config: { type: "string", short: "c" },
    });
    const target = readRouteTarget(values);
    const maxTokens = parseInteger(values["max-tokens"], "max-tokens", 1);
    const prompt = await readPrompt(positionals, context);
    const cli = createCliRouter({ env: context.env, ...(values.config !== undefined ? { configPath: resolvePath(context.cwd, values.config) } : {}) });
    try {
      if (reportNoProviders(cli.router, context.stderr)) return 1;
      const routeOptions: RouteOptions = {
        ...target,
        ...(values.system !== undefined ? { system: values.system } : {}),
        ...(maxTokens !== undefined ? { maxTokens } : {}),
      };
      return await printRoutedAnswer({ router: cli.router, input: prompt, routeOptions, stream: values.stream ?? false, context });
    } finally {
      await cli.close();
    }
  },
};
