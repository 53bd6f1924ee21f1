/**
 * @module
 * `tools`, `tool_choice` and their legacy forms `functions` / `function_call` → canonical.
 * Each reader takes the fields it understands out of `rest` (the request's leftover
 * fields); what it cannot express canonically stays there and rides in extras verbatim.
 */
import type { ToolChoice, ToolDefinition } from "../../core/types/request.ts";
import { isRecord } from "../internal/json.ts";
import { expectArray, expectRecord, expectString, optionalString } from "./field-checks.ts";
import { makeExtras, omitKeys, type AsideItem, type Markers } from "./wire-extras.ts";

export interface DecodedTools {
  tools?: ToolDefinition[];
  toolChoice?: ToolChoice;
}

/** A function definition (`tools[].function` or legacy `functions[]`) as a canonical tool. */
function decodeFunctionDefinition(definition: Record<string, unknown>, path: string, wrapper: Record<string, unknown>): ToolDefinition {
  const tool: ToolDefinition = {
    name: expectString(definition["name"], `${path}.name`),
    parameters: { type: "object", properties: {} },
  };
  const markers: Markers = {};
  const description = optionalString(definition["description"], `${path}.description`);
  if (description !== undefined) tool.description = description;
  const parameters = definition["parameters"];
  if (isRecord(parameters)) tool.parameters = parameters;
  else if (parameters === undefined) markers.$noParameters = true;
  else expectRecord(parameters, `${path}.parameters`);
  const known = ["name", "parameters"];
  if (description !== undefined) known.push("description");
  if (typeof definition["strict"] === "boolean") {
    tool.strict = definition["strict"];
    known.push("strict");
  }
  // A `null` description or strict is not canonical: kept verbatim with other unknown fields.
  const inner = omitKeys(definition, known);
  const fields = { ...wrapper };
  if (Object.keys(inner).length > 0) fields["function"] = inner;
  const extras = makeExtras(fields, markers);
  if (extras) tool.extras = extras;
  return tool;
}

function decodeToolChoice(value: unknown): ToolChoice | undefined {
  if (value === "none" || value === "auto" || value === "required") return { type: value };
  if (isRecord(value) && value["type"] === "function" && isRecord(value["function"])) {
    const name = value["function"]["name"];
    if (typeof name === "string" && Object.keys(value).length === 2 && Object.keys(value["function"]).length === 1) {
      return { type: "tool", name };
    }
  }
  return undefined;
}

function decodeFunctionChoice(value: unknown): ToolChoice | undefined {
  if (value === "none" || value === "auto") return { type: value };
  if (isRecord(value) && typeof value["name"] === "string" && Object.keys(value).length === 1) return { type: "tool", name: value["name"] };
  return undefined;
}

/** Reads tools and tool choice out of `rest`, recording shape facts in `markers`. */
export function decodeTools(rest: Record<string, unknown>, markers: Markers): DecodedTools {
  const decoded: DecodedTools = {};
  const wireTools = rest["tools"];
  // An empty `tools: []` has no canonical form (no tools): it stays verbatim.
  const hasTools = wireTools !== undefined && wireTools !== null && !(Array.isArray(wireTools) && wireTools.length === 0);
  if (hasTools) {
    const tools: ToolDefinition[] = [];
    const aside: AsideItem[] = [];
    expectArray(wireTools, "tools").forEach((value, index) => {
      const path = `tools[${index}]`;
      const tool = expectRecord(value, path);
      // Custom and future tool types have no canonical form: kept verbatim in place.
      if (tool["type"] !== "function") {
        aside.push({ index, item: value });
        return;
      }
      const definition = expectRecord(tool["function"], `${path}.function`);
      tools.push(decodeFunctionDefinition(definition, `${path}.function`, omitKeys(tool, ["type", "function"])));
    });
    if (tools.length > 0) decoded.tools = tools;
    if (aside.length > 0) markers.$asideTools = aside;
    delete rest["tools"];
  } else if (rest["functions"] !== undefined && rest["functions"] !== null) {
    decoded.tools = expectArray(rest["functions"], "functions").map((value, index) =>
      decodeFunctionDefinition(expectRecord(value, `functions[${index}]`), `functions[${index}]`, {}),
    );
    markers.$legacyFunctions = true;
    delete rest["functions"];
  }

  const toolChoice = decodeToolChoice(rest["tool_choice"]);
  if (toolChoice) {
    decoded.toolChoice = toolChoice;
    delete rest["tool_choice"];
  } else if (rest["tool_choice"] === undefined) {
    const functionChoice = decodeFunctionChoice(rest["function_call"]);
    if (functionChoice) {
      decoded.toolChoice = functionChoice;
      markers.$legacyFunctionCall = true;
      delete rest["function_call"];
    }
  }
  return decoded;
}

