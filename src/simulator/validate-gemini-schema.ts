/**
 * @module
 * Gemini's `functionDeclarations[].parameters` is an OpenAPI 3.0 subset (the `Schema`
 * proto), not JSON Schema: fields outside it (`$ref`, `$defs`, `additionalProperties`,
 * `$schema`, `const`, `oneOf`...) are answered with "Invalid JSON payload received. Unknown
 * name" (protocols.md 6.2), and `type` is one name, not a list. `parametersJsonSchema`
 * takes full JSON Schema and is not checked here.
 */
import { isRecord } from "./check-value.ts";

const schemaKeys: ReadonlySet<string> = new Set([
  "type",
  "format",
  "title",
  "description",
  "nullable",
  "enum",
  "maxItems",
  "minItems",
  "properties",
  "required",
  "minProperties",
  "maxProperties",
  "minLength",
  "maxLength",
  "pattern",
  "example",
  "anyOf",
  "propertyOrdering",
  "default",
  "items",
  "minimum",
  "maximum",
]);
const schemaTypes: ReadonlySet<string> = new Set(["TYPE_UNSPECIFIED", "STRING", "NUMBER", "INTEGER", "BOOLEAN", "ARRAY", "OBJECT", "NULL"]);

function camelize(key: string): string {
  return key.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase());
}

/** Problems of an OpenAPI-subset schema, recursively. */
export function checkGeminiSchema(problems: string[], schema: unknown, path: string): void {
  if (!isRecord(schema)) {
    problems.push(`${path} must be an object`);
    return;
  }
  for (const [rawKey, value] of Object.entries(schema)) {
    const key = camelize(rawKey);
    if (!schemaKeys.has(key)) {
      problems.push(`Invalid JSON payload received. Unknown name ${JSON.stringify(rawKey)} at '${path}': Cannot find field.`);
      continue;
    }
    if (key === "type" && (typeof value !== "string" || !schemaTypes.has(value.toUpperCase()))) {
      problems.push(`${path}.type must be one Schema type name (STRING, NUMBER, INTEGER, BOOLEAN, ARRAY, OBJECT), got ${JSON.stringify(value)}`);
    }
    if (key === "enum" && !(Array.isArray(value) && value.every((item) => typeof item === "string"))) {
      problems.push(`${path}.enum must list strings only`);
    }
    if (key === "properties") {
      if (!isRecord(value)) problems.push(`${path}.properties must be an object`);
      else for (const [name, inner] of Object.entries(value)) checkGeminiSchema(problems, inner, `${path}.properties.${name}`);
    }
    if (key === "items") checkGeminiSchema(problems, value, `${path}.items`);
    if (key === "anyOf") {
      if (!Array.isArray(value)) problems.push(`${path}.anyOf must be an array`);
      else value.forEach((inner, index) => checkGeminiSchema(problems, inner, `${path}.anyOf[${index}]`));
    }
  }
}
