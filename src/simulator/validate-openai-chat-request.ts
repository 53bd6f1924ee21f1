/**
 * @module
 * Checks a Chat Completions request the way OpenAI does (protocols.md 1.1): a Bearer key,
 * `model` and a non-empty `messages`, valid roles, tool messages answering a tool call that
 * was made (and every call answered before the conversation goes on), `arguments` as JSON
 * text, tools of type function with valid names, sampling ranges.
 */
import { checkMinInteger, checkRange, isNonEmptyString, isRecord, toolNamePattern } from "./check-value.ts";
import { readBearerToken, type RequestHeaders } from "./request-headers.ts";

const roles: ReadonlySet<string> = new Set(["developer", "system", "user", "assistant", "tool", "function"]);
const userPartTypes: ReadonlySet<string> = new Set(["text", "image_url", "input_audio", "file"]);
const toolChoices: ReadonlySet<string> = new Set(["none", "auto", "required"]);

function checkTextParts(problems: string[], content: unknown, path: string, allowRefusal = false): void {
  if (typeof content === "string") return;
  if (!Array.isArray(content)) {
    problems.push(`${path} must be a string or an array of text parts`);
    return;
  }
  content.forEach((part, index) => {
    const ok = isRecord(part) && ((part["type"] === "text" && typeof part["text"] === "string") || (allowRefusal && part["type"] === "refusal"));
    if (!ok) problems.push(`${path}[${index}] must be a text part`);
  });
}

function checkUserContent(problems: string[], content: unknown, path: string): void {
  if (typeof content === "string") return;
  if (!Array.isArray(content) || content.length === 0) {
    problems.push(`${path} must be a string or a non-empty array of content parts`);
    return;
  }
  content.forEach((part, index) => {
    const at = `${path}[${index}]`;
    if (!isRecord(part) || typeof part["type"] !== "string" || !userPartTypes.has(part["type"])) {
      problems.push(`${at}.type must be one of text, image_url, input_audio, file`);
      return;
    }
    if (part["type"] === "text" && typeof part["text"] !== "string") problems.push(`${at}.text must be a string`);
    if (part["type"] === "image_url") {
      const image = part["image_url"];
      const url = isRecord(image) ? image["url"] : undefined;
      if (typeof url !== "string" || !/^(https?:\/\/|data:image\/[a-z0-9.+-]+;base64,)/i.test(url)) {
        problems.push(`${at}.image_url.url must be an http(s) URL or a data:image/...;base64, URL`);
      }
    }
  });
}

/** Checks the assistant's tool calls; returns their ids. */
function checkToolCalls(problems: string[], calls: unknown, path: string): string[] {
  if (!Array.isArray(calls)) {
    problems.push(`${path} must be an array`);
    return [];
  }
  const ids: string[] = [];
  calls.forEach((call, index) => {
    const at = `${path}[${index}]`;
    if (!isRecord(call) || !isRecord(call["function"])) {
      problems.push(`${at} must be {id, type: "function", function: {name, arguments}}`);
      return;
    }
    if (!isNonEmptyString(call["id"])) problems.push(`${at}.id must be a non-empty string`);
    else ids.push(call["id"]);
    if (call["type"] !== "function") problems.push(`${at}.type must be "function"`);
    const fn = call["function"];
    if (!isNonEmptyString(fn["name"])) problems.push(`${at}.function.name must be a non-empty string`);
    if (typeof fn["arguments"] !== "string") problems.push(`${at}.function.arguments must be a JSON string, not ${typeof fn["arguments"]}`);
  });
  return ids;
}

function checkMessages(problems: string[], messages: unknown[]): void {
  /** Calls of the latest assistant turn not answered yet by a tool message. */
  let pending = new Set<string>();
  const answered = new Set<string>();
  const made = new Set<string>();
  messages.forEach((message, index) => {
    const at = `messages[${index}]`;
    if (!isRecord(message)) {
      problems.push(`${at} must be an object`);
      return;
    }
    const role = message["role"];
    if (typeof role !== "string" || !roles.has(role)) {
      problems.push(`${at}.role must be one of developer, system, user, assistant, tool, function; got ${JSON.stringify(role)}`);
      return;
    }
    if (role !== "tool" && pending.size > 0) {
      problems.push(`An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'; missing: ${[...pending].join(", ")} (before ${at})`);
      pending = new Set();
    }
    const content = message["content"];
    if (role === "system" || role === "developer") checkTextParts(problems, content, `${at}.content`);
    else if (role === "user") checkUserContent(problems, content, `${at}.content`);
    else if (role === "assistant") {
      const calls = message["tool_calls"];
      const hasCalls = Array.isArray(calls) && calls.length > 0;
      if ((content === undefined || content === null) && !hasCalls && message["function_call"] === undefined) {
        problems.push(`${at}.content is required unless tool_calls or function_call is specified`);
      } else if (content !== undefined && content !== null) checkTextParts(problems, content, `${at}.content`, true);
      if (calls !== undefined) {
        const ids = checkToolCalls(problems, calls, `${at}.tool_calls`);
        ids.forEach((id) => made.add(id));
        pending = new Set(ids);
      }
    } else if (role === "tool") {
      const id = message["tool_call_id"];
      if (!isNonEmptyString(id)) problems.push(`${at}.tool_call_id must be a non-empty string`);
      else if (!made.has(id)) problems.push(`${at}.tool_call_id ${JSON.stringify(id)} does not match any preceding tool call`);
      else if (answered.has(id)) problems.push(`${at}.tool_call_id ${JSON.stringify(id)} was already answered`);
      else {
        answered.add(id);
        pending.delete(id);
      }
      checkTextParts(problems, content, `${at}.content`);
    }
  });
  if (pending.size > 0) {
    problems.push(`An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'; missing: ${[...pending].join(", ")}`);
  }
}

function checkTools(problems: string[], body: Record<string, unknown>): void {
  const tools = body["tools"];
  if (tools !== undefined) {
    if (!Array.isArray(tools)) problems.push("tools must be an array");
    else
      tools.forEach((tool, index) => {
        const at = `tools[${index}]`;
        if (!isRecord(tool) || (tool["type"] !== "function" && tool["type"] !== "custom")) {
          problems.push(`${at}.type must be "function" (or "custom")`);
          return;
        }
        if (tool["type"] === "custom") return;
        const fn = tool["function"];
        if (!isRecord(fn) || typeof fn["name"] !== "string" || !toolNamePattern.test(fn["name"])) {
          problems.push(`${at}.function.name must match ^[a-zA-Z0-9_-]{1,64}$`);
          return;
        }
        if (fn["parameters"] !== undefined && !isRecord(fn["parameters"])) problems.push(`${at}.function.parameters must be a JSON Schema object`);
      });
  }
  const choice = body["tool_choice"];
  if (choice === undefined || choice === null) return;
  if (!Array.isArray(tools) || tools.length === 0) problems.push("tool_choice is only allowed when tools are specified");
  if (typeof choice === "string") {
    if (!toolChoices.has(choice)) problems.push(`tool_choice must be none, auto, required or an object; got ${JSON.stringify(choice)}`);
  } else if (!isRecord(choice) || typeof choice["type"] !== "string") problems.push("tool_choice must be a string or an object with a type");
}

export function validateOpenAIChatRequest(body: unknown, headers: RequestHeaders): string[] {
  const problems: string[] = [];
  if (readBearerToken(headers) === undefined) problems.push("You didn't provide an API key (Authorization: Bearer <key>)");
  if (!isRecord(body)) return [...problems, "the body must be a JSON object"];
  if (!isNonEmptyString(body["model"])) problems.push("model is required (a non-empty string)");
  const messages = body["messages"];
  if (!Array.isArray(messages)) problems.push("messages is required (an array)");
  else if (messages.length === 0) problems.push("messages must not be empty ([] is too short)");
  else checkMessages(problems, messages);
  checkTools(problems, body);
  checkRange(problems, body["temperature"], "temperature", 0, 2);
  checkRange(problems, body["top_p"], "top_p", 0, 1);
  checkRange(problems, body["presence_penalty"], "presence_penalty", -2, 2);
  checkRange(problems, body["frequency_penalty"], "frequency_penalty", -2, 2);
  checkMinInteger(problems, body["n"], "n", 1);
  checkMinInteger(problems, body["max_tokens"], "max_tokens", 1);
  checkMinInteger(problems, body["max_completion_tokens"], "max_completion_tokens", 1);
  const stop = body["stop"];
  if (stop !== undefined && stop !== null && typeof stop !== "string") {
    if (!Array.isArray(stop) || stop.length > 4 || !stop.every((item) => typeof item === "string")) {
      problems.push("stop must be a string or an array of at most 4 strings");
    }
  }
  if (body["stream"] !== undefined && body["stream"] !== null && typeof body["stream"] !== "boolean") problems.push("stream must be a boolean");
  if (body["stream_options"] !== undefined && body["stream_options"] !== null && body["stream"] !== true) {
    problems.push("stream_options is only allowed when stream is true");
  }
  const format = body["response_format"];
  if (format !== undefined && format !== null) {
    const type = isRecord(format) ? format["type"] : undefined;
    if (type !== "text" && type !== "json_object" && type !== "json_schema") problems.push("response_format.type must be text, json_object or json_schema");
    if (type === "json_schema" && (!isRecord(format) || !isRecord(format["json_schema"]) || !isNonEmptyString(format["json_schema"]["name"]))) {
      problems.push("response_format.json_schema.name is required");
    }
  }
  return problems;
}
