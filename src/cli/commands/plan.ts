/**
 * @module
 * `llmux plan`: what a request would try, in order, and every candidate left out with its
 * reason (not configured, lacks vision, cooling down, ...). With `--tier auto`, the
 * complexity verdict that chose the tier. No model is called.
 */
import type { Plan } from "../../routing/plan.ts";
import type { Command } from "../command.ts";
import { createCliRouter } from "../create-cli-router.ts";
import { formatTable } from "../format-table.ts";
import { formatUsd } from "../format-values.ts";
import { reportNoProviders } from "../no-providers.ts";
import { parseOptions } from "../parse-options.ts";
import { readPrompt } from "../read-prompt.ts";
import { resolvePath } from "../resolve-path.ts";
import { readRouteTarget, type RouteTarget } from "../route-target.ts";

const help = `Usage: llmux plan (--model M | --tier T) [options] PROMPT

Shows the ordered candidates (provider, model) a request would try and why every
other candidate is skipped. With --tier auto, also how the request was judged
(simple or complex) and the tier that chose. Nothing is sent to any model.

  -m, --model M        A model
  -t, --tier T         A tier: fast, balanced, strong, reasoning, auto, or one from --config
  --system S           A system prompt (counts toward the context estimate)
  --json               Print the plan as JSON
  -c, --config FILE    Use a gateway config's providers, tiers and fallbacks
`;

/** The plan without provider internals (keys stay out of any output). */
function describePlan(plan: Plan): Record<string, unknown> {
  return {
    strategy: plan.strategy,
    estimatedInputTokens: plan.estimatedInputTokens,
    candidates: plan.candidates.map((candidate) => ({
      provider: candidate.provider.id,
      model: candidate.model,
      upstreamModel: candidate.upstreamModel,
      origin: candidate.origin,
      reason: candidate.reason,
      group: candidate.group,
      estimatedCostUsd: candidate.estimatedCostUsd ?? null,
    })),
    skipped: plan.skipped,
    deferred: plan.deferred.map((deferred) => ({
      provider: deferred.candidate.provider.id,
      model: deferred.candidate.model,
      availableAt: new Date(deferred.availableAt).toISOString(),
      reason: deferred.reason,
    })),
    ...(plan.complexity ? { complexity: plan.complexity } : {}),
  };
}

function formatPlan(plan: Plan, target: RouteTarget): string {
  const what = "model" in target ? `model ${target.model}` : `tier ${target.tier}`;
  const lines = [`Plan for ${what} (strategy ${plan.strategy}, ~${plan.estimatedInputTokens} input tokens)`, ""];
  if (plan.complexity) {
    const { level, score, reasons, tier } = plan.complexity;
    lines.push(`Complexity: ${level} (score ${score}) -> tier ${tier}: ${reasons.join(", ")}`, "");
  }
  if (plan.candidates.length === 0) {
    lines.push("No candidate can serve this request.");
  } else {
    lines.push(
      "Candidates, tried in this order:",
      formatTable(
        [{ header: "#", align: "right" }, { header: "PROVIDER" }, { header: "MODEL" }, { header: "SENT AS" }, { header: "WHY" }, { header: "EST. COST", align: "right" }],
        plan.candidates.map((candidate, index) => [
          String(index + 1),
          candidate.provider.id,
          candidate.model,
          candidate.upstreamModel,
          candidate.reason,
          formatUsd(candidate.estimatedCostUsd),
        ]),
      ),
    );
  }
  if (plan.skipped.length > 0) {
    lines.push("", "Skipped:", ...plan.skipped.map((skip) => `  ${skip.provider}/${skip.model}: ${skip.reason}`));
  }
  if (plan.deferred.length > 0) {
    lines.push("", "Tried as a last resort once their cooldown ends:", ...plan.deferred.map((deferred) => `  ${deferred.candidate.provider.id}/${deferred.candidate.model}: ${deferred.reason}`));
  }
  return `${lines.join("\n")}\n`;
}

export const command: Command = {
  help,
  async run(context) {
    const { values, positionals } = parseOptions(context.argv, {
      model: { type: "string", short: "m" },
      tier: { type: "string", short: "t" },
      system: { type: "string" },
      json: { type: "boolean" },
      config: { type: "string", short: "c" },
    });
    const target = readRouteTarget(values);
    const prompt = await readPrompt(positionals, context);
    const cli = createCliRouter({ env: context.env, ...(values.config !== undefined ? { configPath: resolvePath(context.cwd, values.config) } : {}) });
    try {
      if (reportNoProviders(cli.router, context.stderr)) return 1;
      const plan = await cli.router.plan(prompt, { ...target, ...(values.system !== undefined ? { system: values.system } : {}) });
      context.stdout.write(values.json ? `${JSON.stringify(describePlan(plan), null, 2)}\n` : formatPlan(plan, target));
      return 0;
    } finally {
      await cli.close();
    }
  },
};
