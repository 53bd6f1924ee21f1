/**
 * @module
 * Request headers as node:http gives them (lower-case names, repeated headers as arrays),
 * and the credential each vendor reads from them.
 */
import type { DialectId } from "../core/types/message.ts";

export type RequestHeaders = Record<string, string | string[] | undefined>;

/** A header's value by case-insensitive name; the first one when repeated. */
export function readHeader(headers: RequestHeaders, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== lower) continue;
    return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

/** The token of `Authorization: Bearer <token>`, when present and non-empty. */
export function readBearerToken(headers: RequestHeaders): string | undefined {
  const value = readHeader(headers, "authorization");
  const match = value === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(value);
  return match?.[1];
}

/** The API key the way each vendor takes it (protocols.md 6.9). */
export function readApiKey(dialect: DialectId, headers: RequestHeaders, query: Record<string, string>): string | undefined {
  switch (dialect) {
    case "anthropic-messages":
      return readHeader(headers, "x-api-key") ?? readBearerToken(headers);
    case "gemini":
      return readHeader(headers, "x-goog-api-key") ?? query["key"] ?? readBearerToken(headers);
    default:
      return readBearerToken(headers);
  }
}
