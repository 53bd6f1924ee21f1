/**
 * @module
 * Canonical parts → Anthropic content blocks, shared by request and response encoding.
 * Never emits an empty text block (the API rejects them); tool-call ids are rewritten to
 * Anthropic's alphabet the same way every time, in tool_use and tool_result alike.
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
import { parseToolArguments } from "../internal/tool-arguments.ts";
import { sanitizeToolCallId } from "../internal/tool-call-id.ts";
import { reportForeignExtras, writeExtras } from "./dialect-extras.ts";
import { joinPath } from "./read-wire.ts";
import type {
  AnthropicAssistantBlock,
  AnthropicImageBlock,
  AnthropicRedactedThinkingBlock,
  AnthropicTextBlock,
  AnthropicThinkingBlock,
  AnthropicToolResultBlock,
  AnthropicToolUseBlock,
} from "./wire-types.ts";

const imageMediaTypes: ReadonlySet<string> = new Set(["image/jpeg", "image/png", "image/gif", "image/webp"]);

/** The text of `parts` when they are one plain text part: the wire's string shorthand. */
export function extractPlainText(parts: ContentPart[]): string | undefined {
  const [first] = parts;
  if (parts.length !== 1 || first?.type !== "text") return undefined;
  return Object.keys(writeExtras(first.extras)).length === 0 ? first.text : undefined;
}

export function encodeTextBlock(part: TextPart, path: string, warnings: Warning[]): AnthropicTextBlock | undefined {
  reportForeignExtras(part.extras, path, warnings);
  if (part.text === "") return undefined;
  return { ...writeExtras(part.extras), type: "text", text: part.text };
}

export function encodeImageBlock(part: ImagePart, path: string, warnings: Warning[]): AnthropicImageBlock | undefined {
  reportForeignExtras(part.extras, path, warnings);
  const { source } = part;
  if (source.kind === "url") return { ...writeExtras(part.extras), type: "image", source: { type: "url", url: source.url } };
  if (!imageMediaTypes.has(source.mediaType)) {
    warnings.push({
      code: "unsupported-content",
      message: `Anthropic accepts JPEG, PNG, GIF and WebP images only; a ${source.mediaType} image was dropped.`,
      path,
    });
    return undefined;
  }
  return {
    ...writeExtras(part.extras),
    type: "image",
    source: { type: "base64", media_type: source.mediaType, data: source.data },
  };
}

export function encodeToolUseBlock(part: ToolCallPart, path: string, warnings: Warning[]): AnthropicToolUseBlock {
  reportForeignExtras(part.extras, path, warnings);
  const parsed = parseToolArguments(part.arguments);
  if (!parsed.ok) {
    warnings.push({
      code: "lossy-conversion",
      message: "Tool-call arguments were not a JSON object; Anthropic needs an object, so they were replaced.",
      path,
    });
  }
  return { ...writeExtras(part.extras), type: "tool_use", id: sanitizeToolCallId(part.id), name: part.name, input: parsed.value };
}

/**
 * `requireSignature`: in a request, thinking without a signature is rejected upstream, so it
 * is dropped with a warning; in a response to a client it is shown with an empty signature.
 */
export function encodeReasoningBlock(
  part: ReasoningPart,
  path: string,
  warnings: Warning[],
  requireSignature: boolean,
): AnthropicThinkingBlock | AnthropicRedactedThinkingBlock | undefined {
  reportForeignExtras(part.extras, path, warnings);
  if (part.redactedData !== undefined) return { ...writeExtras(part.extras), type: "redacted_thinking", data: part.redactedData };
  if (part.signature === undefined && requireSignature) {
    warnings.push({
      code: "unsupported-content",
      message: "Reasoning without an Anthropic signature cannot be sent back to Anthropic and was dropped.",
      path,
    });
    return undefined;
  }
  return { ...writeExtras(part.extras), type: "thinking", thinking: part.text, signature: part.signature ?? "" };
}

function encodeToolResultContent(
  parts: Array<TextPart | ImagePart>,
  path: string,
  warnings: Warning[],
): AnthropicToolResultBlock["content"] {
  if (parts.length === 0) return undefined;
  const text = extractPlainText(parts);
  if (text !== undefined) return text;
  const blocks: Array<AnthropicTextBlock | AnthropicImageBlock> = [];
  parts.forEach((part, index) => {
    const partPath = joinPath(path, index);
    const block = part.type === "text" ? encodeTextBlock(part, partPath, warnings) : encodeImageBlock(part, partPath, warnings);
    if (block !== undefined) blocks.push(block);
  });
  return blocks.length === 0 ? undefined : blocks;
}

export function encodeToolResultBlock(part: ToolResultPart, path: string, warnings: Warning[]): AnthropicToolResultBlock {
  reportForeignExtras(part.extras, path, warnings);
  const block: AnthropicToolResultBlock = {
    ...writeExtras(part.extras),
    type: "tool_result",
    tool_use_id: sanitizeToolCallId(part.toolCallId),
  };
  const content = encodeToolResultContent(part.content, joinPath(path, "content"), warnings);
  if (content !== undefined) block.content = content;
  if (part.isError !== undefined) block.is_error = part.isError;
  return block;
}

export function encodeAssistantBlocks(
  parts: AssistantContentPart[],
  path: string,
  warnings: Warning[],
  requireSignature: boolean,
): AnthropicAssistantBlock[] {
  const blocks: AnthropicAssistantBlock[] = [];
  parts.forEach((part, index) => {
    const partPath = joinPath(path, index);
    let block: AnthropicAssistantBlock | undefined;
    if (part.type === "text") block = encodeTextBlock(part, partPath, warnings);
    else if (part.type === "tool-call") block = encodeToolUseBlock(part, partPath, warnings);
    else block = encodeReasoningBlock(part, partPath, warnings, requireSignature);
    if (block !== undefined) blocks.push(block);
  });
  return blocks;
}
