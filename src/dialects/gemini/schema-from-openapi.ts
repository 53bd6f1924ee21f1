/**
 * @module
 * Gemini's OpenAPI-subset schema (`parameters`, `responseSchema`) → JSON Schema, for the
 * canonical form other dialects read: type names lower-cased (the SDK's `Type.OBJECT` is
 * "OBJECT"), `nullable: true` turned into a `"null"` type. Everything else is kept as sent.
 */
import type { JsonSchema } from "../../core/types/request.ts";
import { isRecord } from "../internal/json.ts";

export function schemaFromOpenApi(schema: Record<string, unknown>): JsonSchema {
  const result: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === "nullable") continue;
    if (key === "type" && typeof value === "string") result[key] = value.toLowerCase();
    else if ((key === "items" || key === "not") && isRecord(value)) result[key] = schemaFromOpenApi(value);
    else if (key === "anyOf" && Array.isArray(value)) result[key] = value.map((item) => (isRecord(item) ? schemaFromOpenApi(item) : item));
    else if (key === "properties" && isRecord(value)) {
      const properties: JsonSchema = {};
      for (const [name, property] of Object.entries(value)) properties[name] = isRecord(property) ? schemaFromOpenApi(property) : property;
      result[key] = properties;
    } else result[key] = value;
  }
  if (schema["nullable"] === true) {
    const type = result["type"];
    if (typeof type === "string") result["type"] = [type, "null"];
    else if (Array.isArray(result["anyOf"])) result["anyOf"] = [...result["anyOf"], { type: "null" }];
    else result["nullable"] = true;
  } else if (schema["nullable"] !== undefined) {
    result["nullable"] = schema["nullable"];
  }
  return result;
}
