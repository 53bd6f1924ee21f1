import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { validateGeminiRequest } from "../../src/simulator/index.ts";
import { assertProblem, png } from "./problems.ts";

const headers = { "x-goog-api-key": "g-test" };

function validBody(): Record<string, unknown> {
  return {
    contents: [
      { role: "user", parts: [{ text: "Weather and time in Paris?" }, { inlineData: { mimeType: "image/png", data: png } }] },
      {
        role: "model",
        parts: [
          { functionCall: { name: "get_weather", args: { city: "Paris" } }, thoughtSignature: "c2ln" },
          { functionCall: { name: "get_time", args: { tz: "Europe/Paris" } } },
        ],
      },
      {
        role: "user",
        parts: [
          { functionResponse: { name: "get_weather", response: { content: "18C" } } },
          { functionResponse: { name: "get_time", response: { time: "14:05" } } },
          { text: "Umbrella?" },
        ],
      },
    ],
    systemInstruction: { parts: [{ text: "Be brief." }] },
    tools: [
      {
        functionDeclarations: [
          { name: "get_weather", parameters: { type: "OBJECT", properties: { city: { type: "STRING", enum: ["Paris"] } }, required: ["city"] } },
          { name: "get_time", parametersJsonSchema: { type: "object", properties: { tz: { type: "string" } }, additionalProperties: false } },
        ],
      },
      { googleSearch: {} },
    ],
    toolConfig: { functionCallingConfig: { mode: "ANY", allowedFunctionNames: ["get_weather"] } },
    generationConfig: { temperature: 1.2, maxOutputTokens: 512, stopSequences: ["END"], thinkingConfig: { thinkingBudget: 0 } },
  };
}

function withContent(index: number, content: unknown): Record<string, unknown> {
  const body = validBody();
  (body["contents"] as unknown[])[index] = content;
  return body;
}

describe("validateGeminiRequest", () => {
  test("accepts a full request: image, signed parallel calls, responses, both schema fields, tool config", () => {
    assert.deepEqual(validateGeminiRequest(validBody(), headers), []);
  });

  test("the key may be x-goog-api-key or ?key=, not missing", () => {
    assertProblem(validateGeminiRequest(validBody(), {}), /unregistered callers/);
    assert.deepEqual(validateGeminiRequest(validBody(), {}, { query: { key: "g-test" } }), []);
  });

  test("roles are user and model only", () => {
    assertProblem(validateGeminiRequest(withContent(1, { role: "assistant", parts: [{ text: "x" }] }), headers), /role must be "user" or "model"/);
  });

  test("no empty contents, parts or text", () => {
    assertProblem(validateGeminiRequest({ contents: [] }, headers), /contents is not specified/);
    assertProblem(validateGeminiRequest(withContent(0, { role: "user", parts: [] }), headers), /parts must not be empty/);
    assertProblem(validateGeminiRequest(withContent(0, { role: "user", parts: [{ text: "" }] }), headers), /empty text parameter/);
    assertProblem(validateGeminiRequest(withContent(0, { role: "user", parts: [{}] }), headers), /exactly one of/);
  });

  test("functionResponse.response must be an object, named after a call of the previous model turn", () => {
    const body = withContent(2, {
      role: "user",
      parts: [
        { functionResponse: { name: "get_weather", response: "18C" } },
        { functionResponse: { name: "get_tide", response: {} } },
      ],
    });
    const problems = validateGeminiRequest(body, headers);
    assertProblem(problems, /response must be an object/);
    assertProblem(problems, /"get_tide" does not match a functionCall/);
  });

  test("one function response per call of the function call turn", () => {
    const body = withContent(2, { role: "user", parts: [{ functionResponse: { name: "get_weather", response: {} } }] });
    assertProblem(validateGeminiRequest(body, headers), /number of function response parts \(1\) must equal .* \(2\)/);
  });

  test("functionCall only in model turns", () => {
    const body = withContent(0, { role: "user", parts: [{ functionCall: { name: "get_weather", args: {} } }] });
    assertProblem(validateGeminiRequest(body, headers), /functionCall parts belong in model turns/);
  });

  test("parameters reject $ref, $defs, additionalProperties and $schema, as Gemini does", () => {
    const body = validBody();
    body["tools"] = [
      {
        functionDeclarations: [
          {
            name: "f",
            parameters: {
              $schema: "http://json-schema.org/draft-07/schema#",
              type: "object",
              properties: { a: { $ref: "#/$defs/A" }, b: { type: ["string", "null"] } },
              additionalProperties: false,
              $defs: { A: { type: "string" } },
            },
          },
        ],
      },
    ];
    const problems = validateGeminiRequest(body, headers);
    for (const name of ["\\$schema", "\\$ref", "additionalProperties", "\\$defs"]) assertProblem(problems, new RegExp(`Unknown name "${name}"`));
    assertProblem(problems, /properties\.b\.type must be one Schema type name/);
  });

  test("fields the API does not know are rejected, snake_case accepted", () => {
    const body = validBody();
    body["temperature"] = 0.5;
    assertProblem(validateGeminiRequest(body, headers), /Unknown name "temperature"/);
    const snake = validBody();
    snake["system_instruction"] = snake["systemInstruction"];
    delete snake["systemInstruction"];
    assert.deepEqual(validateGeminiRequest(snake, headers), []);
  });

  test("allowedFunctionNames only with mode ANY; generation ranges", () => {
    const body = validBody();
    body["toolConfig"] = { functionCallingConfig: { mode: "AUTO", allowedFunctionNames: ["f"] } };
    body["generationConfig"] = { temperature: 3, stopSequences: ["1", "2", "3", "4", "5", "6"] };
    const problems = validateGeminiRequest(body, headers);
    assertProblem(problems, /allowedFunctionNames may only be set with mode ANY/);
    assertProblem(problems, /temperature must be a number between 0 and 2/);
    assertProblem(problems, /stopSequences must be at most 5/);
  });
});
