/**
 * @module
 * Small predicates shared by the request validators. Each validator returns a list of
 * problems (human-readable, each naming the offending field); empty means the vendor
 * would accept the request.
 */
export { isRecord } from "../dialects/internal/json.ts";

export function isNonEmptyString(value: unknown): value is string {
  return typeof value === "string" && value !== "";
}

export function isInteger(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value);
}

/** Pushes a problem when `value` is present and not a number within [min, max]. */
export function checkRange(problems: string[], value: unknown, path: string, min: number, max: number): void {
  if (value === undefined || value === null) return;
  if (typeof value !== "number" || Number.isNaN(value) || value < min || value > max) {
    problems.push(`${path} must be a number between ${min} and ${max}, got ${JSON.stringify(value)}`);
  }
}

/** Pushes a problem when `value` is present and not an integer of at least `min`. */
export function checkMinInteger(problems: string[], value: unknown, path: string, min: number): void {
  if (value === undefined || value === null) return;
  if (!isInteger(value) || value < min) problems.push(`${path} must be an integer >= ${min}, got ${JSON.stringify(value)}`);
}

/** True for a base64 payload without a `data:` prefix (what Anthropic, Gemini and Ollama take). */
export function isBareBase64(value: unknown): boolean {
  return typeof value === "string" && value !== "" && /^[A-Za-z0-9+/_-]+={0,2}$/.test(value);
}

/** Tool names OpenAI and Anthropic accept (protocols.md 6.2). */
export const toolNamePattern = /^[a-zA-Z0-9_-]{1,64}$/;
