/**
 * @module
 * Checks a Messages request the way Anthropic does (protocols.md 2, 6.1-6.5): an
 * `anthropic-version` header (required; any value), the key as `x-api-key` or Bearer,
 * `max_tokens` an integer, non-empty `messages` of user/assistant turns, no empty text
 * blocks, tool_use only in assistant turns and tool_result only in user turns answering a
 * tool_use of the turn just before (and every tool_use answered), images in jpeg, png, gif
 * or webp, tool `input_schema` of type object, temperature within 0..1.
 */
import { checkMinInteger, checkRange, isBareBase64, isNonEmptyString, isRecord, toolNamePattern } from "./check-value.ts";
import { readBearerToken, readHeader, type RequestHeaders } from "./request-headers.ts";

const imageMediaTypes: ReadonlySet<string> = new Set(["image/jpeg", "image/png", "image/gif", "image/webp"]);
const idPattern = /^[a-zA-Z0-9_-]+$/;
const userBlockTypes: ReadonlySet<string> = new Set(["text", "image", "document", "tool_result", "search_result"]);
const assistantBlockTypes: ReadonlySet<string> = new Set([
  "text",
  "tool_use",
  "thinking",
  "redacted_thinking",
  "server_tool_use",
  "web_search_tool_result",
]);

export interface AnthropicValidationOptions {
  /** `count_tokens` takes the messages body without `max_tokens`. */
  countTokens?: boolean;
}

function checkTextBlock(problems: string[], block: Record<string, unknown>, path: string): void {
  if (typeof block["text"] !== "string") problems.push(`${path}.text must be a string`);
  else if (block["text"].trim() === "") problems.push(`${path}: text content blocks must contain non-whitespace text`);
}

function checkImageBlock(problems: string[], block: Record<string, unknown>, path: string): void {
  const source = block["source"];
  if (!isRecord(source)) {
    problems.push(`${path}.source is required`);
    return;
  }
  if (source["type"] === "base64") {
    const mediaType = source["media_type"];
    if (typeof mediaType !== "string" || !imageMediaTypes.has(mediaType)) {
      problems.push(`${path}.source.media_type must be one of image/jpeg, image/png, image/gif, image/webp; got ${JSON.stringify(mediaType)}`);
    }
    if (!isBareBase64(source["data"])) problems.push(`${path}.source.data must be base64 without a data: prefix`);
  } else if (source["type"] === "url") {
    if (typeof source["url"] !== "string" || !/^https?:\/\//.test(source["url"])) problems.push(`${path}.source.url must be an http(s) URL`);
  } else if (source["type"] !== "file") problems.push(`${path}.source.type must be base64, url or file`);
}

function checkToolResult(problems: string[], block: Record<string, unknown>, path: string, previousToolUses: ReadonlySet<string>): string | undefined {
  const id = block["tool_use_id"];
  if (!isNonEmptyString(id) || !idPattern.test(id)) {
    problems.push(`${path}.tool_use_id must match ^[a-zA-Z0-9_-]+$`);
    return undefined;
  }
  if (!previousToolUses.has(id)) {
    problems.push(`${path}: unexpected tool_use_id ${JSON.stringify(id)}; each tool_result must have a corresponding tool_use block in the previous message`);
  }
  const content = block["content"];
  if (Array.isArray(content)) {
    content.forEach((inner, index) => {
      const at = `${path}.content[${index}]`;
      if (!isRecord(inner)) problems.push(`${at} must be a block`);
      else if (inner["type"] === "text") checkTextBlock(problems, inner, at);
      else if (inner["type"] === "image") checkImageBlock(problems, inner, at);
      else if (inner["type"] !== "document" && inner["type"] !== "search_result") problems.push(`${at}.type must be text, image, document or search_result`);
    });
  } else if (content !== undefined && typeof content !== "string") problems.push(`${path}.content must be a string or an array of blocks`);
  if (block["is_error"] !== undefined && typeof block["is_error"] !== "boolean") problems.push(`${path}.is_error must be a boolean`);
  return id;
}

interface TurnReport {
  toolUses: Set<string>;
  toolResults: Set<string>;
}

function checkBlock(problems: string[], block: unknown, path: string, role: string, previousToolUses: ReadonlySet<string>, report: TurnReport): void {
  if (!isRecord(block) || typeof block["type"] !== "string") {
    problems.push(`${path} must be a content block with a type`);
    return;
  }
  const type = block["type"];
  const allowed = role === "user" ? userBlockTypes : assistantBlockTypes;
  if (!allowed.has(type)) {
    problems.push(`${path}: a ${type} block is not allowed in a ${role} turn`);
    return;
  }
  if (type === "text") checkTextBlock(problems, block, path);
  else if (type === "image") checkImageBlock(problems, block, path);
  else if (type === "tool_use") {
    const id = block["id"];
    if (!isNonEmptyString(id) || !idPattern.test(id)) problems.push(`${path}.id must match ^[a-zA-Z0-9_-]+$`);
    else report.toolUses.add(id);
    if (!isNonEmptyString(block["name"])) problems.push(`${path}.name must be a non-empty string`);
    if (!isRecord(block["input"])) problems.push(`${path}.input must be an object`);
  } else if (type === "tool_result") {
    const id = checkToolResult(problems, block, path, previousToolUses);
    if (id !== undefined) report.toolResults.add(id);
  } else if (type === "thinking") {
    if (typeof block["thinking"] !== "string") problems.push(`${path}.thinking must be a string`);
    if (!isNonEmptyString(block["signature"])) problems.push(`${path}.signature is required on thinking blocks`);
  } else if (type === "redacted_thinking" && !isNonEmptyString(block["data"])) problems.push(`${path}.data is required`);
}

function checkMessages(problems: string[], messages: unknown[]): void {
  let previousToolUses = new Set<string>();
  messages.forEach((message, index) => {
    const at = `messages[${index}]`;
    if (!isRecord(message)) {
      problems.push(`${at} must be an object`);
      return;
    }
    const role = message["role"];
    if (role !== "user" && role !== "assistant") {
      problems.push(`${at}.role must be "user" or "assistant"; got ${JSON.stringify(role)}`);
      previousToolUses = new Set();
      return;
    }
    const content = message["content"];
    const report: TurnReport = { toolUses: new Set(), toolResults: new Set() };
    if (typeof content === "string") {
      if (content.trim() === "" && index !== messages.length - 1) problems.push(`${at}.content: text content must be non-empty`);
    } else if (!Array.isArray(content)) problems.push(`${at}.content must be a string or an array of blocks`);
    else {
      if (content.length === 0 && index !== messages.length - 1) problems.push(`${at}.content must not be empty`);
      content.forEach((block, blockIndex) => checkBlock(problems, block, `${at}.content[${blockIndex}]`, role, previousToolUses, report));
    }
    if (role === "user" && previousToolUses.size > 0) {
      const missing = [...previousToolUses].filter((id) => !report.toolResults.has(id));
      if (missing.length > 0) {
        problems.push(`${at}: tool_use ids were found without tool_result blocks immediately after: ${missing.join(", ")}`);
      }
    }
    previousToolUses = report.toolUses;
  });
}

function checkTools(problems: string[], body: Record<string, unknown>): void {
  const tools = body["tools"];
  if (tools !== undefined) {
    if (!Array.isArray(tools)) problems.push("tools must be an array");
    else
      tools.forEach((tool, index) => {
        const at = `tools[${index}]`;
        if (!isRecord(tool)) {
          problems.push(`${at} must be an object`);
          return;
        }
        const serverTool = typeof tool["type"] === "string" && tool["type"] !== "custom";
        if (typeof tool["name"] !== "string" || !toolNamePattern.test(tool["name"])) problems.push(`${at}.name must match ^[a-zA-Z0-9_-]{1,64}$`);
        if (serverTool) return;
        const schema = tool["input_schema"];
        if (!isRecord(schema)) problems.push(`${at}.input_schema is required`);
        else if (schema["type"] !== "object") problems.push(`${at}.input_schema.type must be "object"`);
      });
  }
  const choice = body["tool_choice"];
  if (choice === undefined) return;
  const type = isRecord(choice) ? choice["type"] : undefined;
  if (type !== "auto" && type !== "any" && type !== "tool" && type !== "none") problems.push("tool_choice.type must be auto, any, tool or none");
  if (type === "tool" && (!isRecord(choice) || !isNonEmptyString(choice["name"]))) problems.push("tool_choice.name is required for type tool");
}

function checkSystem(problems: string[], system: unknown): void {
  if (system === undefined || typeof system === "string") return;
  if (!Array.isArray(system)) {
    problems.push("system must be a string or an array of text blocks");
    return;
  }
  system.forEach((block, index) => {
    if (!isRecord(block) || block["type"] !== "text") problems.push(`system[${index}] must be a text block`);
    else checkTextBlock(problems, block, `system[${index}]`);
  });
}

function checkThinking(problems: string[], body: Record<string, unknown>): void {
  const thinking = body["thinking"];
  if (thinking === undefined) return;
  const type = isRecord(thinking) ? thinking["type"] : undefined;
  if (type !== "enabled" && type !== "disabled" && type !== "adaptive") {
    problems.push("thinking.type must be enabled, disabled or adaptive");
    return;
  }
  if (type !== "enabled" || !isRecord(thinking)) return;
  const budget = thinking["budget_tokens"];
  checkMinInteger(problems, budget, "thinking.budget_tokens", 1024);
  if (budget === undefined) problems.push("thinking.budget_tokens is required when thinking is enabled");
  if (typeof budget === "number" && typeof body["max_tokens"] === "number" && budget >= body["max_tokens"]) {
    problems.push("max_tokens must be greater than thinking.budget_tokens");
  }
}

export function validateAnthropicRequest(body: unknown, headers: RequestHeaders, options: AnthropicValidationOptions = {}): string[] {
  const problems: string[] = [];
  if (readHeader(headers, "anthropic-version") === undefined) problems.push("anthropic-version: header is required");
  const key = readHeader(headers, "x-api-key");
  if ((key === undefined || key === "") && readBearerToken(headers) === undefined) {
    problems.push("x-api-key header (or Authorization: Bearer) is required");
  }
  if (!isRecord(body)) return [...problems, "the body must be a JSON object"];
  if (!isNonEmptyString(body["model"])) problems.push("model: Field required");
  if (options.countTokens !== true) {
    if (body["max_tokens"] === undefined) problems.push("max_tokens: Field required");
    else checkMinInteger(problems, body["max_tokens"], "max_tokens", 1);
  }
  const messages = body["messages"];
  if (!Array.isArray(messages)) problems.push("messages: Field required (an array)");
  else if (messages.length === 0) problems.push("messages: at least one message is required");
  else checkMessages(problems, messages);
  checkSystem(problems, body["system"]);
  checkTools(problems, body);
  checkThinking(problems, body);
  checkRange(problems, body["temperature"], "temperature", 0, 1);
  checkRange(problems, body["top_p"], "top_p", 0, 1);
  checkMinInteger(problems, body["top_k"], "top_k", 0);
  const stops = body["stop_sequences"];
  if (stops !== undefined && !(Array.isArray(stops) && stops.every((stop) => typeof stop === "string"))) {
    problems.push("stop_sequences must be an array of strings");
  }
  if (body["stream"] !== undefined && typeof body["stream"] !== "boolean") problems.push("stream must be a boolean");
  return problems;
}
