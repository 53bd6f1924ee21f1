/**
 * Reads the features of the shared conversation back out of a request body in any wire
 * format, field by field as that vendor spells them, so a cell can assert that the tools,
 * the image and the tool-call history survived a translation.
 */
import type { DialectId } from "../../../src/core/types/message.ts";

export interface WireFeatures {
  system: string;
  tools: Array<{ name: string; description: string | undefined; properties: string[]; required: string[] }>;
  images: Array<{ mediaType: string | undefined; data: string }>;
  calls: Array<{ id: string | undefined; name: string; arguments: unknown }>;
  /** Each tool result with what it points at: a call id, or a function name (Gemini, Ollama). */
  results: Array<{ ref: string | undefined; text: string }>;
  /** User and assistant text, in order. */
  texts: string[];
  maxOutputTokens: number | undefined;
}

type Json = Record<string, unknown>;

function asRecord(value: unknown): Json {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Json) : {};
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function asString(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function readTool(name: unknown, description: unknown, schema: unknown): WireFeatures["tools"][number] {
  const parameters = asRecord(schema);
  return {
    name: String(name),
    description: asString(description),
    properties: Object.keys(asRecord(parameters["properties"])),
    required: asList(parameters["required"]).map(String),
  };
}

function emptyFeatures(): WireFeatures {
  return { system: "", tools: [], images: [], calls: [], results: [], texts: [], maxOutputTokens: undefined };
}

function readTextContent(content: unknown): string {
  if (typeof content === "string") return content;
  return asList(content)
    .map((part) => asString(asRecord(part)["text"]) ?? "")
    .join("");
}

function readOpenAI(body: Json): WireFeatures {
  const features = emptyFeatures();
  for (const raw of asList(body["messages"])) {
    const message = asRecord(raw);
    const role = message["role"];
    if (role === "system" || role === "developer") features.system += readTextContent(message["content"]);
    else if (role === "tool") features.results.push({ ref: asString(message["tool_call_id"]), text: readTextContent(message["content"]) });
    else {
      const content = message["content"];
      if (typeof content === "string" && content !== "") features.texts.push(content);
      for (const part of asList(content).map(asRecord)) {
        if (part["type"] === "text") features.texts.push(String(part["text"]));
        if (part["type"] === "image_url") {
          const match = /^data:([^;]+);base64,(.*)$/.exec(String(asRecord(part["image_url"])["url"]));
          features.images.push({ mediaType: match?.[1], data: match?.[2] ?? "" });
        }
      }
      for (const call of asList(message["tool_calls"]).map(asRecord)) {
        const fn = asRecord(call["function"]);
        features.calls.push({ id: asString(call["id"]), name: String(fn["name"]), arguments: JSON.parse(String(fn["arguments"])) as unknown });
      }
    }
  }
  features.tools = asList(body["tools"]).map((tool) => {
    const fn = asRecord(asRecord(tool)["function"]);
    return readTool(fn["name"], fn["description"], fn["parameters"]);
  });
  const max = body["max_completion_tokens"] ?? body["max_tokens"];
  features.maxOutputTokens = typeof max === "number" ? max : undefined;
  return features;
}

function readAnthropic(body: Json): WireFeatures {
  const features = emptyFeatures();
  features.system = readTextContent(body["system"]);
  for (const raw of asList(body["messages"])) {
    const content = asRecord(raw)["content"];
    if (typeof content === "string") features.texts.push(content);
    for (const block of asList(content).map(asRecord)) {
      if (block["type"] === "text") features.texts.push(String(block["text"]));
      if (block["type"] === "image") {
        const source = asRecord(block["source"]);
        features.images.push({ mediaType: asString(source["media_type"]), data: String(source["data"]) });
      }
      if (block["type"] === "tool_use") features.calls.push({ id: asString(block["id"]), name: String(block["name"]), arguments: block["input"] });
      if (block["type"] === "tool_result") features.results.push({ ref: asString(block["tool_use_id"]), text: readTextContent(block["content"]) });
    }
  }
  features.tools = asList(body["tools"]).map((raw) => {
    const tool = asRecord(raw);
    return readTool(tool["name"], tool["description"], tool["input_schema"]);
  });
  features.maxOutputTokens = typeof body["max_tokens"] === "number" ? body["max_tokens"] : undefined;
  return features;
}

function readGeminiResponseText(response: Json): string {
  const keys = Object.keys(response);
  if (keys.length === 1 && typeof response["content"] === "string") return response["content"];
  return JSON.stringify(response);
}

function readGemini(body: Json): WireFeatures {
  const features = emptyFeatures();
  features.system = asList(asRecord(body["systemInstruction"])["parts"])
    .map((part) => asString(asRecord(part)["text"]) ?? "")
    .join("");
  for (const raw of asList(body["contents"])) {
    for (const part of asList(asRecord(raw)["parts"]).map(asRecord)) {
      if (typeof part["text"] === "string" && part["thought"] !== true) features.texts.push(part["text"]);
      if (part["inlineData"] !== undefined) {
        const blob = asRecord(part["inlineData"]);
        features.images.push({ mediaType: asString(blob["mimeType"]), data: String(blob["data"]) });
      }
      if (part["functionCall"] !== undefined) {
        const call = asRecord(part["functionCall"]);
        features.calls.push({ id: asString(call["id"]), name: String(call["name"]), arguments: call["args"] ?? {} });
      }
      if (part["functionResponse"] !== undefined) {
        const response = asRecord(part["functionResponse"]);
        features.results.push({ ref: asString(response["name"]), text: readGeminiResponseText(asRecord(response["response"])) });
      }
    }
  }
  for (const tool of asList(body["tools"]).map(asRecord)) {
    for (const raw of asList(tool["functionDeclarations"])) {
      const declaration = asRecord(raw);
      features.tools.push(readTool(declaration["name"], declaration["description"], declaration["parameters"] ?? declaration["parametersJsonSchema"]));
    }
  }
  const max = asRecord(body["generationConfig"])["maxOutputTokens"];
  features.maxOutputTokens = typeof max === "number" ? max : undefined;
  return features;
}

function readOllama(body: Json): WireFeatures {
  const features = emptyFeatures();
  for (const raw of asList(body["messages"])) {
    const message = asRecord(raw);
    const content = String(message["content"] ?? "");
    if (message["role"] === "system") features.system += content;
    else if (message["role"] === "tool") features.results.push({ ref: asString(message["tool_name"]), text: content });
    else if (content !== "") features.texts.push(content);
    for (const image of asList(message["images"])) features.images.push({ mediaType: undefined, data: String(image) });
    for (const call of asList(message["tool_calls"]).map(asRecord)) {
      const fn = asRecord(call["function"]);
      features.calls.push({ id: asString(call["id"]), name: String(fn["name"]), arguments: fn["arguments"] });
    }
  }
  features.tools = asList(body["tools"]).map((tool) => {
    const fn = asRecord(asRecord(tool)["function"]);
    return readTool(fn["name"], fn["description"], fn["parameters"]);
  });
  const max = asRecord(body["options"])["num_predict"];
  features.maxOutputTokens = typeof max === "number" ? max : undefined;
  return features;
}

export function readWireFeatures(dialect: DialectId, body: unknown): WireFeatures {
  const record = asRecord(body);
  switch (dialect) {
    case "openai-chat":
      return readOpenAI(record);
    case "anthropic-messages":
      return readAnthropic(record);
    case "gemini":
      return readGemini(record);
    case "ollama":
      return readOllama(record);
  }
}
