/**
 * Tool-call arguments travel as JSON text in canonical form (OpenAI's shape); Anthropic,
 * Gemini and Ollama want objects. Parse defensively: a model can emit invalid JSON.
 */
import { isRecord, tryParseJson } from "./json.ts";

export interface ParsedArguments {
  value: Record<string, unknown>;
  /** False when the text was not a JSON object; `value` is then `{}` (or wraps a non-object). */
  ok: boolean;
}

export function parseToolArguments(text: string): ParsedArguments {
  if (text.trim() === "") return { value: {}, ok: true };
  const parsed = tryParseJson(text);
  if (!parsed.ok) return { value: {}, ok: false };
  if (isRecord(parsed.value)) return { value: parsed.value, ok: true };
  return { value: { value: parsed.value }, ok: false };
}

export function stringifyToolArguments(value: unknown): string {
  return JSON.stringify(value ?? {});
}
