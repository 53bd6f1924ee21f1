/**
 * @module
 * Canonical system parts and messages → Ollama `messages`. System parts come first, one
 * message each; each tool result becomes its own `tool` message naming its tool. What Ollama
 * cannot carry (image URLs, reasoning signatures, error flags) is dropped with a warning.
 */
import type {
  AssistantContentPart,
  ImagePart,
  Message,
  TextPart,
  ToolResultPart,
  UserContentPart,
} from "../../core/types/message.ts";
import type { Warning } from "../../core/types/response.ts";
import { ownExtras } from "../internal/extras.ts";
import { encodeToolCall } from "./tool-calls.ts";
import { warnForeignExtras } from "./warn-foreign-extras.ts";
import type { OllamaMessage, OllamaToolCall } from "./wire-types.ts";

/** Text joined, images as bare base64; URL images dropped with a warning. */
function splitContent(parts: UserContentPart[], warnings: Warning[], path: string): { content: string; images: string[] } {
  const texts: string[] = [];
  const images: string[] = [];
  parts.forEach((part, index) => {
    const partPath = `${path}[${index}]`;
    warnForeignExtras(part.extras, warnings, partPath);
    if (part.type === "text") texts.push(part.text);
    else encodeImage(part, images, warnings, partPath);
  });
  return { content: texts.join("\n"), images };
}

function encodeImage(part: ImagePart, images: string[], warnings: Warning[], path: string): void {
  if (part.source.kind === "base64") {
    images.push(part.source.data);
    return;
  }
  warnings.push({
    code: "unsupported-content",
    message: `Ollama accepts only base64 images, not URLs; the image ${part.source.url} was dropped.`,
    path,
  });
}

function withImages(message: OllamaMessage, images: string[]): OllamaMessage {
  if (images.length > 0) message.images = images;
  return message;
}

function encodeSystem(part: TextPart, warnings: Warning[], index: number): OllamaMessage {
  warnForeignExtras(part.extras, warnings, `system[${index}]`);
  return { ...ownExtras("ollama", part.extras), role: "system", content: part.text };
}

/** The assistant fields of an Ollama message (also the `message` of a response). */
export interface AssistantFields {
  content: string;
  thinking?: string;
  tool_calls?: OllamaToolCall[];
}

/** Reasoning parts become `thinking`, text `content`, calls `tool_calls`; `contentPath` prefixes warning paths. */
export function encodeAssistantContent(parts: AssistantContentPart[], warnings: Warning[], contentPath: string): AssistantFields {
  const texts: string[] = [];
  const thinking: string[] = [];
  const calls: OllamaToolCall[] = [];
  parts.forEach((part, index) => {
    const partPath = `${contentPath}[${index}]`;
    if (part.type === "tool-call") {
      calls.push(encodeToolCall(part, warnings, partPath));
      return;
    }
    warnForeignExtras(part.extras, warnings, partPath);
    if (part.type === "text") {
      texts.push(part.text);
      return;
    }
    thinking.push(part.text);
    if (part.signature !== undefined) {
      warnings.push({ code: "unsupported-field", message: "Ollama has no reasoning signature; it was dropped.", path: partPath });
    }
    if (part.redactedData !== undefined) {
      warnings.push({ code: "unsupported-content", message: "Ollama cannot carry redacted reasoning; it was dropped.", path: partPath });
    }
  });
  const fields: AssistantFields = { content: texts.join("\n") };
  if (thinking.length > 0) fields.thinking = thinking.join("\n");
  if (calls.length > 0) fields.tool_calls = calls;
  return fields;
}

function encodeToolResult(
  part: ToolResultPart,
  toolNames: ReadonlyMap<string, string>,
  warnings: Warning[],
  path: string,
): OllamaMessage {
  warnForeignExtras(part.extras, warnings, path);
  const { content, images } = splitContent(part.content, warnings, `${path}.content`);
  const wire: OllamaMessage = { ...ownExtras("ollama", part.extras), role: "tool", content };
  const toolName = part.toolName ?? toolNames.get(part.toolCallId);
  if (toolName !== undefined) wire.tool_name = toolName;
  if (part.isError === true) {
    warnings.push({ code: "unsupported-field", message: "Ollama tool results have no error flag; it was dropped.", path });
  }
  return withImages(wire, images);
}

export function encodeMessages(system: TextPart[] | undefined, messages: Message[], warnings: Warning[]): OllamaMessage[] {
  const wire: OllamaMessage[] = (system ?? []).map((part, index) => encodeSystem(part, warnings, index));
  // Ollama results carry only the tool's name: look it up from the call when the result lacks it.
  const toolNames = new Map<string, string>();
  messages.forEach((message, index) => {
    const path = `messages[${index}]`;
    warnForeignExtras(message.extras, warnings, path);
    if (message.role === "user") {
      const { content, images } = splitContent(message.content, warnings, `${path}.content`);
      wire.push(withImages({ ...ownExtras("ollama", message.extras), role: "user", content }, images));
    } else if (message.role === "assistant") {
      for (const part of message.content) if (part.type === "tool-call") toolNames.set(part.id, part.name);
      const fields = encodeAssistantContent(message.content, warnings, `${path}.content`);
      wire.push({ ...ownExtras("ollama", message.extras), role: "assistant", ...fields });
    } else {
      message.content.forEach((part, partIndex) => {
        wire.push(encodeToolResult(part, toolNames, warnings, `${path}.content[${partIndex}]`));
      });
    }
  });
  return wire;
}
