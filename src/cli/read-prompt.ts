/**
 * @module
 * The prompt of `chat`, `plan` and `compare`: the positional words, or stdin when none are
 * given (or the single word `-`), so `git diff | llmux chat --model m` works.
 */
import type { CommandContext } from "./command.ts";
import { UsageError } from "./usage-error.ts";

export async function readPrompt(positionals: readonly string[], context: Pick<CommandContext, "stdin">): Promise<string> {
  const fromArgs = positionals.length === 1 && positionals[0] === "-" ? undefined : positionals.join(" ");
  let prompt = fromArgs ?? "";
  if ((fromArgs === undefined || fromArgs === "") && context.stdin) {
    const decoder = new TextDecoder();
    let text = "";
    for await (const chunk of context.stdin) text += typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
    prompt = text + decoder.decode();
  }
  if (prompt.trim() === "") throw new UsageError("No prompt: give it as an argument or pipe it on stdin.");
  return prompt.trim();
}
