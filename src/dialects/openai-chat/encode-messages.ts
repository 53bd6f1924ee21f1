/**
 * @module
 * Canonical system prompt and messages → Chat Completions `messages[]`. The inverse of
 * decode-messages.ts: markers restore the exact wire shape of a same-dialect round trip;
 * what the wire cannot carry (signatures, images in tool results, error flags) is dropped
 * with a warning.
 */
import type {
  AssistantMessage,
  ImagePart,
  Message,
  ReasoningPart,
  TextPart,
  ToolCallPart,
  ToolResultPart,
  UserMessage,
} from "../../core/types/message.ts";
import type { Warning } from "../../core/types/response.ts";
import { imageSourceToUrl } from "../internal/data-url.ts";
import { isRecord } from "../internal/json.ts";
import type {
  OpenAIChatAssistantMessage,
  OpenAIChatContentPart,
  OpenAIChatFunctionCall,
  OpenAIChatMessage,
  OpenAIChatSystemMessage,
  OpenAIChatTextPart,
  OpenAIChatToolCall,
} from "./wire-types.ts";
import {
  hasWireFields,
  readNestedFields,
  readAside,
  readMarker,
  restoreAside,
  warnForeignExtras,
  readWireFields,
} from "./wire-extras.ts";

export function encodeSystem(system: TextPart[], warnings: Warning[]): OpenAIChatSystemMessage[] {
  const groups: TextPart[][] = [];
  system.forEach((part, index) => {
    warnForeignExtras(part.extras, `system[${index}]`, warnings);
    const last = groups.at(-1);
    if (last && readMarker(part.extras, "$systemMessage") === undefined) last.push(part);
    else groups.push([part]);
  });
  return groups.map((group) => {
    const head = group[0] as TextPart;
    const shape = readMarker(head.extras, "$systemMessage");
    const marker = isRecord(shape) ? shape : {};
    const fields = isRecord(marker["fields"]) ? marker["fields"] : {};
    const asString = group.length === 1 && marker["contentParts"] !== true && !hasWireFields(head.extras);
    return {
      ...fields,
      role: marker["role"] === "developer" ? "developer" : "system",
      content: asString ? head.text : group.map(encodeTextPart),
    };
  });
}

export function encodeMessages(messages: Message[], warnings: Warning[]): OpenAIChatMessage[] {
  const wire: OpenAIChatMessage[] = [];
  messages.forEach((message, index) => {
    const path = `messages[${index}]`;
    warnForeignExtras(message.extras, path, warnings);
    if (message.role === "user") wire.push(encodeUserMessage(message, path, warnings));
    else if (message.role === "assistant") wire.push(encodeAssistantMessage(message, path, warnings));
    else message.content.forEach((part, partIndex) => wire.push(encodeToolResult(part, `${path}.content[${partIndex}]`, warnings)));
  });
  return wire;
}

function encodeTextPart(part: TextPart): OpenAIChatTextPart {
  return { ...readWireFields(part.extras), type: "text", text: part.text };
}

function encodeImagePart(part: ImagePart): OpenAIChatContentPart {
  return {
    ...readWireFields(part.extras),
    type: "image_url",
    image_url: { ...readNestedFields(part.extras, "image_url"), url: imageSourceToUrl(part.source) },
  };
}

function isPlainText(parts: ReadonlyArray<TextPart | ImagePart>): parts is [TextPart] {
  const only = parts[0];
  return parts.length === 1 && only?.type === "text" && !hasWireFields(only.extras);
}

function encodeUserMessage(message: UserMessage, path: string, warnings: Warning[]): OpenAIChatMessage {
  message.content.forEach((part, index) => warnForeignExtras(part.extras, `${path}.content[${index}]`, warnings));
  const aside = readAside(message.extras, "$asideParts");
  const fields = readWireFields(message.extras);
  if (aside.length === 0 && readMarker(message.extras, "$contentParts") !== true && isPlainText(message.content)) {
    return { ...fields, role: "user", content: message.content[0].text };
  }
  const parts = message.content.map((part) => (part.type === "text" ? encodeTextPart(part) : encodeImagePart(part)));
  return { ...fields, role: "user", content: restoreAside(parts, aside) as OpenAIChatContentPart[] };
}

function encodeAssistantMessage(message: AssistantMessage, path: string, warnings: Warning[]): OpenAIChatAssistantMessage {
  const texts: TextPart[] = [];
  const reasoning: ReasoningPart[] = [];
  const calls: ToolCallPart[] = [];
  message.content.forEach((part, index) => {
    warnForeignExtras(part.extras, `${path}.content[${index}]`, warnings);
    if (part.type === "text") texts.push(part);
    else if (part.type === "reasoning") reasoning.push(part);
    else calls.push(part);
  });
  const wire: OpenAIChatAssistantMessage = { ...readWireFields(message.extras), role: "assistant" };

  const aside = readAside(message.extras, "$asideParts");
  const shape = readMarker(message.extras, "$content");
  if (aside.length > 0 || texts.length > 1 || shape === "parts" || (texts.length === 1 && hasWireFields(texts[0]?.extras))) {
    wire.content = restoreAside(texts.map(encodeTextPart), aside) as OpenAIChatContentPart[];
  } else if (texts[0]) wire.content = texts[0].text;
  else if (shape === "empty") wire.content = "";
  else if (shape !== "absent") wire.content = null;

  // Reasoning goes back only in the field the client itself used: OpenAI rejects unknown
  // message fields and DeepSeek rejects `reasoning_content` in input, so another vendor's
  // thinking is dropped (with a warning) rather than sent where it breaks the request.
  const field = readMarker(reasoning[0]?.extras, "$field");
  if (field === "reasoning" || field === "reasoning_content") wire[field] = encodeReasoning(reasoning, path, warnings);
  else if (reasoning.length > 0) {
    warnings.push({ code: "unsupported-content", message: "Chat Completions requests have no field for earlier reasoning; it was dropped.", path });
  }

  const legacy = calls.find((call) => readMarker(call.extras, "$legacy") === true);
  if (legacy) wire.function_call = encodeFunctionCall(legacy);
  const toolCalls = restoreAside(
    calls.filter((call) => call !== legacy).map(encodeToolCall),
    readAside(message.extras, "$asideToolCalls"),
  );
  if (toolCalls.length > 0) wire.tool_calls = toolCalls as OpenAIChatToolCall[];
  return wire;
}

/** Reasoning text for `reasoning_content`; signatures and redacted blocks have no place here. */
export function encodeReasoning(parts: ReasoningPart[], path: string, warnings: Warning[]): string {
  if (parts.some((part) => part.signature !== undefined)) {
    warnings.push({ code: "unsupported-content", message: "Chat Completions cannot carry a reasoning signature; it was dropped.", path });
  }
  if (parts.some((part) => part.redactedData !== undefined)) {
    warnings.push({ code: "unsupported-content", message: "Redacted reasoning cannot be sent on Chat Completions; it was dropped.", path });
  }
  if (parts.length > 1) {
    warnings.push({ code: "lossy-conversion", message: "Several reasoning blocks were joined into one reasoning_content.", path });
  }
  return parts.map((part) => part.text).join("");
}

export function encodeToolCall(call: ToolCallPart): OpenAIChatToolCall {
  return {
    ...readWireFields(call.extras),
    id: call.id,
    type: "function",
    function: { ...readNestedFields(call.extras, "function"), name: call.name, arguments: call.arguments },
  };
}

export function encodeFunctionCall(call: ToolCallPart): OpenAIChatFunctionCall {
  return { ...readNestedFields(call.extras, "function"), name: call.name, arguments: call.arguments };
}

function encodeToolResult(part: ToolResultPart, path: string, warnings: Warning[]): OpenAIChatMessage {
  warnForeignExtras(part.extras, path, warnings);
  if (part.isError === true) {
    warnings.push({ code: "lossy-conversion", message: "Chat Completions tool messages have no error flag; it was dropped.", path });
  }
  const texts: TextPart[] = [];
  part.content.forEach((item) => {
    if (item.type === "text") texts.push(item);
    else warnings.push({ code: "unsupported-content", message: "Chat Completions tool messages carry text only; an image was dropped.", path });
  });
  const aside = readAside(part.extras, "$asideParts");
  let content: string | OpenAIChatContentPart[] | null;
  if (aside.length > 0 || readMarker(part.extras, "$contentParts") === true || texts.length > 1 || (texts.length === 1 && !isPlainText(texts))) {
    content = restoreAside(texts.map(encodeTextPart), aside) as OpenAIChatContentPart[];
  } else content = texts[0]?.text ?? "";

  const fields = readWireFields(part.extras);
  if (readMarker(part.extras, "$legacy") === true) {
    if (readMarker(part.extras, "$nullContent") === true && content === "") content = null;
    return { ...fields, role: "function", name: part.toolName ?? "", content: content as string | null };
  }
  return { ...fields, role: "tool", tool_call_id: part.toolCallId, content: content as string | OpenAIChatTextPart[] };
}
