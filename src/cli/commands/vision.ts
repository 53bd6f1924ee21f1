/**
 * @module
 * `llmux vision --model M IMAGE_PATH PROMPT`: an image file sent inline (base64) with a
 * question. Candidates without vision are skipped by the planner, never called.
 */
import { readFileSync } from "node:fs";
import { InvalidRequestError } from "../../core/errors.ts";
import type { Message } from "../../core/types/message.ts";
import { sniffImageType } from "../../dialects/ollama/sniff-image-type.ts";
import type { Command } from "../command.ts";
import { createCliRouter } from "../create-cli-router.ts";
import { reportNoProviders } from "../no-providers.ts";
import { parseInteger, parseOptions } from "../parse-options.ts";
import { printRoutedAnswer } from "../print-routed-answer.ts";
import { resolvePath } from "../resolve-path.ts";
import { readRouteTarget } from "../route-target.ts";
import { UsageError } from "../usage-error.ts";

const help = `Usage: llmux vision (--model M | --tier T) [options] IMAGE_PATH PROMPT

Asks about an image file (PNG, JPEG, GIF or WebP), sent inline as base64.
The route summary goes to stderr, as for llmux chat.

  -m, --model M        A model with vision (see: llmux models --json | capabilities)
  -t, --tier T         A tier instead of a model
  -s, --stream         Print the answer as it arrives
  --max-tokens N       Limit the answer's length
  -c, --config FILE    Use a gateway config's providers, tiers and fallbacks
`;

function readImage(path: string, shown: string): string {
  try {
    return readFileSync(path).toString("base64");
  } catch (error) {
    throw new InvalidRequestError(`Cannot read ${shown}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`, { cause: error });
  }
}

export const command: Command = {
  help,
  async run(context) {
    const { values, positionals } = parseOptions(context.argv, {
      model: { type: "string", short: "m" },
      tier: { type: "string", short: "t" },
      stream: { type: "boolean", short: "s" },
      "max-tokens": { type: "string" },
      config: { type: "string", short: "c" },
    });
    const target = readRouteTarget(values);
    const maxTokens = parseInteger(values["max-tokens"], "max-tokens", 1);
    const [imagePath, ...words] = positionals;
    const prompt = words.join(" ").trim();
    if (imagePath === undefined || prompt === "") throw new UsageError("Give an image file and a prompt: llmux vision --model M IMAGE_PATH PROMPT.");
    const data = readImage(resolvePath(context.cwd, imagePath), imagePath);
    const mediaType = sniffImageType(data);
    if (!mediaType.startsWith("image/")) throw new UsageError(`${imagePath} is not a PNG, JPEG, GIF or WebP image.`);
    const input: Message[] = [
      {
        role: "user",
        content: [
          { type: "image", source: { kind: "base64", mediaType, data } },
          { type: "text", text: prompt },
        ],
      },
    ];
    const cli = createCliRouter({ env: context.env, ...(values.config !== undefined ? { configPath: resolvePath(context.cwd, values.config) } : {}) });
    try {
      if (reportNoProviders(cli.router, context.stderr)) return 1;
      const routeOptions = { ...target, ...(maxTokens !== undefined ? { maxTokens } : {}) };
      return await printRoutedAnswer({ router: cli.router, input, routeOptions, stream: values.stream ?? false, context });
    } finally {
      await cli.close();
    }
  },
};
