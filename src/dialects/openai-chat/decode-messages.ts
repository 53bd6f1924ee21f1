/**
 * @module
 * Chat Completions `messages[]` → canonical system prompt and messages. System and developer
 * messages are hoisted; consecutive `tool` (and legacy `function`) messages become one
 * canonical tool message; tool results get their tool name from the assistant call they answer.
 */
import type {
  AssistantContentPart,
  AssistantMessage,
  Message,
  TextPart,
  ToolCallPart,
  ToolResultPart,
  UserMessage,
} from "../../core/types/message.ts";
import type { Warning } from "../../core/types/response.ts";
import { isRecord } from "../internal/json.ts";
import { decodeContentParts, isPlainSingleText } from "./decode-content.ts";
import { expectArray, expectRecord, expectString, failField } from "./field-checks.ts";
import { addMarkers, makeExtras, omitKeys, type AsideItem, type Markers } from "./wire-extras.ts";

export interface DecodedMessages {
  system: TextPart[];
  messages: Message[];
}

interface DecodeState {
  system: TextPart[];
  messages: Message[];
  systemMessages: number;
  /** Tool call id → tool name, from the assistant turns seen so far. */
  toolNames: Map<string, string>;
  /** Legacy function name → id given to its latest call. */
  legacyCalls: Map<string, string>;
}

export function decodeMessages(wire: unknown[], warnings: Warning[]): DecodedMessages {
  const state: DecodeState = { system: [], messages: [], systemMessages: 0, toolNames: new Map(), legacyCalls: new Map() };
  wire.forEach((value, index) => {
    const path = `messages[${index}]`;
    const message = expectRecord(value, path);
    switch (message["role"]) {
      case "system":
      case "developer":
        decodeSystemMessage(message, path, state, warnings);
        break;
      case "user":
        state.messages.push(decodeUserMessage(message, path));
        break;
      case "assistant":
        state.messages.push(decodeAssistantMessage(message, path, index, state));
        break;
      case "tool":
      case "function":
        appendToolResult(decodeToolResult(message, path, state), state);
        break;
      default:
        failField(`\`${path}.role\` must be one of developer, system, user, assistant, tool, function.`, `${path}.role`);
    }
  });
  return { system: state.system, messages: state.messages };
}

function decodeSystemMessage(message: Record<string, unknown>, path: string, state: DecodeState, warnings: Warning[]): void {
  const content = message["content"];
  let parts: TextPart[];
  if (typeof content === "string") parts = [{ type: "text", text: content }];
  else if (Array.isArray(content)) {
    const decoded = decodeContentParts(content, `${path}.content`, false);
    const first = decoded.aside[0];
    if (first) failField("System and developer content supports text parts only.", `${path}.content[${first.index}]`);
    parts = decoded.parts as TextPart[];
  } else failField(`\`${path}.content\` must be a string or an array of text parts.`, `${path}.content`);

  if (state.messages.length > 0) {
    warnings.push({
      code: "lossy-conversion",
      message: "A system message after the conversation started was hoisted into the system prompt; its position is lost.",
      path,
    });
  }
  const first = parts[0];
  if (!first) {
    warnings.push({ code: "unsupported-content", message: "An empty system message was dropped.", path });
    return;
  }
  // Only what differs from the default encoding (one `system` message, string content) is marked.
  const fields = omitKeys(message, ["role", "content"]);
  const shape: Record<string, unknown> = {};
  if (message["role"] === "developer") shape["role"] = "developer";
  if (Array.isArray(content) && isPlainSingleText(parts)) shape["contentParts"] = true;
  if (Object.keys(fields).length > 0) shape["fields"] = fields;
  if (state.systemMessages > 0 || Object.keys(shape).length > 0) first.extras = addMarkers(first.extras, { $systemMessage: shape });
  state.systemMessages++;
  state.system.push(...parts);
}

function decodeUserMessage(message: Record<string, unknown>, path: string): UserMessage {
  const content = message["content"];
  const markers: Markers = {};
  const decoded: UserMessage = { role: "user", content: [] };
  if (typeof content === "string") decoded.content = [{ type: "text", text: content }];
  else if (Array.isArray(content)) {
    const parts = decodeContentParts(content, `${path}.content`, true);
    decoded.content = parts.parts;
    if (parts.aside.length > 0) markers.$asideParts = parts.aside;
    else if (isPlainSingleText(parts.parts)) markers.$contentParts = true;
  } else failField(`\`${path}.content\` must be a string or an array of parts.`, `${path}.content`);
  const extras = makeExtras(omitKeys(message, ["role", "content"]), markers);
  if (extras) decoded.extras = extras;
  return decoded;
}

function decodeAssistantMessage(message: Record<string, unknown>, path: string, position: number, state: DecodeState): AssistantMessage {
  const rest = omitKeys(message, ["role"]);
  const markers: Markers = {};
  const parts: AssistantContentPart[] = [];

  // Non-standard reasoning fields: DeepSeek/Qwen `reasoning_content`, OpenRouter `reasoning`.
  if (typeof rest["reasoning_content"] === "string") {
    parts.push({ type: "reasoning", text: rest["reasoning_content"], extras: addMarkers(undefined, { $field: "reasoning_content" }) });
    delete rest["reasoning_content"];
  } else if (typeof rest["reasoning"] === "string") {
    parts.push({ type: "reasoning", text: rest["reasoning"], extras: addMarkers(undefined, { $field: "reasoning" }) });
    delete rest["reasoning"];
  }

  const content = rest["content"];
  delete rest["content"];
  if (content === undefined) markers.$content = "absent";
  else if (content === "") markers.$content = "empty";
  else if (typeof content === "string") parts.push({ type: "text", text: content });
  else if (Array.isArray(content)) {
    const decoded = decodeContentParts(content, `${path}.content`, false);
    parts.push(...(decoded.parts as TextPart[]));
    if (decoded.aside.length > 0) markers.$asideParts = decoded.aside;
    else if (decoded.parts.length === 0 || isPlainSingleText(decoded.parts)) markers.$content = "parts";
  } else if (content !== null) failField(`\`${path}.content\` must be a string, an array of parts or null.`, `${path}.content`);

  const toolCalls = rest["tool_calls"];
  if (Array.isArray(toolCalls) && toolCalls.length > 0) {
    const aside: AsideItem[] = [];
    toolCalls.forEach((value, index) => {
      const callPath = `${path}.tool_calls[${index}]`;
      const call = expectRecord(value, callPath);
      // Custom tool calls have no canonical form: kept verbatim.
      if (call["type"] !== "function") {
        aside.push({ index, item: value });
        return;
      }
      const part = decodeToolCall(call, callPath);
      state.toolNames.set(part.id, part.name);
      parts.push(part);
    });
    if (aside.length > 0) markers.$asideToolCalls = aside;
    delete rest["tool_calls"];
  } else if (toolCalls !== undefined && toolCalls !== null) expectArray(toolCalls, `${path}.tool_calls`);

  const functionCall = rest["function_call"];
  if (isRecord(functionCall)) {
    const part = decodeFunctionCall(functionCall, `${path}.function_call`, `call_legacy_${position}`);
    state.toolNames.set(part.id, part.name);
    state.legacyCalls.set(part.name, part.id);
    parts.push(part);
    delete rest["function_call"];
  }

  const decoded: AssistantMessage = { role: "assistant", content: parts };
  const extras = makeExtras(rest, markers);
  if (extras) decoded.extras = extras;
  return decoded;
}

/** One `tool_calls[]` entry; unknown fields stay in extras mirroring the wire object. */
export function decodeToolCall(call: Record<string, unknown>, path: string): ToolCallPart {
  const fn = expectRecord(call["function"], `${path}.function`);
  const part: ToolCallPart = {
    type: "tool-call",
    id: expectString(call["id"], `${path}.id`),
    name: expectString(fn["name"], `${path}.function.name`),
    arguments: expectString(fn["arguments"], `${path}.function.arguments`),
  };
  const fields = omitKeys(call, ["id", "type", "function"]);
  const inner = omitKeys(fn, ["name", "arguments"]);
  if (Object.keys(inner).length > 0) fields["function"] = inner;
  const extras = makeExtras(fields);
  if (extras) part.extras = extras;
  return part;
}

/** A legacy `function_call`: a tool call without id, marked so encoding restores the legacy shape. */
export function decodeFunctionCall(call: Record<string, unknown>, path: string, id: string): ToolCallPart {
  const inner = omitKeys(call, ["name", "arguments"]);
  return {
    type: "tool-call",
    id,
    name: expectString(call["name"], `${path}.name`),
    arguments: expectString(call["arguments"], `${path}.arguments`),
    extras: addMarkers(makeExtras(Object.keys(inner).length > 0 ? { function: inner } : undefined), { $legacy: true }),
  };
}

function decodeToolResult(message: Record<string, unknown>, path: string, state: DecodeState): ToolResultPart {
  const markers: Markers = {};
  let part: ToolResultPart;
  if (message["role"] === "tool") {
    const toolCallId = expectString(message["tool_call_id"], `${path}.tool_call_id`);
    part = { type: "tool-result", toolCallId, content: [] };
    const toolName = state.toolNames.get(toolCallId);
    if (toolName !== undefined) part.toolName = toolName;
  } else {
    const name = expectString(message["name"], `${path}.name`);
    part = { type: "tool-result", toolCallId: state.legacyCalls.get(name) ?? `call_legacy_${name}`, toolName: name, content: [] };
    markers.$legacy = true;
  }

  const content = message["content"];
  if (typeof content === "string") part.content = content === "" ? [] : [{ type: "text", text: content }];
  else if (Array.isArray(content)) {
    const decoded = decodeContentParts(content, `${path}.content`, false);
    part.content = decoded.parts;
    if (decoded.aside.length > 0) markers.$asideParts = decoded.aside;
    else if (decoded.parts.length === 0 || isPlainSingleText(decoded.parts)) markers.$contentParts = true;
  } else if (content === null && markers.$legacy === true) markers.$nullContent = true;
  else failField(`\`${path}.content\` must be a string or an array of text parts.`, `${path}.content`);

  // What identifies the call is decoded; anything else (e.g. an old `name` on a tool message) stays verbatim.
  const known = message["role"] === "tool" ? ["role", "content", "tool_call_id"] : ["role", "content", "name"];
  const extras = makeExtras(omitKeys(message, known), markers);
  if (extras) part.extras = extras;
  return part;
}

function appendToolResult(part: ToolResultPart, state: DecodeState): void {
  const last = state.messages.at(-1);
  if (last?.role === "tool") last.content.push(part);
  else state.messages.push({ role: "tool", content: [part] });
}
