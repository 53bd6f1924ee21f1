/**
 * @module
 * Turns a zod issue into the config's own voice: `expected string, got number`,
 * `unknown key "fallback" (did you mean "fallbacks"?)`. Messages describe the type of what was
 * found, never the value itself, which may be a secret from the environment.
 */
import type { z } from "zod";
import type { PathIssue } from "./config-issue.ts";
import { formatField, type FieldPath } from "./format-field.ts";
import { suggestName } from "./suggest-name.ts";

export interface IssueContext {
  /** The parsed (interpolated) value at a path, undefined when absent. */
  valueAt(path: FieldPath): unknown;
  /** Known keys of the object at a path, for suggestions. */
  knownKeysAt(path: FieldPath): string[];
  /** Fields whose value came from the environment: never quoted, not even in a suggestion. */
  interpolatedFields: ReadonlySet<string>;
}

const expectedNames: Record<string, string> = {
  object: "a mapping",
  record: "a mapping",
  array: "a list",
  int: "a whole number",
};

/** Messages this module wrote on the schema itself start like this; zod's own do not. */
const ownVoice = /^expected /;

function describeFound(value: unknown): string {
  if (value === null) return "null (an empty value)";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "number" && !Number.isInteger(value)) return "a fraction";
  // Numbers may arrive as text (`${VAR}`, quoted); describe what they were read as.
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return describeFound(Number(value));
  return typeof value;
}

function toFieldPath(path: readonly PropertyKey[]): FieldPath {
  return path.map((segment) => (typeof segment === "number" ? segment : String(segment)));
}

function quoteOptions(values: readonly unknown[]): string {
  return values.map((value) => JSON.stringify(value)).join(", ");
}

function describeBound(issue: { origin: string; inclusive?: boolean; exact?: boolean }, bound: number | bigint, side: "min" | "max"): string {
  const count = Number(bound);
  if (issue.origin === "string") return side === "min" && count === 1 ? "must not be empty" : `must have ${side === "min" ? "at least" : "at most"} ${count} characters`;
  if (issue.origin === "array") return side === "min" && count === 1 ? "needs at least one item" : `needs ${side === "min" ? "at least" : "at most"} ${count} items`;
  if (side === "min") return issue.inclusive === false ? `must be greater than ${count}` : `must be at least ${count}`;
  return issue.inclusive === false ? `must be less than ${count}` : `must be at most ${count}`;
}

function suggestValue(path: FieldPath, options: readonly unknown[], context: IssueContext): string {
  if (context.interpolatedFields.has(formatField(path))) return "";
  const value = context.valueAt(path);
  if (typeof value !== "string") return "";
  const suggestion = suggestName(value, options.filter((option): option is string => typeof option === "string"));
  return suggestion === undefined ? "" : ` (did you mean ${JSON.stringify(suggestion)}?)`;
}

/** One zod issue becomes one or more path issues (an unknown-keys issue names each key). */
export function describeSchemaIssue(issue: z.core.$ZodIssue, context: IssueContext): PathIssue[] {
  const path = toFieldPath(issue.path);
  switch (issue.code) {
    case "invalid_type": {
      if (ownVoice.test(issue.message)) return [{ path, message: issue.message }];
      const expected = expectedNames[issue.expected] ?? issue.expected;
      const value = context.valueAt(path);
      if (value === undefined) return [{ path, message: `required (${expected})` }];
      return [{ path, message: `expected ${expected}, got ${describeFound(value)}` }];
    }
    case "unrecognized_keys":
      return issue.keys.map((key) => {
        const suggestion = suggestName(key, context.knownKeysAt(path));
        return {
          path: [...path, key],
          message: `unknown key${suggestion === undefined ? "" : ` (did you mean ${JSON.stringify(suggestion)}?)`}`,
        };
      });
    case "invalid_value":
      return [{ path, message: `expected one of ${quoteOptions(issue.values)}${suggestValue(path, issue.values, context)}` }];
    case "invalid_union": {
      if (issue.discriminator !== undefined && "options" in issue && issue.options !== undefined) {
        return [{ path, message: `expected one of ${quoteOptions(issue.options)}${suggestValue(path, issue.options, context)}` }];
      }
      return [{ path, message: "does not match any allowed form" }];
    }
    case "too_small":
      return [{ path, message: describeBound(issue, issue.minimum, "min") }];
    case "too_big":
      return [{ path, message: describeBound(issue, issue.maximum, "max") }];
    case "invalid_format":
      if (ownVoice.test(issue.message)) return [{ path, message: issue.message }];
      return [{ path, message: issue.format === "url" ? "expected a URL" : `expected a value in ${issue.format} format` }];
    case "invalid_key":
      return [{ path, message: "invalid key" }];
    default:
      return [{ path, message: issue.message }];
  }
}
