/**
 * @module
 * Canonical messages → `contents[]`. Tool messages become functionResponse parts of a `user`
 * turn; adjacent messages that land on the same wire role are merged into one content, as
 * Gemini wants turns to alternate (all function responses of a turn in one content, in call
 * order), unless they were separate contents on the wire (`$ownContent`).
 */
import type { Message, ToolResultPart } from "../../core/types/message.ts";
import type { Warning } from "../../core/types/response.ts";
import { encodeAssistantPart, encodeImagePart, encodeUserPart, insertUnknownParts } from "./encode-parts.ts";
import { encodeToolResponse } from "./tool-response.ts";
import { mergeWire, readExtras, warnForeignExtras, type GeminiHints } from "./wire-extras.ts";
import type { GeminiContent, GeminiFunctionResponse, GeminiPart, GeminiRole } from "./wire-types.ts";

interface OpenContent {
  role: GeminiRole;
  parts: GeminiPart[];
  fields: Record<string, unknown>;
  hints: GeminiHints;
}

export function encodeMessages(messages: Message[], warnings: Warning[]): GeminiContent[] {
  const contents: GeminiContent[] = [];
  const toolNames = new Map<string, string>();
  let open: OpenContent | undefined;
  for (const [index, message] of messages.entries()) {
    const path = `messages[${index}]`;
    warnForeignExtras(message.extras, path, warnings);
    const role: GeminiRole = message.role === "assistant" ? "model" : "user";
    const { fields, hints } = readExtras(message.extras);
    if (!open || open.role !== role || hints.$ownContent === true) {
      if (open) closeContent(open, contents, warnings);
      open = { role, parts: [], fields, hints };
    } else {
      open.fields = mergeWire(open.fields, fields);
    }
    const parts = open.parts;
    message.content.forEach((part, partIndex) => {
      const partPath = `${path}.content[${partIndex}]`;
      if (part.type === "tool-call") toolNames.set(part.id, part.name);
      if (part.type === "tool-result") parts.push(encodeToolResult(part, partPath, toolNames, warnings));
      else if (message.role === "assistant" && part.type !== "image") {
        const encoded = encodeAssistantPart(part, partPath, warnings);
        if (encoded) parts.push(encoded);
      } else if (part.type === "text" || part.type === "image") parts.push(encodeUserPart(part, partPath, warnings));
      else warnings.push({ code: "unsupported-content", message: `a ${part.type} part has no place in a ${message.role} turn`, path: partPath });
    });
  }
  if (open) closeContent(open, contents, warnings);
  return contents;
}

/** Appends the finished content; Gemini rejects a content without parts, so an empty one is dropped. */
function closeContent(open: OpenContent, contents: GeminiContent[], warnings: Warning[]): void {
  const parts = insertUnknownParts(open.parts, open.hints.$unknownParts);
  if (parts.length === 0) {
    warnings.push({ code: "unsupported-content", message: `an empty ${open.role} turn was dropped`, path: `contents[${contents.length}]` });
    return;
  }
  const content: GeminiContent = open.hints.$noRole === true && open.role === "user" ? { parts } : { role: open.role, parts };
  contents.push(mergeWire(content, open.fields));
}

function encodeToolResult(part: ToolResultPart, path: string, toolNames: Map<string, string>, warnings: Warning[]): GeminiPart {
  warnForeignExtras(part.extras, path, warnings);
  const { fields, hints } = readExtras(part.extras);
  let name = part.toolName ?? toolNames.get(part.toolCallId);
  if (name === undefined) {
    warnings.push({ code: "lossy-conversion", message: `no tool call ${part.toolCallId} precedes this result; its id was sent as the name`, path });
    name = part.toolCallId;
  }
  const texts = part.content.filter((item) => item.type === "text").map((item) => item.text);
  const text = texts.length === 0 ? undefined : texts.join("\n");
  const response: GeminiFunctionResponse = { name, response: encodeToolResponse(text, part.isError === true, hints.$contentWrapped === true) };
  if (hints.$idSynthesized !== true) response.id = part.toolCallId;
  const images = part.content.filter((item) => item.type === "image");
  if (images.length > 0) {
    response.parts = images.map((image, index) => {
      const encoded = encodeImagePart(image, `${path}.content[${index}]`, warnings);
      return encoded.inlineData ? { inlineData: encoded.inlineData } : encoded.fileData ? { fileData: encoded.fileData } : {};
    });
  }
  return mergeWire<GeminiPart>({ functionResponse: response }, fields);
}
