/**
 * @module
 * Anthropic `system` and `messages` → canonical system parts and messages.
 * A user turn mixing tool_result and other blocks splits into canonical `tool` and `user`
 * messages in wire order; `role: "system"` messages (allowed by SDK 1.x) are hoisted.
 */
import type { Extras, Message, TextPart, ToolResultPart, UserContentPart } from "../../core/types/message.ts";
import type { Warning } from "../../core/types/response.ts";
import { InvalidRequestError } from "../../core/errors.ts";
import { decodeAssistantBlocks, decodeContentBlock, decodeTextBlock, type BlockDecodeContext } from "./decode-content.ts";
import { readExtras, attachExtras } from "./dialect-extras.ts";
import { joinPath, readArray, readRecord, readString } from "./read-wire.ts";

const knownMessage = new Set(["role", "content"]);

/** `system` as a string or text blocks → canonical system parts. */
export function decodeSystem(value: unknown, path: string): TextPart[] {
  if (typeof value === "string") return [{ type: "text", text: value }];
  return readArray(value, path).map((item, index) => {
    const itemPath = joinPath(path, index);
    const block = readRecord(item, itemPath);
    const type = readString(block, "type", itemPath);
    if (type !== "text") {
      throw new InvalidRequestError(`${itemPath}.type must be "text" in a system prompt.`, { param: joinPath(itemPath, "type") });
    }
    return decodeTextBlock(block, itemPath);
  });
}

export interface DecodedConversation {
  messages: Message[];
  /** System text hoisted out of `role: "system"` messages, in order. */
  hoistedSystem: TextPart[];
}

function readContent(message: Record<string, unknown>, path: string): string | unknown[] {
  const content = message["content"];
  if (typeof content === "string") return content;
  return readArray(content, joinPath(path, "content"));
}

/** Splits a user turn into runs: tool_result blocks become `tool` messages, the rest `user`. */
function decodeUserTurn(
  content: string | unknown[],
  path: string,
  extras: Extras | undefined,
  context: BlockDecodeContext,
): Message[] {
  if (typeof content === "string") return [attachExtras<Message>({ role: "user", content: [{ type: "text", text: content }] }, extras)];
  const messages: Message[] = [];
  let run: { role: "user"; parts: UserContentPart[] } | { role: "tool"; parts: ToolResultPart[] } | undefined;
  const flush = (): void => {
    if (run === undefined || run.parts.length === 0) return;
    const message: Message = run.role === "user" ? { role: "user", content: run.parts } : { role: "tool", content: run.parts };
    messages.push(attachExtras(message, extras));
  };
  content.forEach((value, index) => {
    const blockPath = joinPath(joinPath(path, "content"), index);
    const part = decodeContentBlock(value, blockPath, context);
    if (part === undefined) return;
    if (part.type === "tool-result") {
      if (run?.role !== "tool") {
        flush();
        run = { role: "tool", parts: [] };
      }
      run.parts.push(part);
    } else if (part.type === "text" || part.type === "image") {
      if (run?.role !== "user") {
        flush();
        run = { role: "user", parts: [] };
      }
      run.parts.push(part);
    } else {
      context.warnings.push({
        code: "unsupported-content",
        message: `A ${part.type} part in a user turn has no canonical form and was dropped.`,
        path: blockPath,
      });
    }
  });
  flush();
  // An empty block list is still a turn; keep it so the conversation shape survives.
  if (messages.length === 0) messages.push(attachExtras<Message>({ role: "user", content: [] }, extras));
  return messages;
}

export function decodeMessages(value: unknown, warnings: Warning[]): DecodedConversation {
  const wireMessages = readArray(value, "messages");
  const messages: Message[] = [];
  const hoistedSystem: TextPart[] = [];
  const toolNames = new Map<string, string>();
  const context: BlockDecodeContext = { warnings, toolNames };

  wireMessages.forEach((item, index) => {
    const path = joinPath("messages", index);
    const message = readRecord(item, path);
    const role = readString(message, "role", path);
    const content = readContent(message, path);
    const extras = readExtras(message, knownMessage);
    if (role === "system") {
      if (messages.length > 0) {
        warnings.push({
          code: "lossy-conversion",
          message: "A system message inside the conversation was hoisted into the system prompt; its position is lost.",
          path,
        });
      }
      hoistedSystem.push(...decodeSystem(content, joinPath(path, "content")));
    } else if (role === "user") {
      messages.push(...decodeUserTurn(content, path, extras, context));
    } else if (role === "assistant") {
      const parts =
        typeof content === "string"
          ? [{ type: "text" as const, text: content }]
          : decodeAssistantBlocks(content, joinPath(path, "content"), context);
      for (const part of parts) if (part.type === "tool-call") toolNames.set(part.id, part.name);
      messages.push(attachExtras<Message>({ role: "assistant", content: parts }, extras));
    } else {
      throw new InvalidRequestError(`${path}.role must be "user", "assistant" or "system".`, { param: joinPath(path, "role") });
    }
  });
  return { messages, hoistedSystem };
}
