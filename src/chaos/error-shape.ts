/**
 * @module
 * Is this a well-formed error in the dialect's own shape (protocols.md 1.2, 2.4, 3.4, 4)?
 * What a client's SDK needs to raise a proper API error rather than a parse failure.
 * Used for error bodies and for in-stream error frames alike.
 */
import type { DialectId } from "../core/types/message.ts";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function nonEmptyString(value: unknown): boolean {
  return typeof value === "string" && value !== "";
}

/** True when `body` (parsed JSON) is an error of `dialect` with a message. */
export function isDialectError(dialect: DialectId, body: unknown): boolean {
  if (!isRecord(body)) return false;
  const error = body["error"];
  switch (dialect) {
    case "openai-chat":
      // {"error":{"message","type","param","code"}}
      return isRecord(error) && nonEmptyString(error["message"]) && typeof error["type"] === "string";
    case "anthropic-messages":
      // {"type":"error","error":{"type","message"}}
      return body["type"] === "error" && isRecord(error) && nonEmptyString(error["type"]) && nonEmptyString(error["message"]);
    case "gemini":
      // {"error":{"code":429,"message","status":"RESOURCE_EXHAUSTED"}}
      return isRecord(error) && typeof error["code"] === "number" && nonEmptyString(error["message"]) && nonEmptyString(error["status"]);
    case "ollama":
      // {"error":"message"}
      return nonEmptyString(error);
  }
}

/** Parses JSON text, or undefined when it is not JSON. */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
