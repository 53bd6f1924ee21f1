/** Parses JSON without throwing; `ok: false` carries the parse error. */
export type JsonParse = { ok: true; value: unknown } | { ok: false; error: Error };

export function tryParseJson(text: string): JsonParse {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, error: error as Error };
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
