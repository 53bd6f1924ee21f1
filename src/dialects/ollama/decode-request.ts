/**
 * @module
 * Ollama `/api/chat` request body → canonical request. Fields llmux does not model
 * (keep_alive, num_ctx and other options, empty or null values) ride in `extras.ollama`, so
 * encoding the result gives the same body back.
 */
import { InvalidRequestError } from "../../core/errors.ts";
import type { CanonicalRequest, ReasoningConfig, ResponseFormat, ToolDefinition } from "../../core/types/request.ts";
import type { Dialect, RequestDecodeContext, Translated } from "../dialect.ts";
import { unknownFields } from "../internal/extras.ts";
import { isRecord } from "../internal/json.ts";
import { checkArray, checkBoolean, checkRecord, checkString, isAbsent } from "./check-field.ts";
import { decodeMessages } from "./decode-messages.ts";
import { decodeOptions } from "./decode-options.ts";

/** Ollama's JSON-schema `format` has no name; canonical needs one. */
export const defaultSchemaName = "response";

const thinkLevels: Record<string, ReasoningConfig> = {
  low: { effort: "low" },
  medium: { effort: "medium" },
  high: { effort: "high" },
  // Above canonical's top level: read as high; the raw value stays in extras for Ollama.
  max: { effort: "high" },
};

function decodeThink(value: unknown, consumed: Set<string>): ReasoningConfig | undefined {
  if (isAbsent(value)) return undefined;
  if (typeof value === "boolean") {
    consumed.add("think");
    return { enabled: value };
  }
  const level = checkString(value, "think");
  const config = thinkLevels[level];
  if (!config) {
    throw new InvalidRequestError(`Invalid Ollama request: \`think\` must be a boolean or low, medium, high, max; got "${level}".`, {
      param: "think",
    });
  }
  if (level !== "max") consumed.add("think");
  return { ...config };
}

function decodeFormat(value: unknown, consumed: Set<string>): ResponseFormat | undefined {
  if (isAbsent(value) || value === "") return undefined;
  if (value === "json") {
    consumed.add("format");
    return { type: "json-object" };
  }
  if (isRecord(value)) {
    consumed.add("format");
    return { type: "json-schema", name: defaultSchemaName, schema: value };
  }
  throw new InvalidRequestError('Invalid Ollama request: `format` must be "json" or a JSON schema object.', { param: "format" });
}

const knownToolFields: ReadonlySet<string> = new Set(["type", "function"]);
const knownFunctionFields: ReadonlySet<string> = new Set(["name", "description", "parameters"]);

function decodeTool(value: unknown, param: string): ToolDefinition {
  const tool = checkRecord(value, param);
  if (tool["type"] !== "function") {
    throw new InvalidRequestError(`Invalid Ollama request: \`${param}.type\` must be "function".`, { param: `${param}.type` });
  }
  const fn = checkRecord(tool["function"], `${param}.function`);
  const definition: ToolDefinition = {
    name: checkString(fn["name"], `${param}.function.name`),
    parameters: isAbsent(fn["parameters"]) ? {} : checkRecord(fn["parameters"], `${param}.function.parameters`),
  };
  if (!isAbsent(fn["description"])) definition.description = checkString(fn["description"], `${param}.function.description`);
  const fields = unknownFields(tool, knownToolFields);
  const functionFields = unknownFields(fn, knownFunctionFields);
  if (fields || functionFields) definition.extras = { ollama: { ...fields, ...(functionFields ? { function: functionFields } : {}) } };
  return definition;
}

export const decodeRequest: Dialect["decodeRequest"] = (
  body: unknown,
  context: RequestDecodeContext = {},
): Translated<CanonicalRequest> => {
  const record = checkRecord(body, "body");
  const consumed = new Set<string>(["messages"]);

  let model = context.model;
  if (!isAbsent(record["model"])) {
    model = checkString(record["model"], "model");
    consumed.add("model");
  }
  if (model === undefined || model === "") {
    throw new InvalidRequestError("Invalid Ollama request: `model` is required.", { param: "model" });
  }
  if (isAbsent(record["messages"])) {
    throw new InvalidRequestError("Invalid Ollama request: `messages` is required.", { param: "messages" });
  }
  const { system, messages, warnings } = decodeMessages(record["messages"]);

  // Ollama streams unless told not to.
  let stream = context.stream ?? true;
  if (!isAbsent(record["stream"])) {
    stream = checkBoolean(record["stream"], "stream");
    consumed.add("stream");
  }

  const request: CanonicalRequest = { model, messages, stream };
  if (system.length > 0) request.system = system;

  const tools = record["tools"];
  if (!isAbsent(tools)) {
    const list = checkArray(tools, "tools");
    if (list.length > 0) {
      request.tools = list.map((tool, index) => decodeTool(tool, `tools[${index}]`));
      consumed.add("tools");
    }
  }

  const responseFormat = decodeFormat(record["format"], consumed);
  if (responseFormat) request.responseFormat = responseFormat;
  const reasoning = decodeThink(record["think"], consumed);
  if (reasoning) request.reasoning = reasoning;

  let extraOptions: Record<string, unknown> | undefined;
  if (isRecord(record["options"])) {
    extraOptions = decodeOptions(record["options"], request);
    consumed.add("options");
  } else if (!isAbsent(record["options"])) {
    checkRecord(record["options"], "options");
  }

  const extras = unknownFields(record, consumed);
  if (extras || extraOptions) request.extras = { ollama: { ...extras, ...(extraOptions ? { options: extraOptions } : {}) } };
  return { value: request, warnings };
};
