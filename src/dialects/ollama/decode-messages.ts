/**
 * @module
 * Ollama `messages` → canonical system parts and messages. System messages are hoisted;
 * consecutive `tool` messages become one canonical tool message, each result matched to
 * the call it answers (Ollama only names the tool, so calls are matched by name, in order).
 */
import { InvalidRequestError } from "../../core/errors.ts";
import type { ImagePart, Message, TextPart, ToolResultPart, UserContentPart } from "../../core/types/message.ts";
import type { Warning } from "../../core/types/response.ts";
import { toExtras, unknownFields } from "../internal/extras.ts";
import { synthesizeToolCallId } from "../internal/tool-call-id.ts";
import { checkArray, checkRecord, checkString, checkStringArray, isAbsent } from "./check-field.ts";
import { sniffImageType } from "./sniff-image-type.ts";
import { decodeAssistantContent } from "./decode-assistant-content.ts";

export interface DecodedMessages {
  system: TextPart[];
  messages: Message[];
  warnings: Warning[];
}

const roles: ReadonlySet<string> = new Set(["system", "user", "assistant", "tool"]);

/** A wire message with the fields llmux understood; the rest is its extras. */
interface ReadMessage {
  role: string;
  content: string;
  images: string[];
  consumed: Set<string>;
  record: Record<string, unknown>;
  param: string;
}

function readMessage(value: unknown, param: string): ReadMessage {
  const record = checkRecord(value, param);
  const role = checkString(record["role"], `${param}.role`);
  if (!roles.has(role)) {
    throw new InvalidRequestError(`Invalid Ollama request: \`${param}.role\` must be system, user, assistant or tool, got "${role}".`, {
      param: `${param}.role`,
    });
  }
  const consumed = new Set(["role"]);
  let content = "";
  if (!isAbsent(record["content"])) {
    content = checkString(record["content"], `${param}.content`);
    consumed.add("content");
  }
  let images: string[] = [];
  // Only user and tool messages have a canonical place for images; elsewhere they stay extras.
  if ((role === "user" || role === "tool") && !isAbsent(record["images"])) {
    images = checkStringArray(record["images"], `${param}.images`);
    if (images.length > 0) consumed.add("images");
  }
  return { role, content, images, consumed, record, param };
}

function imagePart(data: string): ImagePart {
  return { type: "image", source: { kind: "base64", mediaType: sniffImageType(data), data } };
}

/** Text then images; an empty content with images gives no text part, and never an empty list. */
function userContent(message: ReadMessage): UserContentPart[] {
  const parts: UserContentPart[] = [];
  if (message.content !== "" || message.images.length === 0) parts.push({ type: "text", text: message.content });
  for (const data of message.images) parts.push(imagePart(data));
  return parts;
}

function extrasOf(message: ReadMessage): ReturnType<typeof toExtras> {
  return toExtras("ollama", unknownFields(message.record, message.consumed));
}

interface PendingCall {
  id: string;
  name: string;
}

export function decodeMessages(value: unknown): DecodedMessages {
  const wire = checkArray(value, "messages");
  const result: DecodedMessages = { system: [], messages: [], warnings: [] };
  // Calls of the latest assistant turn not yet answered, in order.
  let pending: PendingCall[] = [];
  let conversationStarted = false;

  wire.forEach((item, index) => {
    const message = readMessage(item, `messages[${index}]`);
    switch (message.role) {
      case "system": {
        if (conversationStarted) {
          result.warnings.push({
            code: "lossy-conversion",
            message: "A system message inside the conversation was moved to the system prompt.",
            path: message.param,
          });
        }
        const part: TextPart = { type: "text", text: message.content };
        const extras = extrasOf(message);
        if (extras) part.extras = extras;
        result.system.push(part);
        return;
      }
      case "user": {
        conversationStarted = true;
        const decoded: Message = { role: "user", content: userContent(message) };
        const extras = extrasOf(message);
        if (extras) decoded.extras = extras;
        result.messages.push(decoded);
        return;
      }
      case "assistant": {
        conversationStarted = true;
        const { content, calls } = decodeAssistantContent({
          record: message.record,
          param: message.param,
          consumed: message.consumed,
          // Keyed by the message's position, so the same history gives the same ids every time.
          idFor: (ordinal) => synthesizeToolCallId(`m${index}`, ordinal),
        });
        pending = calls.map((call) => ({ id: call.id, name: call.name }));
        const decoded: Message = { role: "assistant", content };
        const extras = extrasOf(message);
        if (extras) decoded.extras = extras;
        result.messages.push(decoded);
        return;
      }
      default: {
        conversationStarted = true;
        const part = toolResult(message, pending, index);
        const previous = result.messages.at(-1);
        if (previous?.role === "tool") previous.content.push(part);
        else result.messages.push({ role: "tool", content: [part] });
      }
    }
  });
  return result;
}

function toolResult(message: ReadMessage, pending: PendingCall[], index: number): ToolResultPart {
  const rawName = message.record["tool_name"];
  const toolName = isAbsent(rawName) ? undefined : checkString(rawName, `${message.param}.tool_name`);
  if (toolName !== undefined) message.consumed.add("tool_name");
  // `tool_call_id` is not in Ollama's documented API, but newer clients send it: honour it.
  const hintedId = typeof message.record["tool_call_id"] === "string" ? message.record["tool_call_id"] : undefined;
  let position = pending.findIndex((call) => call.id === hintedId);
  if (position === -1 && toolName !== undefined) position = pending.findIndex((call) => call.name === toolName);
  if (position === -1 && toolName === undefined) position = pending.length > 0 ? 0 : -1;
  const call = position === -1 ? undefined : pending.splice(position, 1)[0];
  const part: ToolResultPart = {
    type: "tool-result",
    toolCallId: call?.id ?? hintedId ?? synthesizeToolCallId(`m${index}`, 0),
    content: userContent(message),
  };
  const name = toolName ?? call?.name;
  if (name !== undefined) part.toolName = name;
  const extras = extrasOf(message);
  if (extras) part.extras = extras;
  return part;
}
