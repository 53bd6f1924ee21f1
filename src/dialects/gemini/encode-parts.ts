/**
 * @module
 * Canonical parts → wire parts, shared by requests and responses. Own extras are merged back
 * over the built part; another dialect's extras, and what Gemini cannot hold (Anthropic
 * redacted thinking, arguments that are not a JSON object), are dropped with a Warning.
 */
import type { AssistantContentPart, ImagePart, ReasoningPart, TextPart, ToolCallPart, UserContentPart } from "../../core/types/message.ts";
import type { Warning } from "../../core/types/response.ts";
import { parseToolArguments } from "../internal/tool-arguments.ts";
import { mergeWire, readExtras, warnForeignExtras } from "./wire-extras.ts";
import type { GeminiFunctionCall, GeminiPart } from "./wire-types.ts";

export function encodeTextPart(part: TextPart, path: string, warnings: Warning[]): GeminiPart {
  warnForeignExtras(part.extras, path, warnings);
  return mergeWire<GeminiPart>({ text: part.text }, readExtras(part.extras).fields);
}

export function encodeImagePart(part: ImagePart, path: string, warnings: Warning[]): GeminiPart {
  warnForeignExtras(part.extras, path, warnings);
  const base: GeminiPart =
    part.source.kind === "base64"
      ? { inlineData: { mimeType: part.source.mediaType, data: part.source.data } }
      : { fileData: { fileUri: part.source.url } };
  return mergeWire(base, readExtras(part.extras).fields);
}

export function encodeReasoningPart(part: ReasoningPart, path: string, warnings: Warning[]): GeminiPart | undefined {
  warnForeignExtras(part.extras, path, warnings);
  if (part.redactedData !== undefined) {
    warnings.push({ code: "unsupported-content", message: "redacted reasoning has no Gemini form and was dropped", path });
    return undefined;
  }
  const base: GeminiPart = { text: part.text, thought: true };
  if (part.signature !== undefined) base.thoughtSignature = part.signature;
  return mergeWire(base, readExtras(part.extras).fields);
}

export function encodeToolCallPart(part: ToolCallPart, path: string, warnings: Warning[]): GeminiPart {
  warnForeignExtras(part.extras, path, warnings);
  const { fields, hints } = readExtras(part.extras);
  const parsed = parseToolArguments(part.arguments);
  if (!parsed.ok) {
    warnings.push({ code: "lossy-conversion", message: `arguments of ${part.name} are not a JSON object; sent as ${JSON.stringify(parsed.value)}`, path });
  }
  const call: GeminiFunctionCall = { name: part.name };
  if (hints.$idSynthesized !== true) call.id = part.id;
  if (!(hints.$noArgs === true && Object.keys(parsed.value).length === 0)) call.args = parsed.value;
  return mergeWire<GeminiPart>({ functionCall: call }, fields);
}

export function encodeAssistantPart(part: AssistantContentPart, path: string, warnings: Warning[]): GeminiPart | undefined {
  if (part.type === "text") return encodeTextPart(part, path, warnings);
  if (part.type === "reasoning") return encodeReasoningPart(part, path, warnings);
  return encodeToolCallPart(part, path, warnings);
}

export function encodeUserPart(part: UserContentPart, path: string, warnings: Warning[]): GeminiPart {
  return part.type === "text" ? encodeTextPart(part, path, warnings) : encodeImagePart(part, path, warnings);
}

/** Puts parts with no canonical form back at the index they had on the wire. */
export function insertUnknownParts(parts: GeminiPart[], unknown: Array<{ index: number; part: Record<string, unknown> }> | undefined): GeminiPart[] {
  if (!unknown || unknown.length === 0) return parts;
  const result = [...parts];
  for (const entry of [...unknown].sort((a, b) => a.index - b.index)) {
    result.splice(Math.min(entry.index, result.length), 0, entry.part as GeminiPart);
  }
  return result;
}
