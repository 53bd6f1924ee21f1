/**
 * @module
 * Small value schemas shared by the config sections. Messages here never quote the value:
 * it may have come from an environment variable holding a secret.
 */
import { z } from "zod";
import type { DialectId } from "../core/types/message.ts";

/** Every failure kind: core's own list. */
export { failureKinds } from "../core/errors.ts";

/** Every dialect a custom provider may speak; the check below breaks the build when core adds one. */
export const dialectIds = ["openai-chat", "anthropic-messages", "gemini", "ollama"] as const satisfies readonly DialectId[];

type IsComplete<Listed, All> = [Exclude<All, Listed>] extends [never] ? true : false;
const dialectIdsComplete: IsComplete<(typeof dialectIds)[number], DialectId> = true;
void dialectIdsComplete;

const numericText = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * An interpolated `${PORT}` is always text; numbers and booleans accept their plain text form
 * so `port: ${PORT}` works. Anything else is left for the inner schema to reject.
 */
function readNumericText(value: unknown): unknown {
  return typeof value === "string" && numericText.test(value.trim()) ? Number(value.trim()) : value;
}

function readBooleanText(value: unknown): unknown {
  if (value === "true") return true;
  if (value === "false") return false;
  return value;
}

export const booleanSchema = z.preprocess(readBooleanText, z.boolean());

/** A whole number of milliseconds (0 allowed: "no wait"). */
export const durationMsSchema = z.preprocess(readNumericText, z.number().int().nonnegative());

/** A whole number of milliseconds that must be positive: a timeout of 0 would fail everything. */
export const timeoutMsSchema = z.preprocess(readNumericText, z.number().int().positive());

export const portSchema = z.preprocess(readNumericText, z.number().int().min(0).max(65_535));

export const countSchema = z.preprocess(readNumericText, z.number().int().nonnegative());

export const weightSchema = z.preprocess(readNumericText, z.number().finite().nonnegative());

export const priceSchema = z.preprocess(readNumericText, z.number().finite().nonnegative());

export const tokenCountSchema = z.preprocess(readNumericText, z.number().int().positive());

const sizeUnits: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };
const sizeText = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)$/i;

/** Bytes, as a number or as `512kb` / `10mb` (binary units). */
export const byteSizeSchema = z.preprocess((value) => {
  if (typeof value !== "string") return value;
  const match = sizeText.exec(value.trim());
  if (match?.[1] === undefined || match[2] === undefined) return readNumericText(value);
  return Math.floor(Number(match[1]) * (sizeUnits[match[2].toLowerCase()] ?? 1));
}, z.number({ error: "expected a size in bytes, such as 1048576 or \"10mb\"" }).int().positive());

export const nameSchema = z.string().trim().min(1);

/** HTTP header values are text; `X-Retries: 3` in YAML reads as a number, so numbers and booleans become text. */
export const headerValueSchema = z.preprocess(
  (value) => (typeof value === "number" || typeof value === "boolean" ? String(value) : value),
  z.string(),
);

export const httpUrlSchema = z.url({ protocol: /^https?$/, error: "expected an http(s) URL" });

/** A stored gateway key: only its SHA-256, never the key itself. */
export const keyHashSchema = z
  .string()
  .regex(/^sha256:[0-9a-f]{64}$/, "expected \"sha256:<64 hex digits>\" (store the hash, never the key: see hashKey)");

/**
 * An object section that may also be written as an empty YAML key (`server:` with every field
 * commented out), which YAML reads as null.
 */
export function withEmptyAsDefault<T extends z.ZodType>(schema: T): z.ZodPreprocess<T> {
  return z.preprocess((value) => (value === null ? {} : value), schema);
}
