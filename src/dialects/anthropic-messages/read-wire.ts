/**
 * @module
 * Field readers for validating untrusted wire bodies by hand (cheaper than a schema on the
 * hot path). Each throws InvalidRequestError naming the offending field's path.
 */
import { InvalidRequestError } from "../../core/errors.ts";
import { isRecord } from "../internal/json.ts";

function fail(param: string, expected: string): never {
  throw new InvalidRequestError(`${param === "" ? "The body" : param} must be ${expected}.`, { param });
}

export function joinPath(parent: string, key: string | number): string {
  if (typeof key === "number") return `${parent}[${key}]`;
  return parent === "" ? key : `${parent}.${key}`;
}

export function readRecord(value: unknown, param: string): Record<string, unknown> {
  if (!isRecord(value)) fail(param, "an object");
  return value;
}

export function readArray(value: unknown, param: string): unknown[] {
  if (!Array.isArray(value)) fail(param, "an array");
  return value;
}

export function readString(record: Record<string, unknown>, key: string, parent: string): string {
  const value = record[key];
  if (typeof value !== "string") fail(joinPath(parent, key), "a string");
  return value;
}

/** Absent and null both read as undefined: the SDK types allow null for optional fields. */
export function readOptionalString(record: Record<string, unknown>, key: string, parent: string): string | undefined {
  const value = record[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") fail(joinPath(parent, key), "a string");
  return value;
}

export function readOptionalNumber(record: Record<string, unknown>, key: string, parent: string): number | undefined {
  const value = record[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value)) fail(joinPath(parent, key), "a number");
  return value;
}

export function readOptionalBoolean(record: Record<string, unknown>, key: string, parent: string): boolean | undefined {
  const value = record[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean") fail(joinPath(parent, key), "a boolean");
  return value;
}

export function readOptionalRecord(
  record: Record<string, unknown>,
  key: string,
  parent: string,
): Record<string, unknown> | undefined {
  const value = record[key];
  if (value === undefined || value === null) return undefined;
  return readRecord(value, joinPath(parent, key));
}

export function readOptionalStringArray(record: Record<string, unknown>, key: string, parent: string): string[] | undefined {
  const value = record[key];
  if (value === undefined || value === null) return undefined;
  const path = joinPath(parent, key);
  return readArray(value, path).map((item, index) => {
    if (typeof item !== "string") fail(joinPath(path, index), "a string");
    return item;
  });
}

/** A number field of an upstream body that may be absent or null: undefined then. */
export function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}
