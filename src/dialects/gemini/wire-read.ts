/**
 * @module
 * Hand-written checks for reading Gemini wire objects: fast, and every failure is an
 * InvalidRequestError whose `param` names the field (`contents[2].parts[0].text`).
 * The API accepts snake_case names on input as well as camelCase; `camelizeKeys` renames
 * them, so the encoder sends camelCase (the proto3 JSON form) whatever the client wrote.
 */
import { InvalidRequestError } from "../../core/errors.ts";
import { isRecord } from "../internal/json.ts";

export function expectRecord(value: unknown, param: string): Record<string, unknown> {
  if (!isRecord(value)) throw new InvalidRequestError(`${param} must be an object`, { param });
  return value;
}

/**
 * A repeated field. Google's JSON parser also takes a single object for a repeated field
 * (its own docs send `"parts": {"text": "..."}`), so one object counts as a list of one.
 */
export function expectList(value: unknown, param: string): unknown[] {
  if (Array.isArray(value)) return value;
  if (isRecord(value)) return [value];
  throw new InvalidRequestError(`${param} must be an array`, { param });
}

export function optionalString(record: Record<string, unknown>, key: string, param: string): string | undefined {
  const value = record[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw new InvalidRequestError(`${param}.${key} must be a string`, { param: `${param}.${key}` });
  return value;
}

export function requireString(record: Record<string, unknown>, key: string, param: string): string {
  const value = optionalString(record, key, param);
  if (value === undefined) throw new InvalidRequestError(`${param}.${key} is required`, { param: `${param}.${key}` });
  return value;
}

export function optionalNumber(record: Record<string, unknown>, key: string, param: string): number | undefined {
  const value = record[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new InvalidRequestError(`${param}.${key} must be a number`, { param: `${param}.${key}` });
  }
  return value;
}

export function optionalBoolean(record: Record<string, unknown>, key: string, param: string): boolean | undefined {
  const value = record[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean") throw new InvalidRequestError(`${param}.${key} must be a boolean`, { param: `${param}.${key}` });
  return value;
}

export function optionalRecord(record: Record<string, unknown>, key: string, param: string): Record<string, unknown> | undefined {
  const value = record[key];
  if (value === undefined || value === null) return undefined;
  return expectRecord(value, `${param}.${key}`);
}

export function optionalStringList(record: Record<string, unknown>, key: string, param: string): string[] | undefined {
  const value = record[key];
  if (value === undefined || value === null) return undefined;
  const list = typeof value === "string" ? [value] : value;
  if (!Array.isArray(list) || list.some((item) => typeof item !== "string")) {
    throw new InvalidRequestError(`${param}.${key} must be an array of strings`, { param: `${param}.${key}` });
  }
  return list as string[];
}

function snakeToCamel(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

/**
 * Renames snake_case keys to camelCase (camelCase wins if both are sent). Only for objects
 * whose keys are all wire field names, never for user data (args, schemas, labels).
 */
export function camelizeKeys(record: Record<string, unknown>): Record<string, unknown> {
  let renamed: Record<string, unknown> | undefined;
  for (const key of Object.keys(record)) {
    if (!key.includes("_")) continue;
    const camel = snakeToCamel(key);
    if (camel === key || camel in record) continue;
    renamed ??= { ...record };
    renamed[camel] = renamed[key];
    delete renamed[key];
  }
  return renamed ?? record;
}
