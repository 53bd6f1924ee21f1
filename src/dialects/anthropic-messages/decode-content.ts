/**
 * @module
 * Anthropic content blocks → canonical parts, shared by request and response decoding.
 * Validates as it goes (InvalidRequestError names the field); block types llmux cannot
 * represent (documents, server-tool blocks, file sources) are dropped with a warning.
 */
import type {
  AssistantContentPart,
  ContentPart,
  ImagePart,
  ReasoningPart,
  TextPart,
  ToolCallPart,
  ToolResultPart,
} from "../../core/types/message.ts";
import type { Warning } from "../../core/types/response.ts";
import { stringifyToolArguments } from "../internal/tool-arguments.ts";
import { readExtras, attachExtras } from "./dialect-extras.ts";
import {
  joinPath,
  readArray,
  readOptionalBoolean,
  readRecord,
  readString,
} from "./read-wire.ts";

const knownText = new Set(["type", "text"]);
const knownImage = new Set(["type", "source"]);
const knownToolUse = new Set(["type", "id", "name", "input"]);
const knownToolResult = new Set(["type", "tool_use_id", "content", "is_error"]);
const knownThinking = new Set(["type", "thinking", "signature"]);
const knownRedacted = new Set(["type", "data"]);

function dropUnsupported(what: string, path: string, warnings: Warning[]): undefined {
  warnings.push({ code: "unsupported-content", message: `${what} has no canonical form and was dropped.`, path });
  return undefined;
}

export function decodeTextBlock(block: Record<string, unknown>, path: string): TextPart {
  return attachExtras<TextPart>({ type: "text", text: readString(block, "text", path) }, readExtras(block, knownText));
}

function decodeImageBlock(block: Record<string, unknown>, path: string, warnings: Warning[]): ImagePart | undefined {
  const sourcePath = joinPath(path, "source");
  const source = readRecord(block["source"], sourcePath);
  const kind = readString(source, "type", sourcePath);
  const extras = readExtras(block, knownImage);
  if (kind === "base64") {
    const mediaType = readString(source, "media_type", sourcePath);
    const data = readString(source, "data", sourcePath);
    return attachExtras<ImagePart>({ type: "image", source: { kind: "base64", mediaType, data } }, extras);
  }
  if (kind === "url") {
    return attachExtras<ImagePart>({ type: "image", source: { kind: "url", url: readString(source, "url", sourcePath) } }, extras);
  }
  return dropUnsupported(`An image with a "${kind}" source`, path, warnings);
}

function decodeToolUseBlock(block: Record<string, unknown>, path: string): ToolCallPart {
  const input = readRecord(block["input"], joinPath(path, "input"));
  const part: ToolCallPart = {
    type: "tool-call",
    id: readString(block, "id", path),
    name: readString(block, "name", path),
    arguments: stringifyToolArguments(input),
  };
  return attachExtras(part, readExtras(block, knownToolUse));
}

function decodeThinkingBlock(block: Record<string, unknown>, path: string): ReasoningPart {
  const part: ReasoningPart = {
    type: "reasoning",
    text: readString(block, "thinking", path),
    signature: readString(block, "signature", path),
  };
  return attachExtras(part, readExtras(block, knownThinking));
}

function decodeRedactedThinkingBlock(block: Record<string, unknown>, path: string): ReasoningPart {
  const part: ReasoningPart = { type: "reasoning", text: "", redactedData: readString(block, "data", path) };
  return attachExtras(part, readExtras(block, knownRedacted));
}

function decodeToolResultContent(value: unknown, path: string, warnings: Warning[]): Array<TextPart | ImagePart> {
  if (value === undefined || value === null) return [];
  if (typeof value === "string") return [{ type: "text", text: value }];
  const parts: Array<TextPart | ImagePart> = [];
  readArray(value, path).forEach((item, index) => {
    const itemPath = joinPath(path, index);
    const block = readRecord(item, itemPath);
    const type = readString(block, "type", itemPath);
    if (type === "text") parts.push(decodeTextBlock(block, itemPath));
    else if (type === "image") {
      const image = decodeImageBlock(block, itemPath, warnings);
      if (image) parts.push(image);
    } else dropUnsupported(`A "${type}" block in a tool result`, itemPath, warnings);
  });
  return parts;
}

/** `toolNames` maps tool_use ids seen so far to names, to fill `toolName` of results. */
function decodeToolResultBlock(
  block: Record<string, unknown>,
  path: string,
  toolNames: ReadonlyMap<string, string>,
  warnings: Warning[],
): ToolResultPart {
  const toolCallId = readString(block, "tool_use_id", path);
  const part: ToolResultPart = {
    type: "tool-result",
    toolCallId,
    content: decodeToolResultContent(block["content"], joinPath(path, "content"), warnings),
  };
  const toolName = toolNames.get(toolCallId);
  if (toolName !== undefined) part.toolName = toolName;
  const isError = readOptionalBoolean(block, "is_error", path);
  if (isError !== undefined) part.isError = isError;
  return attachExtras(part, readExtras(block, knownToolResult));
}

export interface BlockDecodeContext {
  warnings: Warning[];
  toolNames: ReadonlyMap<string, string>;
}

/** One content block → one canonical part, or undefined (with a warning) when unsupported. */
export function decodeContentBlock(value: unknown, path: string, context: BlockDecodeContext): ContentPart | undefined {
  const block = readRecord(value, path);
  const type = readString(block, "type", path);
  switch (type) {
    case "text":
      return decodeTextBlock(block, path);
    case "image":
      return decodeImageBlock(block, path, context.warnings);
    case "tool_use":
      return decodeToolUseBlock(block, path);
    case "tool_result":
      return decodeToolResultBlock(block, path, context.toolNames, context.warnings);
    case "thinking":
      return decodeThinkingBlock(block, path);
    case "redacted_thinking":
      return decodeRedactedThinkingBlock(block, path);
    default:
      return dropUnsupported(`A "${type}" block`, path, context.warnings);
  }
}

export function isAssistantPart(part: ContentPart): part is AssistantContentPart {
  return part.type === "text" || part.type === "tool-call" || part.type === "reasoning";
}

/** Assistant blocks (request history or a response) → canonical assistant parts. */
export function decodeAssistantBlocks(blocks: unknown[], path: string, context: BlockDecodeContext): AssistantContentPart[] {
  const parts: AssistantContentPart[] = [];
  blocks.forEach((value, index) => {
    const blockPath = joinPath(path, index);
    const part = decodeContentBlock(value, blockPath, context);
    if (part === undefined) return;
    if (isAssistantPart(part)) parts.push(part);
    else dropUnsupported(`A ${part.type} part in an assistant turn`, blockPath, context.warnings);
  });
  return parts;
}
