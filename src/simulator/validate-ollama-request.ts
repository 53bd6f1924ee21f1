/**
 * @module
 * Checks an `/api/chat` body the way Ollama does (protocols.md 4, 6.5): a model, a
 * `messages` array of system/user/assistant/tool messages with string content, images as
 * bare base64 (no `data:` prefix, no URLs), tool-call `arguments` as objects (not JSON
 * text), tools in OpenAI's `{type:"function", function:{name}}` shape. Ollama needs no key
 * locally, and ignores fields it does not know.
 */
import { checkMinInteger, checkRange, isBareBase64, isNonEmptyString, isRecord } from "./check-value.ts";
import type { RequestHeaders } from "./request-headers.ts";

const roles: ReadonlySet<string> = new Set(["system", "user", "assistant", "tool"]);
const thinkLevels: ReadonlySet<unknown> = new Set([true, false, "low", "medium", "high", "max"]);

function checkToolCalls(problems: string[], calls: unknown, path: string): void {
  if (!Array.isArray(calls)) {
    problems.push(`${path} must be an array`);
    return;
  }
  calls.forEach((call, index) => {
    const at = `${path}[${index}]`;
    const fn = isRecord(call) ? call["function"] : undefined;
    if (!isRecord(fn)) {
      problems.push(`${at}.function must be an object`);
      return;
    }
    if (!isNonEmptyString(fn["name"])) problems.push(`${at}.function.name must be a non-empty string`);
    if (fn["arguments"] !== undefined && !isRecord(fn["arguments"])) {
      problems.push(`${at}.function.arguments must be an object, not ${typeof fn["arguments"] === "string" ? "JSON text" : typeof fn["arguments"]}`);
    }
  });
}

function checkMessage(problems: string[], message: unknown, path: string): void {
  if (!isRecord(message)) {
    problems.push(`${path} must be an object`);
    return;
  }
  const role = message["role"];
  if (typeof role !== "string" || !roles.has(role)) problems.push(`${path}.role must be system, user, assistant or tool; got ${JSON.stringify(role)}`);
  if (message["content"] !== undefined && typeof message["content"] !== "string") problems.push(`${path}.content must be a string`);
  const images = message["images"];
  if (images !== undefined && images !== null) {
    if (!Array.isArray(images)) problems.push(`${path}.images must be an array of base64 strings`);
    else
      images.forEach((image, index) => {
        if (typeof image === "string" && image.startsWith("data:")) problems.push(`${path}.images[${index}] must be bare base64, without a data: prefix`);
        else if (!isBareBase64(image)) problems.push(`${path}.images[${index}] must be base64 image data (no URLs)`);
      });
  }
  if (message["tool_calls"] !== undefined) {
    if (role !== "assistant") problems.push(`${path}.tool_calls only belongs on assistant messages`);
    checkToolCalls(problems, message["tool_calls"], `${path}.tool_calls`);
  }
  if (message["tool_name"] !== undefined && typeof message["tool_name"] !== "string") problems.push(`${path}.tool_name must be a string`);
  if (message["thinking"] !== undefined && typeof message["thinking"] !== "string") problems.push(`${path}.thinking must be a string`);
}

function checkOptions(problems: string[], options: unknown): void {
  if (options === undefined || options === null) return;
  if (!isRecord(options)) {
    problems.push("options must be an object");
    return;
  }
  for (const key of ["temperature", "top_p", "top_k", "num_predict", "seed", "num_ctx", "presence_penalty", "frequency_penalty"]) {
    if (options[key] !== undefined && typeof options[key] !== "number") problems.push(`options.${key} must be a number`);
  }
  checkRange(problems, options["top_p"], "options.top_p", 0, 1);
  checkMinInteger(problems, options["num_ctx"], "options.num_ctx", 1);
  const stop = options["stop"];
  if (stop !== undefined && !(Array.isArray(stop) && stop.every((item) => typeof item === "string"))) problems.push("options.stop must be an array of strings");
}

export function validateOllamaRequest(body: unknown, _headers: RequestHeaders = {}): string[] {
  const problems: string[] = [];
  if (!isRecord(body)) return ["the body must be a JSON object"];
  if (!isNonEmptyString(body["model"])) problems.push("model is required");
  const messages = body["messages"];
  if (messages !== undefined && !Array.isArray(messages)) problems.push("messages must be an array");
  if (Array.isArray(messages)) messages.forEach((message, index) => checkMessage(problems, message, `messages[${index}]`));
  const tools = body["tools"];
  if (tools !== undefined && tools !== null) {
    if (!Array.isArray(tools)) problems.push("tools must be an array");
    else
      tools.forEach((tool, index) => {
        const fn = isRecord(tool) ? tool["function"] : undefined;
        if (!isRecord(tool) || tool["type"] !== "function" || !isRecord(fn) || !isNonEmptyString(fn["name"])) {
          problems.push(`tools[${index}] must be {type: "function", function: {name, ...}}`);
        } else if (fn["parameters"] !== undefined && !isRecord(fn["parameters"])) problems.push(`tools[${index}].function.parameters must be an object`);
      });
  }
  const format = body["format"];
  if (format !== undefined && format !== "" && format !== "json" && !isRecord(format)) problems.push('format must be "json" or a JSON schema');
  checkOptions(problems, body["options"]);
  if (body["stream"] !== undefined && typeof body["stream"] !== "boolean") problems.push("stream must be a boolean");
  if (body["think"] !== undefined && !thinkLevels.has(body["think"])) problems.push("think must be a boolean or low, medium, high, max");
  return problems;
}
