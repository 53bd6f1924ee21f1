/**
 * @module
 * `node:util` `parseArgs` with the CLI's conventions: strict options, positionals allowed,
 * and a malformed command line reported as a UsageError (exit 2) instead of a TypeError.
 */
import { parseArgs, type ParseArgsOptionsConfig } from "node:util";
import { UsageError } from "./usage-error.ts";

export function parseOptions<const T extends ParseArgsOptionsConfig>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    // parseArgs throws TypeErrors with ERR_PARSE_ARGS_* codes for unknown or malformed options.
    const code = (error as { code?: unknown }).code;
    if (typeof code === "string" && code.startsWith("ERR_PARSE_ARGS")) throw new UsageError((error as Error).message);
    throw error;
  }
}

/** A whole number option (`--port 0`, `--max-tokens 200`); a UsageError names the option otherwise. */
export function parseInteger(value: string | undefined, option: string, minimum = 0): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (value.trim() === "" || !Number.isInteger(number) || number < minimum) {
    throw new UsageError(`--${option} must be a whole number${minimum > 0 ? ` of at least ${minimum}` : ""}, not "${value}".`);
  }
  return number;
}
