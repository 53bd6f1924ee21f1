/**
 * @module
 * Hand checks for wire input (fast, and every failure names its field): each reader throws
 * InvalidRequestError with `param` set to the dotted path of the offending field.
 */
import { InvalidRequestError } from "../../core/errors.ts";
import { isRecord } from "../internal/json.ts";

function describe(value: unknown): string {
  if (value === null) return "null";
  return Array.isArray(value) ? "an array" : typeof value;
}

function fail(param: string, expected: string, value: unknown): never {
  throw new InvalidRequestError(`Invalid Ollama request: \`${param}\` must be ${expected}, got ${describe(value)}.`, { param });
}

export function checkRecord(value: unknown, param: string): Record<string, unknown> {
  if (!isRecord(value)) fail(param, "an object", value);
  return value;
}

export function checkArray(value: unknown, param: string): unknown[] {
  if (!Array.isArray(value)) fail(param, "an array", value);
  return value;
}

export function checkString(value: unknown, param: string): string {
  if (typeof value !== "string") fail(param, "a string", value);
  return value;
}

export function checkNumber(value: unknown, param: string): number {
  if (typeof value !== "number" || !Number.isFinite(value)) fail(param, "a number", value);
  return value;
}

export function checkBoolean(value: unknown, param: string): boolean {
  if (typeof value !== "boolean") fail(param, "a boolean", value);
  return value;
}

export function checkStringArray(value: unknown, param: string): string[] {
  const array = checkArray(value, param);
  array.forEach((item, index) => checkString(item, `${param}[${index}]`));
  return array as string[];
}

/** Absent and `null` are both "not given" on Ollama's wire (its Go types drop nulls). */
export function isAbsent(value: unknown): value is null | undefined {
  return value === undefined || value === null;
}
