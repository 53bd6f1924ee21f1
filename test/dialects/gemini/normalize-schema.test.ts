import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { JsonSchema } from "../../../src/core/types/request.ts";
import { geminiDialect as dialect } from "../../../src/dialects/gemini/index.ts";
import { normalizeSchema } from "../../../src/dialects/gemini/normalize-schema.ts";

function normalize(schema: JsonSchema): { schema: unknown; warnings: string[] } {
  const result = normalizeSchema(schema, "p");
  return { schema: result.schema, warnings: result.warnings.map((warning) => `${warning.path}: ${warning.message}`) };
}

describe("normalizeSchema", () => {
  test("a schema already in Gemini's subset comes out unchanged, without warnings", () => {
    const schema = {
      type: "object",
      title: "Order",
      description: "An order",
      properties: {
        id: { type: "string", format: "date-time" },
        size: { type: "string", enum: ["s", "m", "l"] },
        count: { type: "integer", format: "int32", minimum: 1, maximum: 9, default: 1 },
        tags: { type: "array", items: { type: "string", minLength: 1 }, maxItems: 5 },
        note: { type: "string", nullable: true, pattern: "^[a-z]+$" },
        either: { anyOf: [{ type: "string" }, { type: "number" }] },
      },
      required: ["id"],
      propertyOrdering: ["id", "size"],
    };
    assert.deepEqual(normalize(schema), { schema, warnings: [] });
  });

  test("annotations go silently; unsupported keywords go with a warning", () => {
    const result = normalize({
      $schema: "https://json-schema.org/draft/2020-12/schema",
      $id: "urn:x",
      $comment: "internal",
      type: "object",
      properties: { a: { type: "string", examples: ["x"], not: { const: "y" } } },
      additionalProperties: false,
    });
    assert.deepEqual(result.schema, { type: "object", properties: { a: { type: "string" } } });
    assert.deepEqual(result.warnings, [
      "p.properties.a: examples is not supported by Gemini and was dropped",
      "p.properties.a: not is not supported by Gemini and was dropped",
      "p: additionalProperties is not supported by Gemini and was dropped",
    ]);
  });

  test("$ref to $defs and definitions is inlined, with sibling keywords kept", () => {
    const result = normalize({
      type: "object",
      properties: {
        home: { $ref: "#/$defs/Address", description: "Home address" },
        work: { $ref: "#/definitions/Address" },
      },
      $defs: { Address: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } },
      definitions: { Address: { type: "object", properties: { street: { type: "string" } } } },
    });
    assert.deepEqual(result.schema, {
      type: "object",
      properties: {
        home: { type: "object", properties: { city: { type: "string" } }, required: ["city"], description: "Home address" },
        work: { type: "object", properties: { street: { type: "string" } } },
      },
    });
    assert.deepEqual(result.warnings, []);
  });

  test("a recursive $ref is cut to an object, with a warning", () => {
    const result = normalize({
      type: "object",
      properties: { root: { $ref: "#/$defs/Node" } },
      $defs: { Node: { type: "object", properties: { name: { type: "string" }, children: { type: "array", items: { $ref: "#/$defs/Node" } } } } },
    });
    assert.deepEqual(result.schema, {
      type: "object",
      properties: {
        root: {
          type: "object",
          properties: { name: { type: "string" }, children: { type: "array", items: { type: "object" } } },
        },
      },
    });
    assert.deepEqual(result.warnings, ['p.properties.root.properties.children.items: recursive $ref #/$defs/Node was cut to {type: "object"}']);
  });

  test("an unresolvable $ref is cut too", () => {
    const result = normalize({ type: "object", properties: { a: { $ref: "#/$defs/Missing" } } });
    assert.deepEqual(result.schema, { type: "object", properties: { a: { type: "object" } } });
    assert.equal(result.warnings.length, 1);
  });

  test("const becomes a one-value enum; non-string enums become strings", () => {
    const result = normalize({
      type: "object",
      properties: { kind: { const: "circle" }, level: { type: "integer", enum: [1, 2, 3] }, flag: { const: true } },
    });
    assert.deepEqual(result.schema, {
      type: "object",
      properties: {
        kind: { enum: ["circle"], type: "string" },
        level: { type: "string", enum: ["1", "2", "3"] },
        flag: { enum: ["true"], type: "string" },
      },
    });
    assert.deepEqual(result.warnings, [
      "p.properties.kind: const was turned into a one-value enum",
      "p.properties.level: enum values were turned into strings",
      "p.properties.level: type integer was changed to string for its enum",
      "p.properties.flag: const was turned into a one-value string enum",
    ]);
  });

  test("a null in an enum makes the schema nullable", () => {
    assert.deepEqual(normalize({ type: ["string", "null"], enum: ["a", null] }).schema, { type: "string", enum: ["a"], nullable: true });
  });

  test("type arrays: one type and null become nullable; several types become anyOf", () => {
    const result = normalize({
      type: "object",
      properties: { a: { type: ["string", "null"] }, b: { type: ["string", "integer"] } },
    });
    assert.deepEqual(result.schema, {
      type: "object",
      properties: { a: { type: "string", nullable: true }, b: { anyOf: [{ type: "string" }, { type: "integer" }] } },
    });
    assert.deepEqual(result.warnings, [
      "p.properties.a: type [string, null] was reduced to string with nullable",
      "p.properties.b: type [string, integer] was turned into anyOf",
    ]);
  });

  test("anyOf/oneOf of a type and null reduce to nullable; oneOf becomes anyOf", () => {
    const result = normalize({
      type: "object",
      properties: {
        a: { anyOf: [{ type: "string", maxLength: 3 }, { type: "null" }], description: "A" },
        b: { oneOf: [{ type: "string" }, { type: "integer" }] },
        c: { anyOf: [{ type: "string" }, { type: "integer" }, { type: "null" }] },
      },
    });
    assert.deepEqual(result.schema, {
      type: "object",
      properties: {
        a: { type: "string", maxLength: 3, description: "A", nullable: true },
        b: { anyOf: [{ type: "string" }, { type: "integer" }] },
        c: { anyOf: [{ type: "string" }, { type: "integer" }], nullable: true },
      },
    });
    assert.deepEqual(result.warnings, [
      "p.properties.a: anyOf of a type and null was reduced to nullable",
      "p.properties.b: oneOf was reduced to anyOf",
      "p.properties.c: the null variant of anyOf was turned into nullable",
    ]);
  });

  test("allOf is merged into one schema", () => {
    const result = normalize({
      allOf: [
        { type: "object", properties: { a: { type: "string" } }, required: ["a"] },
        { properties: { b: { type: "number" } }, required: ["b"] },
      ],
      description: "Both",
    });
    assert.deepEqual(result.schema, {
      description: "Both",
      type: "object",
      properties: { a: { type: "string" }, b: { type: "number" } },
      required: ["a", "b"],
    });
    assert.deepEqual(result.warnings, ["p: allOf was merged into one schema"]);
  });

  test("unsupported formats and dangling required names are dropped", () => {
    const result = normalize({
      type: "object",
      properties: { mail: { type: "string", format: "email" }, when: { type: "string", format: "date-time" } },
      required: ["mail", "ghost"],
    });
    assert.deepEqual(result.schema, {
      type: "object",
      properties: { mail: { type: "string" }, when: { type: "string", format: "date-time" } },
      required: ["mail"],
    });
    assert.deepEqual(result.warnings, [
      "p.properties.mail: format email is not supported by Gemini for type string and was dropped",
      "p: required names without a property were dropped: ghost",
    ]);
  });

  test("tuple items are reduced to one items schema", () => {
    const result = normalize({ type: "array", items: [{ type: "string" }, { type: "integer" }] });
    assert.deepEqual(result.schema, { type: "array", items: { anyOf: [{ type: "string" }, { type: "integer" }] } });
    assert.equal(result.warnings.length, 1);
  });
});

test("encodeRequest sanitises a typical strict OpenAI tool schema into parameters, reporting each reduction", () => {
  const parameters = {
    $schema: "http://json-schema.org/draft-07/schema#",
    type: "object",
    properties: {
      query: { type: "string", description: "Search text" },
      limit: { type: ["integer", "null"], description: "Max results" },
      sort: { anyOf: [{ $ref: "#/definitions/Sort" }, { type: "null" }] },
    },
    required: ["query", "limit", "sort"],
    additionalProperties: false,
    definitions: { Sort: { type: "string", enum: ["date", "relevance"] } },
  };
  const encoded = dialect.encodeRequest({
    model: "m",
    messages: [{ role: "user", content: [{ type: "text", text: "find" }] }],
    tools: [{ name: "search", parameters }],
    stream: false,
  });
  const body = encoded.value as { tools: Array<{ functionDeclarations: Array<Record<string, unknown>> }> };
  assert.deepEqual(body.tools[0]?.functionDeclarations[0], {
    name: "search",
    parameters: {
      type: "object",
      properties: {
        query: { type: "string", description: "Search text" },
        limit: { type: "integer", nullable: true, description: "Max results" },
        sort: { type: "string", enum: ["date", "relevance"], nullable: true },
      },
      required: ["query", "limit", "sort"],
    },
  });
  assert.deepEqual(
    encoded.warnings.map((warning) => warning.path),
    ["tools[0].parameters.properties.limit", "tools[0].parameters.properties.sort", "tools[0].parameters"],
  );
  assert.ok(encoded.warnings.every((warning) => warning.code === "lossy-conversion"));
});
