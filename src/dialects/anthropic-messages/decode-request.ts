/**
 * @module
 * Anthropic Messages request body → canonical request. Unknown top-level fields, and the
 * unknown sub-fields of known objects (`thinking.display`, `output_config.effort: "max"`),
 * are kept in extras under the same keys so encoding restores them.
 */
import { InvalidRequestError } from "../../core/errors.ts";
import type { Extras } from "../../core/types/message.ts";
import type {
  CanonicalRequest,
  ReasoningConfig,
  ReasoningEffort,
  ResponseFormat,
  ToolChoice,
  ToolDefinition,
} from "../../core/types/request.ts";
import type { Warning } from "../../core/types/response.ts";
import type { RequestDecodeContext, Translated } from "../dialect.ts";
import { unknownFields } from "../internal/extras.ts";
import { anthropicDialectId, readExtras, attachExtras } from "./dialect-extras.ts";
import { decodeMessages, decodeSystem } from "./decode-messages.ts";
import {
  joinPath,
  readArray,
  readOptionalBoolean,
  readOptionalNumber,
  readOptionalRecord,
  readOptionalString,
  readOptionalStringArray,
  readRecord,
  readString,
} from "./read-wire.ts";

const knownTop = new Set([
  "model",
  "max_tokens",
  "messages",
  "system",
  "tools",
  "tool_choice",
  "stop_sequences",
  "stream",
  "temperature",
  "top_p",
  "top_k",
  "thinking",
  "metadata",
  "output_config",
]);
const knownTool = new Set(["name", "description", "input_schema", "strict"]);
const canonicalEfforts: ReadonlySet<string> = new Set<ReasoningEffort>(["low", "medium", "high"]);

/** Unknown sub-fields of a known object, stored under its key in the request extras. */
type Remainders = Record<string, Record<string, unknown>>;

function keepRemainder(remainders: Remainders, key: string, record: Record<string, unknown>, known: ReadonlySet<string>): void {
  const rest = unknownFields(record, known);
  if (rest !== undefined) remainders[key] = rest;
}

function decodeTools(value: unknown): ToolDefinition[] {
  return readArray(value, "tools").map((item, index) => {
    const path = joinPath("tools", index);
    const tool = readRecord(item, path);
    const definition: ToolDefinition = {
      name: readString(tool, "name", path),
      parameters: readOptionalRecord(tool, "input_schema", path) ?? {},
    };
    const description = readOptionalString(tool, "description", path);
    if (description !== undefined) definition.description = description;
    const strict = readOptionalBoolean(tool, "strict", path);
    if (strict !== undefined) definition.strict = strict;
    return attachExtras(definition, readExtras(tool, knownTool));
  });
}

interface DecodedToolChoice {
  toolChoice?: ToolChoice;
  parallelToolCalls?: boolean;
}

function decodeToolChoice(record: Record<string, unknown>, remainders: Remainders): DecodedToolChoice {
  const type = readString(record, "type", "tool_choice");
  const result: DecodedToolChoice = {};
  if (type === "auto" || type === "none") result.toolChoice = { type };
  else if (type === "any") result.toolChoice = { type: "required" };
  else if (type === "tool") result.toolChoice = { type: "tool", name: readString(record, "name", "tool_choice") };
  else {
    remainders["tool_choice"] = record; // a newer choice type: keep it whole
    return result;
  }
  const disable = readOptionalBoolean(record, "disable_parallel_tool_use", "tool_choice");
  if (disable !== undefined) result.parallelToolCalls = !disable;
  keepRemainder(remainders, "tool_choice", record, new Set(["type", "name", "disable_parallel_tool_use"]));
  return result;
}

function decodeThinking(record: Record<string, unknown>, remainders: Remainders): ReasoningConfig | undefined {
  const type = readString(record, "type", "thinking");
  if (type === "enabled") {
    const budget = readOptionalNumber(record, "budget_tokens", "thinking");
    if (budget === undefined) {
      throw new InvalidRequestError("thinking.budget_tokens is required when thinking is enabled.", { param: "thinking.budget_tokens" });
    }
    keepRemainder(remainders, "thinking", record, new Set(["type", "budget_tokens"]));
    return { budgetTokens: budget };
  }
  if (type === "disabled" || type === "adaptive") {
    keepRemainder(remainders, "thinking", record, new Set(["type"]));
    return { enabled: type === "adaptive" };
  }
  remainders["thinking"] = record;
  return undefined;
}

function decodeOutputConfig(
  record: Record<string, unknown>,
  remainders: Remainders,
): { effort?: ReasoningEffort; responseFormat?: ResponseFormat } {
  const result: { effort?: ReasoningEffort; responseFormat?: ResponseFormat } = {};
  const known = new Set<string>();
  const effort = readOptionalString(record, "effort", "output_config");
  if (effort !== undefined && canonicalEfforts.has(effort)) {
    result.effort = effort as ReasoningEffort;
    known.add("effort");
  }
  const format = readOptionalRecord(record, "format", "output_config");
  if (format !== undefined && format["type"] === "json_schema") {
    const schema = readRecord(format["schema"], "output_config.format.schema");
    // The wire format has no name; canonical needs one.
    result.responseFormat = { type: "json-schema", name: "output", schema };
    known.add("format");
  }
  keepRemainder(remainders, "output_config", record, known);
  return result;
}

function decodeMetadata(record: Record<string, unknown>, remainders: Remainders): string | undefined {
  const user = record["user_id"];
  if (typeof user === "string") {
    keepRemainder(remainders, "metadata", record, new Set(["user_id"]));
    return user;
  }
  keepRemainder(remainders, "metadata", record, new Set());
  return undefined;
}

function buildExtras(body: Record<string, unknown>, remainders: Remainders): Extras | undefined {
  const fields = { ...unknownFields(body, knownTop), ...remainders };
  return Object.keys(fields).length === 0 ? undefined : { [anthropicDialectId]: fields };
}

export function decodeRequest(body: unknown, context: RequestDecodeContext = {}): Translated<CanonicalRequest> {
  const record = readRecord(body, "");
  const warnings: Warning[] = [];
  const remainders: Remainders = {};
  const model = readOptionalString(record, "model", "") ?? context.model;
  if (model === undefined) throw new InvalidRequestError("model is required.", { param: "model" });
  if (record["messages"] === undefined) throw new InvalidRequestError("messages is required.", { param: "messages" });
  const conversation = decodeMessages(record["messages"], warnings);

  const request: CanonicalRequest = {
    model,
    messages: conversation.messages,
    stream: readOptionalBoolean(record, "stream", "") ?? context.stream ?? false,
  };
  const system = record["system"] === undefined || record["system"] === null ? [] : decodeSystem(record["system"], "system");
  system.push(...conversation.hoistedSystem);
  if (system.length > 0) request.system = system;

  if (record["tools"] !== undefined && record["tools"] !== null) request.tools = decodeTools(record["tools"]);
  const toolChoice = readOptionalRecord(record, "tool_choice", "");
  if (toolChoice !== undefined) Object.assign(request, decodeToolChoice(toolChoice, remainders));

  const maxTokens = readOptionalNumber(record, "max_tokens", "");
  if (maxTokens !== undefined) request.maxOutputTokens = maxTokens;
  const stopSequences = readOptionalStringArray(record, "stop_sequences", "");
  if (stopSequences !== undefined) request.stopSequences = stopSequences;
  const temperature = readOptionalNumber(record, "temperature", "");
  if (temperature !== undefined) request.temperature = temperature;
  const topP = readOptionalNumber(record, "top_p", "");
  if (topP !== undefined) request.topP = topP;
  const topK = readOptionalNumber(record, "top_k", "");
  if (topK !== undefined) request.topK = topK;

  const thinking = readOptionalRecord(record, "thinking", "");
  const reasoning = thinking === undefined ? undefined : decodeThinking(thinking, remainders);
  const outputConfig = readOptionalRecord(record, "output_config", "");
  const output = outputConfig === undefined ? {} : decodeOutputConfig(outputConfig, remainders);
  if (reasoning !== undefined || output.effort !== undefined) {
    request.reasoning = { ...reasoning, ...(output.effort === undefined ? {} : { effort: output.effort }) };
  }
  if (output.responseFormat !== undefined) request.responseFormat = output.responseFormat;

  const metadata = readOptionalRecord(record, "metadata", "");
  const user = metadata === undefined ? undefined : decodeMetadata(metadata, remainders);
  if (user !== undefined) request.user = user;

  return { value: attachExtras(request, buildExtras(record, remainders)), warnings };
}
