/**
 * @module
 * One wire part → one canonical part, for user turns and model turns (requests and
 * responses share the model side). A part with no canonical form (executableCode, an image
 * in a model turn, a PDF...) decodes to `undefined`: the caller keeps it whole in extras.
 */
import { InvalidRequestError } from "../../core/errors.ts";
import type { AssistantContentPart, ImagePart, ReasoningPart, TextPart, ToolCallPart, UserContentPart } from "../../core/types/message.ts";
import { unknownFields } from "../internal/extras.ts";
import { isRecord } from "../internal/json.ts";
import { stringifyToolArguments } from "../internal/tool-arguments.ts";
import { makeExtras, type GeminiHints } from "./wire-extras.ts";
import { camelizeKeys, expectRecord, optionalString, requireString } from "./wire-read.ts";

export const partKeys: ReadonlySet<string> = new Set([
  "text",
  "thought",
  "thoughtSignature",
  "inlineData",
  "fileData",
  "functionCall",
  "functionResponse",
]);
const blobKeys: ReadonlySet<string> = new Set(["mimeType", "data"]);
/** fileData's mimeType is not canonical (URL images carry none): it stays in extras. */
const fileKeys: ReadonlySet<string> = new Set(["fileUri"]);
const callKeys: ReadonlySet<string> = new Set(["id", "name", "args"]);

/** Reads a part object, accepting snake_case field names. */
export function readPart(value: unknown, path: string): Record<string, unknown> {
  return camelizeKeys(expectRecord(value, path));
}

/** Wire fields of `record` outside `known`, plus the leftovers of one nested object. */
function collectRest(
  record: Record<string, unknown>,
  known: ReadonlySet<string>,
  nested?: { key: string; value: Record<string, unknown>; known: ReadonlySet<string> },
): Record<string, unknown> | undefined {
  const rest = unknownFields(record, known);
  const inner = nested ? unknownFields(nested.value, nested.known) : undefined;
  if (!inner || !nested) return rest;
  return { ...rest, [nested.key]: inner };
}

function attachExtras<T extends { extras?: unknown }>(part: T, fields: Record<string, unknown> | undefined, hints?: GeminiHints): T {
  const extras = makeExtras(fields, hints);
  if (extras !== undefined) part.extras = extras;
  return part;
}

function decodeText(part: Record<string, unknown>, path: string): TextPart | ReasoningPart | undefined {
  if (part["text"] === undefined) return undefined;
  const text = requireString(part, "text", path);
  if (part["thought"] === true) {
    const reasoning: ReasoningPart = { type: "reasoning", text };
    const signature = optionalString(part, "thoughtSignature", path);
    if (signature !== undefined) reasoning.signature = signature;
    return attachExtras(reasoning, unknownFields(part, new Set(["text", "thought", "thoughtSignature"])));
  }
  // A signature on a plain text part, or `thought: false`, rides in extras.
  const plain: TextPart = { type: "text", text };
  return attachExtras(plain, unknownFields(part, new Set(["text"])));
}

function isImageType(mimeType: string | undefined): boolean {
  return mimeType === undefined || mimeType.toLowerCase().startsWith("image/");
}

/** inlineData / fileData with an image type → image part; other media have no canonical form. */
export function decodeMedia(part: Record<string, unknown>, path: string): ImagePart | undefined {
  if (part["inlineData"] !== undefined) {
    const blob = camelizeKeys(expectRecord(part["inlineData"], `${path}.inlineData`));
    const mediaType = requireString(blob, "mimeType", `${path}.inlineData`);
    const data = requireString(blob, "data", `${path}.inlineData`);
    if (!isImageType(mediaType)) return undefined;
    const image: ImagePart = { type: "image", source: { kind: "base64", mediaType, data } };
    return attachExtras(image, collectRest(part, new Set(["inlineData"]), { key: "inlineData", value: blob, known: blobKeys }));
  }
  if (part["fileData"] !== undefined) {
    const file = camelizeKeys(expectRecord(part["fileData"], `${path}.fileData`));
    const url = requireString(file, "fileUri", `${path}.fileData`);
    const mimeType = optionalString(file, "mimeType", `${path}.fileData`);
    if (!isImageType(mimeType)) return undefined;
    const image: ImagePart = { type: "image", source: { kind: "url", url } };
    return attachExtras(image, collectRest(part, new Set(["fileData"]), { key: "fileData", value: file, known: fileKeys }));
  }
  return undefined;
}

function decodeFunctionCall(part: Record<string, unknown>, path: string, synthesizeId: () => string): ToolCallPart {
  const callPath = `${path}.functionCall`;
  const call = camelizeKeys(expectRecord(part["functionCall"], callPath));
  const name = requireString(call, "name", callPath);
  const wireId = optionalString(call, "id", callPath);
  const args = call["args"];
  if (args !== undefined && args !== null && !isRecord(args)) {
    throw new InvalidRequestError(`${callPath}.args must be an object`, { param: `${callPath}.args` });
  }
  const toolCall: ToolCallPart = { type: "tool-call", id: wireId ?? synthesizeId(), name, arguments: stringifyToolArguments(args ?? {}) };
  const hints: GeminiHints = {};
  if (wireId === undefined) hints.$idSynthesized = true;
  if (args === undefined || args === null) hints.$noArgs = true;
  return attachExtras(toolCall, collectRest(part, new Set(["functionCall"]), { key: "functionCall", value: call, known: callKeys }), hints);
}

/** A part of a `model` turn; `undefined` when it has no canonical form. */
export function decodeModelPart(part: Record<string, unknown>, path: string, synthesizeId: () => string): AssistantContentPart | undefined {
  if (part["functionCall"] !== undefined) return decodeFunctionCall(part, path, synthesizeId);
  if (part["inlineData"] !== undefined || part["fileData"] !== undefined || part["functionResponse"] !== undefined) return undefined;
  return decodeText(part, path);
}

/** A non-functionResponse part of a `user` turn; `undefined` when it has no canonical form. */
export function decodeUserPart(part: Record<string, unknown>, path: string): UserContentPart | undefined {
  if (part["inlineData"] !== undefined || part["fileData"] !== undefined) return decodeMedia(part, path);
  if (part["functionCall"] !== undefined || part["thought"] === true) return undefined;
  const text = decodeText(part, path);
  return text?.type === "text" ? text : undefined;
}
