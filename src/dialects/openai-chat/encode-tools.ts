/**
 * @module
 * Canonical tools and tool choice → `tools` / `tool_choice`, or the legacy `functions` /
 * `function_call` when the request came in that shape.
 */
import type { CanonicalRequest, ToolDefinition } from "../../core/types/request.ts";
import type { Warning } from "../../core/types/response.ts";
import type { OpenAIChatFunctionDefinition, OpenAIChatRequest, OpenAIChatTool } from "./wire-types.ts";
import { readNestedFields, readAside, readMarker, restoreAside, warnForeignExtras, readWireFields } from "./wire-extras.ts";

function encodeFunctionDefinition(tool: ToolDefinition): OpenAIChatFunctionDefinition {
  const definition: OpenAIChatFunctionDefinition = { ...readNestedFields(tool.extras, "function"), name: tool.name };
  if (tool.description !== undefined) definition.description = tool.description;
  if (readMarker(tool.extras, "$noParameters") !== true) definition.parameters = tool.parameters;
  if (tool.strict !== undefined) definition.strict = tool.strict;
  return definition;
}

/** Writes tools and tool choice of `request` into `wire`. */
export function encodeTools(request: CanonicalRequest, wire: OpenAIChatRequest, warnings: Warning[]): void {
  const tools = request.tools ?? [];
  tools.forEach((tool, index) => warnForeignExtras(tool.extras, `tools[${index}]`, warnings));
  const legacy = readMarker(request.extras, "$legacyFunctions") === true;
  if (legacy && tools.length > 0) wire.functions = tools.map(encodeFunctionDefinition);
  else {
    const encoded = tools.map((tool): OpenAIChatTool => ({
      ...readWireFields(tool.extras),
      type: "function",
      function: encodeFunctionDefinition(tool),
    }));
    const all = restoreAside(encoded, readAside(request.extras, "$asideTools"));
    if (all.length > 0) wire.tools = all as OpenAIChatTool[];
  }

  const choice = request.toolChoice;
  if (!choice) return;
  if (legacy || readMarker(request.extras, "$legacyFunctionCall") === true) {
    if (choice.type === "tool") wire.function_call = { name: choice.name };
    else if (choice.type !== "required") wire.function_call = choice.type;
    else warnings.push({ code: "unsupported-field", message: "Legacy `function_call` cannot require a call; the choice was dropped.", path: "toolChoice" });
    return;
  }
  wire.tool_choice = choice.type === "tool" ? { type: "function", function: { name: choice.name } } : choice.type;
}
