/**
 * @module
 * functionResponse.response must be a JSON object, while canonical tool results are text.
 * Text goes out as `{content: text}` (`{error: text}` for an error), or as the object itself
 * when the text is a JSON object; `{content: string}` and `{error: string}` come back as text,
 * any other object as its JSON text. So both a wire → canonical → wire and a
 * canonical → wire → canonical round trip give back what they started with.
 */
import { isRecord, tryParseJson } from "../internal/json.ts";

export interface DecodedToolResponse {
  /** Undefined for `{}`: a result with no text (only images). */
  text: string | undefined;
  isError: boolean;
  /** `{content: text}` where the text is itself a JSON object: encode must wrap it again. */
  wrapped: boolean;
}

/** The object a text is, when it is the JSON text of an object. */
export function parseJsonObject(text: string): Record<string, unknown> | undefined {
  if (!text.trimStart().startsWith("{")) return undefined;
  const parsed = tryParseJson(text);
  return parsed.ok && isRecord(parsed.value) ? parsed.value : undefined;
}

function isSpecial(response: Record<string, unknown>): boolean {
  const keys = Object.keys(response);
  if (keys.length === 0) return true;
  const only = keys.length === 1 ? keys[0] : undefined;
  return (only === "content" || only === "error") && typeof response[only] === "string";
}

export function decodeToolResponse(response: Record<string, unknown>): DecodedToolResponse {
  if (Object.keys(response).length === 0) return { text: undefined, isError: false, wrapped: false };
  if (isSpecial(response)) {
    const isError = "error" in response;
    const text = String(isError ? response["error"] : response["content"]);
    // Only a text the encoder would unwrap needs the hint.
    const object = isError ? undefined : parseJsonObject(text);
    return { text, isError, wrapped: object !== undefined && !isSpecial(object) };
  }
  return { text: JSON.stringify(response), isError: false, wrapped: false };
}

export function encodeToolResponse(text: string | undefined, isError: boolean, wrapped: boolean): Record<string, unknown> {
  if (text === undefined) return {};
  if (isError) return { error: text };
  const object = wrapped ? undefined : parseJsonObject(text);
  // An object that would read back as something else (`{}`, `{content: "..."}`) stays wrapped.
  if (object === undefined || isSpecial(object)) return { content: text };
  return object;
}
