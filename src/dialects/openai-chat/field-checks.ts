/**
 * @module
 * Validation of request fields: each check throws `InvalidRequestError` naming the field,
 * so a malformed request gets a 400 that says what to fix. `null` counts as absent here;
 * callers keep such values verbatim so a round trip restores them.
 */
import { InvalidRequestError } from "../../core/errors.ts";
import { isRecord } from "../internal/json.ts";

export function failField(message: string, param: string): never {
  throw new InvalidRequestError(message, { param });
}

export function expectRecord(value: unknown, param: string): Record<string, unknown> {
  if (!isRecord(value)) failField(`\`${param}\` must be an object.`, param);
  return value;
}

export function expectArray(value: unknown, param: string): unknown[] {
  if (!Array.isArray(value)) failField(`\`${param}\` must be an array.`, param);
  return value;
}

export function expectString(value: unknown, param: string): string {
  if (typeof value !== "string") failField(`\`${param}\` must be a string.`, param);
  return value;
}

export function optionalString(value: unknown, param: string): string | undefined {
  return value === undefined || value === null ? undefined : expectString(value, param);
}

export function optionalNumber(value: unknown, param: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value)) failField(`\`${param}\` must be a number.`, param);
  return value;
}

export function optionalInteger(value: unknown, param: string): number | undefined {
  const number = optionalNumber(value, param);
  if (number !== undefined && !Number.isInteger(number)) failField(`\`${param}\` must be an integer.`, param);
  return number;
}

export function optionalBoolean(value: unknown, param: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean") failField(`\`${param}\` must be a boolean.`, param);
  return value;
}
