/**
 * @module
 * Canonical tools and tool choice → `tools[]` and `toolConfig`. Schemas are sanitised into
 * `parameters` (normalize-schema.ts) unless they came from Gemini as `parametersJsonSchema`
 * or as a `parameters` that is still what the canonical schema says: those go back as sent.
 */
import { isDeepStrictEqual } from "node:util";
import type { JsonSchema, ToolChoice, ToolDefinition } from "../../core/types/request.ts";
import type { Warning } from "../../core/types/response.ts";
import { normalizeSchema } from "./normalize-schema.ts";
import { schemaFromOpenApi } from "./schema-from-openapi.ts";
import { mergeWire, readExtras, warnForeignExtras, type GeminiHints } from "./wire-extras.ts";
import type { GeminiFunctionDeclaration, GeminiTool, GeminiToolConfig } from "./wire-types.ts";

/** `{type: "object", properties: {}}` and the like: a function without arguments. */
function isEmptyObjectSchema(schema: JsonSchema): boolean {
  const allowed = new Set(["type", "properties", "additionalProperties", "required", "$schema"]);
  if (schema["type"] !== "object" || Object.keys(schema).some((key) => !allowed.has(key))) return false;
  const properties = schema["properties"];
  const required = schema["required"];
  return (
    (properties === undefined || (typeof properties === "object" && properties !== null && Object.keys(properties).length === 0)) &&
    (required === undefined || (Array.isArray(required) && required.length === 0)) &&
    (schema["additionalProperties"] === undefined || schema["additionalProperties"] === false)
  );
}

function encodeDeclaration(tool: ToolDefinition, path: string, warnings: Warning[]): GeminiFunctionDeclaration {
  warnForeignExtras(tool.extras, path, warnings);
  const { fields, hints } = readExtras(tool.extras);
  const declaration: GeminiFunctionDeclaration = { name: tool.name };
  if (tool.description !== undefined) declaration.description = tool.description;
  const wire = hints.$wireParameters;
  if (hints.$schemaField === "parametersJsonSchema") declaration.parametersJsonSchema = tool.parameters;
  else if (wire !== undefined && isDeepStrictEqual(schemaFromOpenApi(wire), tool.parameters)) declaration.parameters = wire;
  else if (!isEmptyObjectSchema(tool.parameters)) {
    const normalized = normalizeSchema(tool.parameters, `${path}.parameters`);
    declaration.parameters = normalized.schema;
    warnings.push(...normalized.warnings);
  }
  if (tool.strict === true) {
    warnings.push({ code: "unsupported-field", message: `strict schema adherence for ${tool.name} has no Gemini equivalent`, path });
  }
  return mergeWire(declaration, fields);
}

export function encodeTools(tools: ToolDefinition[] | undefined, layout: GeminiHints["$tools"], warnings: Warning[]): GeminiTool[] | undefined {
  const declarations = (tools ?? []).map((tool, index) => encodeDeclaration(tool, `tools[${index}]`, warnings));
  if (layout !== undefined) {
    const expected = layout.reduce((sum, entry) => sum + entry.declarations, 0);
    if (expected === declarations.length) {
      let next = 0;
      return layout.map((entry) => {
        const slice = declarations.slice(next, (next += entry.declarations));
        return entry.declarations > 0 ? { functionDeclarations: slice, ...entry.rest } : { ...entry.rest };
      });
    }
  }
  // Other tool kinds (googleSearch...) follow the one entry of function declarations.
  const others = (layout ?? []).filter((entry) => entry.declarations === 0 && Object.keys(entry.rest).length > 0).map((entry) => ({ ...entry.rest }));
  const result: GeminiTool[] = declarations.length > 0 ? [{ functionDeclarations: declarations }, ...others] : others;
  return result.length > 0 ? result : undefined;
}

export function encodeToolChoice(choice: ToolChoice | undefined): GeminiToolConfig | undefined {
  if (choice === undefined) return undefined;
  switch (choice.type) {
    case "auto":
      return { functionCallingConfig: { mode: "AUTO" } };
    case "none":
      return { functionCallingConfig: { mode: "NONE" } };
    case "required":
      return { functionCallingConfig: { mode: "ANY" } };
    case "tool":
      return { functionCallingConfig: { mode: "ANY", allowedFunctionNames: [choice.name] } };
  }
}
