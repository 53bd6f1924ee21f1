/**
 * @module
 * Canonical request → Anthropic Messages request body. `max_tokens` is required on the
 * wire, so a default fills it; what Anthropic cannot express is dropped with a warning.
 */
import type {
  CanonicalRequest,
  ReasoningConfig,
  ResponseFormat,
  ToolChoice,
  ToolDefinition,
} from "../../core/types/request.ts";
import type { Warning } from "../../core/types/response.ts";
import type { RequestEncodeOptions, Translated } from "../dialect.ts";
import { isRecord } from "../internal/json.ts";
import { reportForeignExtras, writeExtras } from "./dialect-extras.ts";
import { encodeMessages, encodeSystem } from "./encode-messages.ts";
import { joinPath } from "./read-wire.ts";
import type {
  AnthropicMessagesRequest,
  AnthropicOutputConfig,
  AnthropicThinkingConfig,
  AnthropicTool,
  AnthropicToolChoice,
} from "./wire-types.ts";

const fallbackMaxTokens = 4096;
const maxTemperature = 1;

/** Keys of the request extras that hold unknown sub-fields of known objects. */
type NestedKey = "thinking" | "output_config" | "metadata" | "tool_choice";
const nestedKeys: ReadonlySet<string> = new Set<NestedKey>(["thinking", "output_config", "metadata", "tool_choice"]);

function readNested(extras: Record<string, unknown>, key: NestedKey): Record<string, unknown> {
  const value = extras[key];
  return isRecord(value) ? value : {};
}

function encodeTool(tool: ToolDefinition, path: string, warnings: Warning[]): AnthropicTool {
  reportForeignExtras(tool.extras, path, warnings);
  const extras = writeExtras(tool.extras);
  const wire: AnthropicTool = { ...extras, name: tool.name };
  if (tool.description !== undefined) wire.description = tool.description;
  // Server tools (a typed tool such as web_search) carry no input schema.
  const isServerTool = typeof extras["type"] === "string" && extras["type"] !== "custom";
  if (!isServerTool) {
    const empty = Object.keys(tool.parameters).length === 0;
    wire.input_schema = empty ? { type: "object", properties: {} } : tool.parameters;
  }
  if (tool.strict !== undefined) wire.strict = tool.strict;
  return wire;
}

function encodeToolChoice(
  choice: ToolChoice | undefined,
  parallelToolCalls: boolean | undefined,
  rest: Record<string, unknown>,
): AnthropicToolChoice | undefined {
  if (choice === undefined && parallelToolCalls === undefined) {
    return Object.keys(rest).length === 0 ? undefined : (rest as AnthropicToolChoice);
  }
  if (choice?.type === "none") return { ...rest, type: "none" };
  const base: AnthropicToolChoice =
    choice?.type === "tool"
      ? { ...rest, type: "tool", name: choice.name }
      : { ...rest, type: choice?.type === "required" ? "any" : "auto" };
  if (parallelToolCalls !== undefined) base.disable_parallel_tool_use = !parallelToolCalls;
  return base;
}

function encodeThinking(reasoning: ReasoningConfig | undefined, rest: Record<string, unknown>): AnthropicThinkingConfig | undefined {
  if (reasoning?.enabled === false) return { ...rest, type: "disabled" };
  if (reasoning?.budgetTokens !== undefined) return { ...rest, type: "enabled", budget_tokens: reasoning.budgetTokens };
  if (reasoning?.enabled === true) return { ...rest, type: "adaptive" };
  return Object.keys(rest).length === 0 ? undefined : (rest as AnthropicThinkingConfig);
}

function encodeOutputConfig(
  request: CanonicalRequest,
  rest: Record<string, unknown>,
  warnings: Warning[],
): AnthropicOutputConfig | undefined {
  const config: AnthropicOutputConfig = { ...rest };
  const effort = request.reasoning?.effort;
  if (effort === "minimal") {
    config.effort = "low";
    warnings.push({ code: "lossy-conversion", message: 'Anthropic has no "minimal" effort; "low" was sent.', path: "reasoning.effort" });
  } else if (effort !== undefined) config.effort = effort;
  encodeResponseFormat(request.responseFormat, config, warnings);
  return Object.keys(config).length === 0 ? undefined : config;
}

function encodeResponseFormat(format: ResponseFormat | undefined, config: AnthropicOutputConfig, warnings: Warning[]): void {
  if (format === undefined || format.type === "text") return;
  if (format.type === "json-object") {
    warnings.push({
      code: "unsupported-field",
      message: "Anthropic has no JSON mode without a schema; responseFormat json-object was dropped.",
      path: "responseFormat",
    });
    return;
  }
  config.format = { type: "json_schema", schema: format.schema };
  if (format.name !== "output" || format.strict !== undefined || format.description !== undefined) {
    warnings.push({
      code: "lossy-conversion",
      message: "Anthropic structured output takes only a schema; its name, description and strict flag were dropped.",
      path: "responseFormat",
    });
  }
}

/** Canonical fields with no Anthropic equivalent, reported when set. */
const unsupportedFields = ["seed", "presencePenalty", "frequencyPenalty", "metadata"] as const;

export function encodeRequest(request: CanonicalRequest, options: RequestEncodeOptions = {}): Translated<AnthropicMessagesRequest> {
  const warnings: Warning[] = [];
  reportForeignExtras(request.extras, "extras", warnings);
  const all = writeExtras(request.extras);
  const extras = Object.fromEntries(Object.entries(all).filter(([key]) => !nestedKeys.has(key)));

  const defaultMax = options.defaultMaxOutputTokens ?? fallbackMaxTokens;
  const budget = request.reasoning?.budgetTokens;
  // Thinking budgets count toward max_tokens, which must exceed them.
  const maxTokens = request.maxOutputTokens ?? (budget !== undefined && budget >= defaultMax ? budget + defaultMax : defaultMax);
  const wire: AnthropicMessagesRequest = {
    ...extras,
    model: request.model,
    max_tokens: maxTokens,
    messages: encodeMessages(request.messages, warnings),
  };
  const system = encodeSystem(request.system ?? [], warnings);
  if (system !== undefined) wire.system = system;

  if (request.tools !== undefined) wire.tools = request.tools.map((tool, index) => encodeTool(tool, joinPath("tools", index), warnings));
  const toolChoice = encodeToolChoice(request.toolChoice, request.parallelToolCalls, readNested(all, "tool_choice"));
  if (toolChoice !== undefined) wire.tool_choice = toolChoice;
  if (request.stopSequences !== undefined) wire.stop_sequences = request.stopSequences;

  if (request.temperature !== undefined) {
    wire.temperature = Math.min(request.temperature, maxTemperature);
    if (request.temperature > maxTemperature) {
      warnings.push({
        code: "lossy-conversion",
        message: `Anthropic temperature is at most ${maxTemperature}; ${request.temperature} was clamped.`,
        path: "temperature",
      });
    }
  }
  if (request.topP !== undefined) wire.top_p = request.topP;
  if (request.topK !== undefined) wire.top_k = request.topK;

  const thinking = encodeThinking(request.reasoning, readNested(all, "thinking"));
  if (thinking !== undefined) wire.thinking = thinking;
  const outputConfig = encodeOutputConfig(request, readNested(all, "output_config"), warnings);
  if (outputConfig !== undefined) wire.output_config = outputConfig;
  const metadata: Record<string, unknown> = { ...readNested(all, "metadata") };
  if (request.user !== undefined) metadata["user_id"] = request.user;
  if (Object.keys(metadata).length > 0) wire.metadata = metadata as AnthropicMessagesRequest["metadata"];
  if (request.stream) wire.stream = true;

  for (const field of unsupportedFields) {
    if (request[field] !== undefined) {
      warnings.push({ code: "unsupported-field", message: `Anthropic has no equivalent of ${field}; it was dropped.`, path: field });
    }
  }
  return { value: wire, warnings };
}
