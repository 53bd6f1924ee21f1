/**
 * A strict checker of Ollama wire shapes (protocols.md section 4): what a real Ollama server
 * accepts and what its clients expect. Returns the list of problems; empty means valid.
 */

type Problems = string[];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function checkKeys(value: Record<string, unknown>, allowed: string[], path: string, problems: Problems): void {
  for (const key of Object.keys(value)) if (!allowed.includes(key)) problems.push(`${path}.${key} is not an Ollama field`);
}

const base64Pattern = /^[A-Za-z0-9+/]+={0,2}$/;
const rfc3339Pattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function checkToolCalls(value: unknown, path: string, problems: Problems): void {
  if (!Array.isArray(value)) {
    problems.push(`${path} must be an array`);
    return;
  }
  value.forEach((call, index) => {
    const at = `${path}[${index}]`;
    if (!isRecord(call) || !isRecord(call["function"])) {
      problems.push(`${at}.function must be an object`);
      return;
    }
    // `type: "function"` is not in Ollama's shape, but OpenAI-minded clients add it and Ollama ignores it.
    checkKeys(call, ["id", "function", "type"], at, problems);
    if (call["type"] !== undefined && call["type"] !== "function") problems.push(`${at}.type must be "function" when present`);
    if (call["id"] !== undefined && typeof call["id"] !== "string") problems.push(`${at}.id must be a string`);
    const fn = call["function"];
    checkKeys(fn, ["index", "name", "arguments"], `${at}.function`, problems);
    if (typeof fn["name"] !== "string" || fn["name"] === "") problems.push(`${at}.function.name must be a non-empty string`);
    if (!isRecord(fn["arguments"])) problems.push(`${at}.function.arguments must be an object (not JSON text)`);
    if (fn["index"] !== undefined && !Number.isInteger(fn["index"])) problems.push(`${at}.function.index must be an integer`);
  });
}

export function validateChatRequest(body: unknown): Problems {
  const problems: Problems = [];
  if (!isRecord(body)) return ["body must be an object"];
  checkKeys(body, ["model", "messages", "tools", "format", "options", "stream", "keep_alive", "think"], "body", problems);
  if (typeof body["model"] !== "string" || body["model"] === "") problems.push("model must be a non-empty string");
  if (!Array.isArray(body["messages"])) return [...problems, "messages must be an array"];
  body["messages"].forEach((message, index) => {
    const at = `messages[${index}]`;
    if (!isRecord(message)) {
      problems.push(`${at} must be an object`);
      return;
    }
    checkKeys(message, ["role", "content", "images", "tool_calls", "tool_name", "thinking"], at, problems);
    if (!["system", "user", "assistant", "tool"].includes(message["role"] as string)) problems.push(`${at}.role is invalid`);
    if (typeof message["content"] !== "string") problems.push(`${at}.content must be a string`);
    if (message["images"] !== undefined) {
      const images = message["images"];
      if (!Array.isArray(images) || !images.every((image) => typeof image === "string" && base64Pattern.test(image))) {
        problems.push(`${at}.images must be bare base64 strings`);
      }
    }
    if (message["tool_calls"] !== undefined) {
      if (message["role"] !== "assistant") problems.push(`${at}.tool_calls only belongs on assistant messages`);
      checkToolCalls(message["tool_calls"], `${at}.tool_calls`, problems);
    }
    if (message["tool_name"] !== undefined && (message["role"] !== "tool" || typeof message["tool_name"] !== "string")) {
      problems.push(`${at}.tool_name must be a string on a tool message`);
    }
    if (message["thinking"] !== undefined && typeof message["thinking"] !== "string") problems.push(`${at}.thinking must be a string`);
  });
  if (body["tools"] !== undefined) {
    const tools = body["tools"];
    if (!Array.isArray(tools)) problems.push("tools must be an array");
    else
      tools.forEach((tool, index) => {
        if (!isRecord(tool) || tool["type"] !== "function" || !isRecord(tool["function"]) || typeof tool["function"]["name"] !== "string") {
          problems.push(`tools[${index}] must be {type:"function", function:{name,...}}`);
        }
      });
  }
  const format = body["format"];
  if (format !== undefined && format !== "json" && !isRecord(format)) problems.push('format must be "json" or a JSON schema');
  if (body["options"] !== undefined && !isRecord(body["options"])) problems.push("options must be an object");
  if (isRecord(body["options"])) {
    const options = body["options"];
    for (const key of ["temperature", "top_p", "top_k", "num_predict", "seed", "presence_penalty", "frequency_penalty"]) {
      if (options[key] !== undefined && typeof options[key] !== "number") problems.push(`options.${key} must be a number`);
    }
    if (options["stop"] !== undefined && !(Array.isArray(options["stop"]) && options["stop"].every((stop) => typeof stop === "string"))) {
      problems.push("options.stop must be an array of strings");
    }
  }
  if (body["stream"] !== undefined && typeof body["stream"] !== "boolean") problems.push("stream must be a boolean");
  const think = body["think"];
  if (think !== undefined && typeof think !== "boolean" && !["low", "medium", "high", "max"].includes(think as string)) {
    problems.push("think must be a boolean or low/medium/high/max");
  }
  return problems;
}

const metricKeys = ["total_duration", "load_duration", "prompt_eval_count", "prompt_eval_duration", "eval_count", "eval_duration"];

/** One non-stream answer or one stream line. `id` is llmux's addition (clients ignore it). */
export function validateChatResponse(body: unknown): Problems {
  const problems: Problems = [];
  if (!isRecord(body)) return ["response must be an object"];
  checkKeys(body, ["id", "model", "created_at", "message", "done", "done_reason", ...metricKeys], "response", problems);
  if (typeof body["model"] !== "string") problems.push("model must be a string");
  if (typeof body["created_at"] !== "string" || !rfc3339Pattern.test(body["created_at"])) problems.push("created_at must be RFC 3339");
  if (typeof body["done"] !== "boolean") problems.push("done must be a boolean");
  const message = body["message"];
  if (!isRecord(message)) return [...problems, "message must be an object"];
  checkKeys(message, ["role", "content", "thinking", "tool_calls"], "message", problems);
  if (message["role"] !== "assistant") problems.push('message.role must be "assistant"');
  if (typeof message["content"] !== "string") problems.push("message.content must be a string");
  if (message["thinking"] !== undefined && typeof message["thinking"] !== "string") problems.push("message.thinking must be a string");
  if (message["tool_calls"] !== undefined) checkToolCalls(message["tool_calls"], "message.tool_calls", problems);
  if (body["done"] === true) {
    if (!["stop", "length", "load", "unload"].includes(body["done_reason"] as string)) problems.push("done_reason must be stop|length|load");
  } else if (body["done_reason"] !== undefined) problems.push("done_reason belongs on the final object only");
  for (const key of metricKeys) {
    if (body[key] === undefined) continue;
    if (body["done"] !== true) problems.push(`${key} belongs on the final object only`);
    if (!Number.isInteger(body[key]) || (body[key] as number) < 0) problems.push(`${key} must be a non-negative integer`);
  }
  return problems;
}
