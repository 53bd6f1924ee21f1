/**
 * @module
 * `contents[]` → canonical messages. A `model` turn is one assistant message; a `user` turn
 * splits into user messages (text, images) and tool messages (its functionResponse parts),
 * in wire order. Tool calls without an id get a stable synthesised one (`call_turn<i>_<n>`),
 * and a functionResponse without an id is matched, by name and in call order, to a call of
 * the model turn before it.
 */
import { InvalidRequestError } from "../../core/errors.ts";
import type { ImagePart, Message, TextPart, ToolMessage, ToolResultPart, UserMessage } from "../../core/types/message.ts";
import { unknownFields } from "../internal/extras.ts";
import { synthesizeToolCallId } from "../internal/tool-call-id.ts";
import { decodeMedia, decodeModelPart, decodeUserPart, readPart } from "./decode-parts.ts";
import { decodeToolResponse } from "./tool-response.ts";
import { makeExtras, type GeminiHints } from "./wire-extras.ts";
import { camelizeKeys, expectList, expectRecord, optionalString, requireString } from "./wire-read.ts";

const contentKeys: ReadonlySet<string> = new Set(["role", "parts"]);
const responseKeys: ReadonlySet<string> = new Set(["id", "name", "response", "parts"]);

interface PendingCall {
  id: string;
  name: string;
  answered: boolean;
}

interface ContentContext {
  turn: number;
  path: string;
  /** Tool calls of the latest model turn, for matching id-less function responses. */
  calls: PendingCall[];
}

export function decodeContents(value: unknown): Message[] {
  if (value === undefined || value === null) throw new InvalidRequestError("contents is required", { param: "contents" });
  const list = expectList(value, "contents");
  if (list.length === 0) throw new InvalidRequestError("contents must not be empty", { param: "contents" });
  const messages: Message[] = [];
  let previousRole: string | undefined;
  let calls: PendingCall[] = [];
  list.forEach((item, turn) => {
    const path = `contents[${turn}]`;
    const content = camelizeKeys(expectRecord(item, path));
    const role = optionalString(content, "role", path);
    if (role !== undefined && role !== "user" && role !== "model") {
      throw new InvalidRequestError(`${path}.role must be "user" or "model"`, { param: `${path}.role` });
    }
    if (content["parts"] === undefined) throw new InvalidRequestError(`${path}.parts is required`, { param: `${path}.parts` });
    const parts = expectList(content["parts"], `${path}.parts`);
    const wireRole = role ?? "user";
    const hints: GeminiHints = {};
    if (role === undefined) hints.$noRole = true;
    if (wireRole === previousRole) hints.$ownContent = true;
    previousRole = wireRole;
    const decoded =
      wireRole === "model" ? decodeModelContent(parts, { turn, path, calls }) : decodeUserContent(parts, { turn, path, calls });
    if (wireRole === "model") calls = decoded.calls;
    if (decoded.unknown.length > 0) hints.$unknownParts = decoded.unknown;
    const first = decoded.messages[0];
    if (first) {
      const extras = makeExtras(unknownFields(content, contentKeys), hints);
      if (extras !== undefined) first.extras = extras;
    }
    messages.push(...decoded.messages);
  });
  return messages;
}

interface DecodedContent {
  messages: Message[];
  unknown: Array<{ index: number; part: Record<string, unknown> }>;
  calls: PendingCall[];
}

function decodeModelContent(parts: unknown[], context: ContentContext): DecodedContent {
  const result: DecodedContent = { messages: [], unknown: [], calls: [] };
  const message: Message = { role: "assistant", content: [] };
  let ordinal = 0;
  parts.forEach((raw, index) => {
    const path = `${context.path}.parts[${index}]`;
    const part = decodeModelPart(readPart(raw, path), path, () => synthesizeToolCallId(`turn${context.turn}`, ordinal++));
    if (part === undefined) {
      result.unknown.push({ index, part: raw as Record<string, unknown> });
      return;
    }
    message.content.push(part);
    if (part.type === "tool-call") result.calls.push({ id: part.id, name: part.name, answered: false });
  });
  result.messages.push(message);
  return result;
}

function decodeUserContent(parts: unknown[], context: ContentContext): DecodedContent {
  const result: DecodedContent = { messages: [], unknown: [], calls: context.calls };
  let current: UserMessage | ToolMessage | undefined;
  let ordinal = 0;
  parts.forEach((raw, index) => {
    const path = `${context.path}.parts[${index}]`;
    const part = readPart(raw, path);
    if (part["functionResponse"] !== undefined) {
      const synthesize = () => synthesizeToolCallId(`turn${context.turn}`, ordinal++);
      const toolResult = decodeFunctionResponse(part, path, context.calls, synthesize);
      if (current?.role !== "tool") result.messages.push((current = { role: "tool", content: [] }));
      current.content.push(toolResult);
      return;
    }
    const userPart = decodeUserPart(part, path);
    if (userPart === undefined) {
      result.unknown.push({ index, part: raw as Record<string, unknown> });
      return;
    }
    if (current?.role !== "user") result.messages.push((current = { role: "user", content: [] }));
    current.content.push(userPart);
  });
  if (result.messages.length === 0) result.messages.push({ role: "user", content: [] });
  return result;
}

function decodeFunctionResponse(
  part: Record<string, unknown>,
  path: string,
  calls: PendingCall[],
  synthesize: () => string,
): ToolResultPart {
  const responsePath = `${path}.functionResponse`;
  const wire = camelizeKeys(expectRecord(part["functionResponse"], responsePath));
  const name = requireString(wire, "name", responsePath);
  const wireId = optionalString(wire, "id", responsePath);
  const response = expectRecord(wire["response"], `${responsePath}.response`);
  const hints: GeminiHints = {};
  let id = wireId;
  const match = calls.find((call) => !call.answered && (wireId === undefined ? call.name === name : call.id === wireId));
  if (match) match.answered = true;
  if (id === undefined) {
    hints.$idSynthesized = true;
    id = match?.id ?? synthesize();
  }
  const decoded = decodeToolResponse(response);
  if (decoded.wrapped) hints.$contentWrapped = true;
  const content: Array<TextPart | ImagePart> = decoded.text === undefined ? [] : [{ type: "text", text: decoded.text }];
  if (wire["parts"] !== undefined) {
    expectList(wire["parts"], `${responsePath}.parts`).forEach((raw, index) => {
      const mediaPath = `${responsePath}.parts[${index}]`;
      const image = decodeMedia(readPart(raw, mediaPath), mediaPath);
      if (!image) throw new InvalidRequestError(`${mediaPath} must be an image (inlineData or fileData)`, { param: mediaPath });
      content.push(image);
    });
  }
  const result: ToolResultPart = { type: "tool-result", toolCallId: id, toolName: name, content };
  if (decoded.isError) result.isError = true;
  const rest = unknownFields(part, new Set(["functionResponse"]));
  const inner = unknownFields(wire, responseKeys);
  const extras = makeExtras(inner ? { ...rest, functionResponse: inner } : rest, hints);
  if (extras !== undefined) result.extras = extras;
  return result;
}
