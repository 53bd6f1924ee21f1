/**
 * @module
 * JSON Schema → the OpenAPI 3.0 subset Gemini's `parameters` accepts. llmux encodes tool
 * schemas into `parameters`, sanitised here, rather than `parametersJsonSchema`: every
 * Gemini model and both API surfaces (`v1`, `v1beta`) take `parameters`, and a schema that
 * passes through here does not draw a 400 for `$ref`, `additionalProperties`, `const` or a
 * number enum. Every reduction is reported as a Warning, with the path of the node.
 *
 * - `$ref` to `#/$defs/…` or `#/definitions/…` is inlined; a recursive ref is cut to
 *   `{type: "object"}`;
 * - `allOf` is merged into one schema; `oneOf` becomes `anyOf`; an `anyOf`/`oneOf` of one
 *   type and `null`, or `type: [T, "null"]`, becomes `T` with `nullable: true`;
 * - `const` becomes a one-value enum; enum values become strings (the type too);
 * - keywords outside the subset are dropped (`additionalProperties`, `examples`, `not`,
 *   `exclusiveMinimum`…); pure annotations (`$schema`, `$id`, `$comment`) go silently;
 * - `format` is kept only where Gemini supports it, and `required` only for properties
 *   that exist.
 * A schema already in the subset comes out unchanged, without warnings.
 */
import type { JsonSchema } from "../../core/types/request.ts";
import type { Warning } from "../../core/types/response.ts";
import { isRecord } from "../internal/json.ts";
import type { GeminiSchema } from "./wire-types.ts";

export interface SchemaNormalization {
  schema: GeminiSchema;
  warnings: Warning[];
}

interface Context {
  root: JsonSchema;
  warnings: Warning[];
  /** Refs being inlined right now: meeting one again means recursion. */
  expanding: string[];
}

type Node = Record<string, unknown>;

const keptAsIs = new Set([
  "title",
  "description",
  "nullable",
  "maxItems",
  "minItems",
  "minProperties",
  "maxProperties",
  "minLength",
  "maxLength",
  "pattern",
  "example",
  "propertyOrdering",
  "default",
  "minimum",
  "maximum",
]);
const droppedSilently = new Set(["$schema", "$id", "$comment", "$anchor", "$defs", "definitions"]);
const supportedFormats: Record<string, ReadonlySet<string>> = {
  string: new Set(["enum", "date-time"]),
  number: new Set(["float", "double"]),
  integer: new Set(["int32", "int64"]),
};

export function normalizeSchema(schema: JsonSchema, path: string): SchemaNormalization {
  const context: Context = { root: schema, warnings: [], expanding: [] };
  return { schema: normalizeNode(schema, path, context), warnings: context.warnings };
}

function warn(context: Context, path: string, message: string): void {
  context.warnings.push({ code: "lossy-conversion", message, path });
}

function normalizeNode(node: unknown, path: string, context: Context): GeminiSchema {
  if (node === true) return {};
  if (!isRecord(node)) {
    warn(context, path, "a schema that is not an object was replaced by an empty schema");
    return {};
  }
  if (typeof node["$ref"] === "string") return normalizeRef(node, node["$ref"], path, context);
  if (Array.isArray(node["allOf"])) return normalizeAllOf(node, node["allOf"], path, context);
  return normalizePlain(node, path, context);
}

function resolvePointer(root: JsonSchema, ref: string): unknown {
  if (!ref.startsWith("#")) return undefined;
  let current: unknown = root;
  for (const raw of ref.slice(1).split("/").slice(1)) {
    const key = decodeURIComponent(raw).replaceAll("~1", "/").replaceAll("~0", "~");
    if (!isRecord(current)) return undefined;
    current = current[key];
  }
  return current;
}

function normalizeRef(node: Node, ref: string, path: string, context: Context): GeminiSchema {
  const { $ref: _ref, ...siblings } = node;
  const target = resolvePointer(context.root, ref);
  let base: GeminiSchema;
  if (target === undefined) {
    warn(context, path, `$ref ${ref} could not be resolved and was cut to {type: "object"}`);
    base = { type: "object" };
  } else if (context.expanding.includes(ref)) {
    warn(context, path, `recursive $ref ${ref} was cut to {type: "object"}`);
    base = { type: "object" };
  } else {
    context.expanding.push(ref);
    base = normalizeNode(target, path, context);
    context.expanding.pop();
  }
  const extra = Object.keys(siblings).some((key) => !droppedSilently.has(key)) ? normalizeNode(siblings, path, context) : {};
  return { ...base, ...extra };
}

function normalizeAllOf(node: Node, members: unknown[], path: string, context: Context): GeminiSchema {
  const { allOf: _allOf, ...own } = node;
  warn(context, path, "allOf was merged into one schema");
  const parts = [normalizeNode(own, path, context), ...members.map((member, index) => normalizeNode(member, `${path}.allOf[${index}]`, context))];
  const merged: Node = {};
  for (const part of parts) {
    for (const [key, value] of Object.entries(part)) {
      if (key === "properties" && isRecord(value)) merged[key] = { ...(isRecord(merged[key]) ? merged[key] : {}), ...value };
      else if (key === "required" && Array.isArray(value)) {
        const previous = Array.isArray(merged[key]) ? (merged[key] as string[]) : [];
        merged[key] = [...new Set([...previous, ...(value as string[])])];
      } else if (!(key in merged)) merged[key] = value;
    }
  }
  return merged as GeminiSchema;
}

function isNullSchema(value: unknown): boolean {
  if (!isRecord(value)) return false;
  const type = value["type"];
  return type === "null" || (Array.isArray(type) && type.length === 1 && type[0] === "null");
}

function normalizePlain(node: Node, path: string, context: Context): GeminiSchema {
  const out: Node = {};
  let nullable = false;
  for (const [key, value] of Object.entries(node)) {
    if (droppedSilently.has(key)) continue;
    if (keptAsIs.has(key)) out[key] = value;
    else if (key === "type") nullable = normalizeType(out, value, path, context) || nullable;
    else if (key === "format") out[key] = value;
    else if (key === "properties" && isRecord(value)) {
      const properties: Record<string, GeminiSchema> = {};
      for (const [name, property] of Object.entries(value)) properties[name] = normalizeNode(property, `${path}.properties.${name}`, context);
      out[key] = properties;
    } else if (key === "required" && Array.isArray(value)) out[key] = value.filter((item) => typeof item === "string");
    else if (key === "items") out[key] = normalizeItems(value, `${path}.items`, context);
    else if (key === "const") {
      const result = stringifyEnum([value]);
      warn(context, path, result.stringified ? "const was turned into a one-value string enum" : "const was turned into a one-value enum");
      out["enum"] = result.values;
    } else if (key === "enum" && Array.isArray(value)) {
      const result = stringifyEnum(value);
      if (result.hadNull) nullable = true;
      out[key] = result.values;
      if (result.stringified) warn(context, path, "enum values were turned into strings");
    } else if (key === "anyOf" || key === "oneOf") {
      if (key === "oneOf" && Array.isArray(node["anyOf"])) {
        warn(context, path, "oneOf beside anyOf was dropped");
        continue;
      }
      nullable = normalizeVariants(out, key, value, path, context) || nullable;
    } else warn(context, path, `${key} is not supported by Gemini and was dropped`);
  }
  if (nullable) out["nullable"] = true;
  if (out["enum"] !== undefined && out["type"] !== "string") {
    if (out["type"] !== undefined) warn(context, path, `type ${String(out["type"])} was changed to string for its enum`);
    out["type"] = "string";
  }
  checkFormat(out, path, context);
  checkRequired(out, path, context);
  return out as GeminiSchema;
}

/** Sets `out.type`; returns true when the type allowed null. */
function normalizeType(out: Node, value: unknown, path: string, context: Context): boolean {
  if (typeof value === "string") {
    out["type"] = value;
    return false;
  }
  if (!Array.isArray(value)) {
    warn(context, path, "a type that is not a string or an array was dropped");
    return false;
  }
  const types = value.filter((item): item is string => typeof item === "string" && item !== "null");
  const hasNull = value.includes("null");
  if (types.length === 1) {
    out["type"] = types[0];
    if (hasNull) warn(context, path, `type [${value.join(", ")}] was reduced to ${types[0]} with nullable`);
  } else if (types.length > 1) {
    out["anyOf"] = types.map((type) => ({ type }));
    warn(context, path, `type [${value.join(", ")}] was turned into anyOf`);
  } else {
    out["type"] = "null";
  }
  return hasNull && types.length > 0;
}

/** Handles anyOf/oneOf; returns true when a null variant made the node nullable. */
function normalizeVariants(out: Node, key: string, value: unknown, path: string, context: Context): boolean {
  if (!Array.isArray(value)) {
    warn(context, path, `${key} that is not an array was dropped`);
    return false;
  }
  const nonNull = value.filter((variant) => !isNullSchema(variant));
  const hasNull = nonNull.length < value.length;
  if (hasNull && nonNull.length === 1) {
    warn(context, path, `${key} of a type and null was reduced to nullable`);
    const single = normalizeNode(nonNull[0], path, context);
    for (const [name, schema] of Object.entries(single)) if (!(name in out)) out[name] = schema;
    return true;
  }
  if (key === "oneOf") warn(context, path, "oneOf was reduced to anyOf");
  if (hasNull) warn(context, path, `the null variant of ${key} was turned into nullable`);
  out["anyOf"] = nonNull.map((variant, index) => normalizeNode(variant, `${path}.anyOf[${index}]`, context));
  return hasNull;
}

function normalizeItems(value: unknown, path: string, context: Context): GeminiSchema {
  if (!Array.isArray(value)) return normalizeNode(value, path, context);
  warn(context, path, "tuple items were reduced to one items schema");
  if (value.length === 1) return normalizeNode(value[0], path, context);
  return { anyOf: value.map((item, index) => normalizeNode(item, `${path}[${index}]`, context)) };
}

function stringifyEnum(values: unknown[]): { values: string[]; stringified: boolean; hadNull: boolean } {
  let stringified = false;
  let hadNull = false;
  const strings: string[] = [];
  for (const value of values) {
    if (value === null) {
      hadNull = true;
      continue;
    }
    if (typeof value === "string") strings.push(value);
    else {
      stringified = true;
      strings.push(typeof value === "object" ? JSON.stringify(value) : String(value));
    }
  }
  return { values: strings, stringified, hadNull };
}

function checkFormat(out: Node, path: string, context: Context): void {
  const format = out["format"];
  if (format === undefined) return;
  const type = typeof out["type"] === "string" ? (out["type"] as string).toLowerCase() : undefined;
  const allowed = type === undefined ? undefined : supportedFormats[type];
  if (typeof format === "string" && allowed?.has(format)) return;
  delete out["format"];
  warn(context, path, `format ${String(format)} is not supported by Gemini for type ${String(type)} and was dropped`);
}

function checkRequired(out: Node, path: string, context: Context): void {
  const required = out["required"];
  if (!Array.isArray(required)) return;
  const properties = isRecord(out["properties"]) ? out["properties"] : {};
  const kept = required.filter((name: string) => name in properties);
  if (kept.length === required.length) return;
  warn(context, path, `required names without a property were dropped: ${required.filter((name: string) => !(name in properties)).join(", ")}`);
  if (kept.length === 0) delete out["required"];
  else out["required"] = kept;
}
