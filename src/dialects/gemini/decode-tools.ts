/**
 * @module
 * `tools[]` and `toolConfig` → canonical tools and tool choice. Function declarations of
 * every tool entry are flattened; other tool kinds (googleSearch, codeExecution, urlContext…)
 * and the grouping stay in extras. `parameters` (OpenAPI subset) is turned into JSON Schema;
 * `parametersJsonSchema` is JSON Schema already.
 */
import { isDeepStrictEqual } from "node:util";
import type { ToolChoice, ToolDefinition } from "../../core/types/request.ts";
import { unknownFields } from "../internal/extras.ts";
import { normalizeSchema } from "./normalize-schema.ts";
import { schemaFromOpenApi } from "./schema-from-openapi.ts";
import { makeExtras, type GeminiHints } from "./wire-extras.ts";
import { camelizeKeys, expectList, expectRecord, optionalRecord, optionalString, optionalStringList, requireString } from "./wire-read.ts";

const toolKeys: ReadonlySet<string> = new Set(["functionDeclarations"]);
const declarationKeys: ReadonlySet<string> = new Set(["name", "description", "parameters", "parametersJsonSchema"]);
const toolConfigKeys: ReadonlySet<string> = new Set(["functionCallingConfig"]);
const callingConfigKeys: ReadonlySet<string> = new Set(["mode", "allowedFunctionNames"]);

export interface DecodedTools {
  tools: ToolDefinition[] | undefined;
  /** `$tools` hint when the grouping is not the default one entry of declarations. */
  layout: GeminiHints["$tools"];
}

export function decodeTools(value: unknown): DecodedTools {
  if (value === undefined || value === null) return { tools: undefined, layout: undefined };
  const tools: ToolDefinition[] = [];
  const layout: NonNullable<GeminiHints["$tools"]> = [];
  expectList(value, "tools").forEach((item, toolIndex) => {
    const path = `tools[${toolIndex}]`;
    const tool = camelizeKeys(expectRecord(item, path));
    let declarations = 0;
    if (tool["functionDeclarations"] !== undefined) {
      expectList(tool["functionDeclarations"], `${path}.functionDeclarations`).forEach((declaration, index) => {
        tools.push(decodeDeclaration(declaration, `${path}.functionDeclarations[${index}]`));
        declarations++;
      });
    }
    const rest = unknownFields(tool, toolKeys) ?? {};
    // An empty list has no declaration to carry it: keep it as sent.
    if (declarations === 0 && tool["functionDeclarations"] !== undefined) rest["functionDeclarations"] = tool["functionDeclarations"];
    layout.push({ declarations, rest });
  });
  const isDefault = layout.length === 1 && layout[0] !== undefined && Object.keys(layout[0].rest).length === 0 && tools.length > 0;
  return { tools: tools.length > 0 ? tools : undefined, layout: isDefault ? undefined : layout };
}

function decodeDeclaration(value: unknown, path: string): ToolDefinition {
  const declaration = camelizeKeys(expectRecord(value, path));
  const tool: ToolDefinition = { name: requireString(declaration, "name", path), parameters: { type: "object", properties: {} } };
  const description = optionalString(declaration, "description", path);
  if (description !== undefined) tool.description = description;
  const hints: GeminiHints = {};
  const jsonSchema = optionalRecord(declaration, "parametersJsonSchema", path);
  const openApi = optionalRecord(declaration, "parameters", path);
  const known = new Set(declarationKeys);
  if (jsonSchema !== undefined) {
    tool.parameters = jsonSchema;
    hints.$schemaField = "parametersJsonSchema";
    // Both sent: the JSON Schema wins, `parameters` rides along as a plain extra.
    known.delete("parameters");
  } else if (openApi !== undefined) {
    tool.parameters = schemaFromOpenApi(openApi);
    // Keep the wire form when sanitising the canonical schema would not give it back.
    const normalized = normalizeSchema(tool.parameters, path);
    if (normalized.warnings.length > 0 || !isDeepStrictEqual(normalized.schema, openApi)) hints.$wireParameters = openApi;
  }
  const extras = makeExtras(unknownFields(declaration, known), hints);
  if (extras !== undefined) tool.extras = extras;
  return tool;
}

export interface DecodedToolChoice {
  toolChoice: ToolChoice | undefined;
  /** What canonical tool choice cannot say, in the wire's shape (`{functionCallingConfig: {...}}`). */
  rest: Record<string, unknown> | undefined;
}

export function decodeToolConfig(value: unknown): DecodedToolChoice {
  if (value === undefined || value === null) return { toolChoice: undefined, rest: undefined };
  const config = camelizeKeys(expectRecord(value, "toolConfig"));
  const rest: Record<string, unknown> = unknownFields(config, toolConfigKeys) ?? {};
  const callingValue = optionalRecord(config, "functionCallingConfig", "toolConfig");
  let toolChoice: ToolChoice | undefined;
  if (callingValue !== undefined) {
    const path = "toolConfig.functionCallingConfig";
    const calling = camelizeKeys(callingValue);
    const mode = optionalString(calling, "mode", path);
    const names = optionalStringList(calling, "allowedFunctionNames", path);
    const callingRest: Record<string, unknown> = unknownFields(calling, callingConfigKeys) ?? {};
    toolChoice = choiceFor(mode, names);
    if (toolChoice === undefined) {
      if (mode !== undefined) callingRest["mode"] = mode;
      if (names !== undefined) callingRest["allowedFunctionNames"] = names;
    } else if (toolChoice.type === "required" && names !== undefined) {
      // ANY restricted to several functions: canonical has no subset, the list stays here.
      callingRest["allowedFunctionNames"] = names;
    }
    if (Object.keys(callingRest).length > 0) rest["functionCallingConfig"] = callingRest;
  }
  return { toolChoice, rest: Object.keys(rest).length > 0 ? rest : undefined };
}

function choiceFor(mode: string | undefined, names: string[] | undefined): ToolChoice | undefined {
  if (mode === "ANY") {
    if (names?.length === 1 && names[0] !== undefined) return { type: "tool", name: names[0] };
    return { type: "required" };
  }
  if (names !== undefined) return undefined;
  if (mode === "AUTO") return { type: "auto" };
  if (mode === "NONE") return { type: "none" };
  return undefined;
}
