/**
 * @module
 * Canonical request → Ollama `/api/chat` body. `stream` is always written out (Ollama's
 * default is true, which surprises callers that expect one JSON answer). What Ollama cannot
 * express (tool_choice, parallel_tool_calls, user, budgets) is dropped with a warning.
 */
import type { CanonicalRequest, ReasoningConfig, ResponseFormat, ToolDefinition } from "../../core/types/request.ts";
import type { Warning } from "../../core/types/response.ts";
import type { Dialect, Translated } from "../dialect.ts";
import { ownExtras } from "../internal/extras.ts";
import { isRecord } from "../internal/json.ts";
import { encodeMessages } from "./encode-messages.ts";
import { warnForeignExtras } from "./warn-foreign-extras.ts";
import type { OllamaChatRequest, OllamaOptions, OllamaThink, OllamaToolDefinition } from "./wire-types.ts";

function encodeTool(tool: ToolDefinition, warnings: Warning[], path: string): OllamaToolDefinition {
  warnForeignExtras(tool.extras, warnings, path);
  const { function: functionExtras, ...fields } = ownExtras("ollama", tool.extras);
  const fn: OllamaToolDefinition["function"] = { ...(isRecord(functionExtras) ? functionExtras : {}), name: tool.name };
  if (tool.description !== undefined) fn.description = tool.description;
  // An empty schema is what a tool without `parameters` decodes to.
  if (Object.keys(tool.parameters).length > 0) fn.parameters = tool.parameters;
  if (tool.strict === true) {
    warnings.push({ code: "unsupported-field", message: "Ollama has no strict tool schemas; `strict` was dropped.", path });
  }
  return { ...fields, type: "function", function: fn };
}

function encodeFormat(format: ResponseFormat, warnings: Warning[]): OllamaChatRequest["format"] {
  if (format.type === "text") return undefined;
  if (format.type === "json-object") return "json";
  // The schema name is only a label (Ollama enforces the schema by grammar): not a loss.
  if (format.description !== undefined) {
    warnings.push({
      code: "unsupported-field",
      message: "Ollama's `format` carries no schema description; it was dropped.",
      path: "responseFormat.description",
    });
  }
  return format.schema;
}

function encodeThink(reasoning: ReasoningConfig, previous: unknown, warnings: Warning[]): OllamaThink | undefined {
  if (reasoning.enabled === false) return false;
  if (reasoning.enabled === undefined && reasoning.effort === undefined && reasoning.budgetTokens === undefined) return undefined;
  if (reasoning.budgetTokens !== undefined) {
    warnings.push({
      code: "lossy-conversion",
      message: `Ollama's \`think\` takes no token budget; ${reasoning.budgetTokens} tokens became ${reasoning.effort ?? "on"}.`,
      path: "reasoning.budgetTokens",
    });
  }
  switch (reasoning.effort) {
    case undefined:
      return true;
    case "minimal":
      warnings.push({
        code: "lossy-conversion",
        message: 'Ollama has no "minimal" think level; "low" was sent.',
        path: "reasoning.effort",
      });
      return "low";
    case "high":
      // `max` decodes to high; give it back to an Ollama caller that sent it.
      return previous === "max" ? "max" : "high";
    default:
      return reasoning.effort;
  }
}

function encodeOptions(request: CanonicalRequest, extra: unknown): OllamaOptions | undefined {
  const options: OllamaOptions = isRecord(extra) ? { ...extra } : {};
  if (request.temperature !== undefined) options.temperature = request.temperature;
  if (request.topP !== undefined) options.top_p = request.topP;
  if (request.topK !== undefined) options.top_k = request.topK;
  if (request.maxOutputTokens !== undefined) options.num_predict = request.maxOutputTokens;
  if (request.stopSequences !== undefined) options.stop = request.stopSequences;
  if (request.seed !== undefined) options.seed = request.seed;
  if (request.presencePenalty !== undefined) options.presence_penalty = request.presencePenalty;
  if (request.frequencyPenalty !== undefined) options.frequency_penalty = request.frequencyPenalty;
  return Object.keys(options).length > 0 ? options : undefined;
}

function warnUnsupported(request: CanonicalRequest, warnings: Warning[]): void {
  const choice = request.toolChoice;
  if (choice?.type === "required" || choice?.type === "tool") {
    warnings.push({
      code: "unsupported-field",
      message: "Ollama has no tool_choice: the model may answer without calling a tool.",
      path: "toolChoice",
    });
  }
  if (request.parallelToolCalls === false) {
    warnings.push({ code: "unsupported-field", message: "Ollama cannot disable parallel tool calls.", path: "parallelToolCalls" });
  }
  if (request.user !== undefined) {
    warnings.push({ code: "unsupported-field", message: "Ollama has no end-user id.", path: "user" });
  }
  if (request.metadata !== undefined) {
    warnings.push({ code: "unsupported-field", message: "Ollama has no request metadata.", path: "metadata" });
  }
}

export const encodeRequest: Dialect["encodeRequest"] = (request: CanonicalRequest): Translated<OllamaChatRequest> => {
  const warnings: Warning[] = [];
  warnForeignExtras(request.extras, warnings, undefined);
  warnUnsupported(request, warnings);
  const { options: extraOptions, ...extras } = ownExtras("ollama", request.extras);
  const body: OllamaChatRequest = {
    ...extras,
    model: request.model,
    messages: encodeMessages(request.system, request.messages, warnings),
    stream: request.stream,
  };
  if (request.tools !== undefined && request.tools.length > 0) {
    if (request.toolChoice?.type === "none") {
      // Sending no tools is the only way to keep an Ollama model from calling one.
      warnings.push({ code: "lossy-conversion", message: "tool_choice none: the tools were not sent to Ollama.", path: "toolChoice" });
    } else {
      body.tools = request.tools.map((tool, index) => encodeTool(tool, warnings, `tools[${index}]`));
    }
  }
  const format = request.responseFormat === undefined ? undefined : encodeFormat(request.responseFormat, warnings);
  if (format !== undefined) body.format = format;
  const options = encodeOptions(request, extraOptions);
  if (options !== undefined) body.options = options;
  else if (extraOptions === null) body.options = null;
  const think = request.reasoning === undefined ? undefined : encodeThink(request.reasoning, extras["think"], warnings);
  if (think !== undefined) body.think = think;
  return { value: body, warnings };
};
