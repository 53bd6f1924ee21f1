/**
 * @module
 * Canonical messages → Anthropic turns. Tool messages become user turns of tool_result
 * blocks; adjacent turns of the same wire role are merged (the wire wants alternation),
 * with tool_result blocks first, as the API requires after a tool_use turn.
 */
import type { Message, TextPart } from "../../core/types/message.ts";
import type { Warning } from "../../core/types/response.ts";
import { reportForeignExtras, writeExtras } from "./dialect-extras.ts";
import {
  encodeAssistantBlocks,
  encodeImageBlock,
  encodeTextBlock,
  encodeToolResultBlock,
  extractPlainText,
} from "./encode-content.ts";
import { joinPath } from "./read-wire.ts";
import type { AnthropicContentBlock, AnthropicMessageParam, AnthropicTextBlock, AnthropicToolResultBlock } from "./wire-types.ts";

interface Turn {
  role: "user" | "assistant";
  toolResults: AnthropicToolResultBlock[];
  blocks: AnthropicContentBlock[];
  /** The string shorthand, usable while the turn is one unmerged plain-text message. */
  plain: string | undefined;
  extras: Record<string, unknown>;
}

function encodeTurn(message: Message, path: string, warnings: Warning[]): Turn {
  const contentPath = joinPath(path, "content");
  const turn: Turn = {
    role: message.role === "assistant" ? "assistant" : "user",
    toolResults: [],
    blocks: [],
    plain: message.role === "tool" ? undefined : extractPlainText(message.content),
    extras: writeExtras(message.extras),
  };
  if (message.role === "tool") {
    message.content.forEach((part, index) => turn.toolResults.push(encodeToolResultBlock(part, joinPath(contentPath, index), warnings)));
  } else if (message.role === "assistant") {
    turn.blocks = encodeAssistantBlocks(message.content, contentPath, warnings, true);
  } else {
    message.content.forEach((part, index) => {
      const partPath = joinPath(contentPath, index);
      const block = part.type === "text" ? encodeTextBlock(part, partPath, warnings) : encodeImageBlock(part, partPath, warnings);
      if (block !== undefined) turn.blocks.push(block);
    });
  }
  return turn;
}

export function encodeMessages(messages: Message[], warnings: Warning[]): AnthropicMessageParam[] {
  const turns: Turn[] = [];
  messages.forEach((message, index) => {
    const path = joinPath("messages", index);
    reportForeignExtras(message.extras, path, warnings);
    const turn = encodeTurn(message, path, warnings);
    if (turn.plain === undefined && turn.toolResults.length === 0 && turn.blocks.length === 0) {
      warnings.push({ code: "unsupported-content", message: "A message with nothing Anthropic can carry was dropped.", path });
      return;
    }
    const previous = turns.at(-1);
    if (previous?.role !== turn.role) {
      turns.push(turn);
      return;
    }
    previous.toolResults.push(...turn.toolResults);
    previous.blocks.push(...turn.blocks);
    previous.plain = undefined;
    previous.extras = { ...previous.extras, ...turn.extras };
  });
  return turns.map((turn) => ({
    ...turn.extras,
    role: turn.role,
    content: turn.plain ?? [...turn.toolResults, ...turn.blocks],
  }));
}

/** Canonical system parts → a string when plain, text blocks otherwise (cache_control kept). */
export function encodeSystem(parts: TextPart[], warnings: Warning[]): string | AnthropicTextBlock[] | undefined {
  if (parts.length === 0) return undefined;
  parts.forEach((part, index) => reportForeignExtras(part.extras, joinPath("system", index), warnings));
  const text = extractPlainText(parts);
  if (text !== undefined) return text;
  const blocks: AnthropicTextBlock[] = [];
  for (const part of parts) {
    if (part.text !== "") blocks.push({ ...writeExtras(part.extras), type: "text", text: part.text });
  }
  return blocks.length === 0 ? undefined : blocks;
}
