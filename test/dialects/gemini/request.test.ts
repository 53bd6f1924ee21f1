import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { InvalidRequestError } from "../../../src/core/errors.ts";
import type { CanonicalRequest } from "../../../src/core/types/request.ts";
import { geminiDialect as dialect } from "../../../src/dialects/gemini/index.ts";
import { viaWire } from "../conformance.ts";
import { loadJson } from "./load-fixture.ts";

const context = { model: "gemini-2.5-flash", stream: false };

function decode(body: unknown): CanonicalRequest {
  const decoded = dialect.decodeRequest(body, context);
  assert.deepEqual(decoded.warnings, []);
  return decoded.value;
}

function encode(request: CanonicalRequest): { body: Record<string, unknown>; warnings: string[] } {
  const encoded = dialect.encodeRequest(request);
  return { body: viaWire(encoded.value) as Record<string, unknown>, warnings: encoded.warnings.map((warning) => warning.message) };
}

const user = (text: string): CanonicalRequest["messages"][number] => ({ role: "user", content: [{ type: "text", text }] });

describe("request fixtures decode to canonical data", () => {
  test("basic: system, turns, sampling parameters, unknown fields in extras", () => {
    const request = decode(loadJson("request-basic.json"));
    assert.equal(request.model, "gemini-2.5-flash");
    assert.equal(request.stream, false);
    assert.deepEqual(request.system, [{ type: "text", text: "You are a poet. Answer with the poem only." }]);
    assert.deepEqual(
      request.messages.map((message) => message.role),
      ["user", "assistant", "user"],
    );
    assert.deepEqual(
      [request.temperature, request.topP, request.topK, request.maxOutputTokens, request.seed, request.presencePenalty, request.frequencyPenalty],
      [0.9, 0.95, 40, 256, 42, 0.1, 0.2],
    );
    assert.deepEqual(request.stopSequences, ["THE END"]);
    assert.deepEqual(request.reasoning, { enabled: false });
    const extras = request.extras?.gemini;
    assert.equal(extras?.["cachedContent"], "cachedContents/7f3k2m9q1xw4");
    assert.equal((extras?.["safetySettings"] as unknown[]).length, 2);
    assert.deepEqual(extras?.["generationConfig"], { candidateCount: 1, responseModalities: ["TEXT"] });
  });

  test("tools: id-less calls get stable ids that their responses share", () => {
    const request = decode(loadJson("request-tools.json"));
    const [, assistant, tool] = request.messages;
    assert.equal(assistant?.role, "assistant");
    const calls = assistant?.content.filter((part) => part.type === "tool-call") ?? [];
    assert.deepEqual(
      calls.map((call) => [call.id, call.name, call.arguments]),
      [
        ["call_turn1_0", "get_weather", '{"city":"Paris","unit":"celsius"}'],
        ["call_turn1_1", "get_weather", '{"city":"Tokyo","unit":"celsius"}'],
      ],
    );
    assert.equal(calls[0]?.extras?.gemini?.["thoughtSignature"], "CiQB0e2Kb7Qm4a9VhJxk2W1mYp8sLr3Tn6Hd5Fq0ZcXvBgUe");
    assert.equal(tool?.role, "tool");
    assert.deepEqual(
      tool?.content.map((part) => (part.type === "tool-result" ? [part.toolCallId, part.toolName, part.content] : [])),
      [
        ["call_turn1_0", "get_weather", [{ type: "text", text: '{"temperature":18,"conditions":"cloudy"}' }]],
        ["call_turn1_1", "get_weather", [{ type: "text", text: "24C, clear skies" }]],
      ],
    );
  });

  test("tools: declarations in JSON Schema, other tool kinds and a subset choice in extras", () => {
    const request = decode(loadJson("request-tools.json"));
    assert.deepEqual(
      request.tools?.map((tool) => tool.name),
      ["get_weather", "book_table", "list_restaurants"],
    );
    assert.deepEqual(request.tools?.[0]?.parameters, {
      type: "object",
      properties: {
        city: { type: "string", description: "City name" },
        unit: { type: ["string", "null"], enum: ["celsius", "fahrenheit"] },
      },
      required: ["city"],
    });
    assert.equal(request.tools?.[1]?.parameters["additionalProperties"], false, "parametersJsonSchema is taken as is");
    assert.deepEqual(request.tools?.[2]?.parameters, { type: "object", properties: {} });
    assert.deepEqual(request.toolChoice, { type: "required" });
    assert.deepEqual(request.extras?.gemini?.["toolConfig"], {
      functionCallingConfig: { allowedFunctionNames: ["book_table", "list_restaurants"] },
    });
    assert.deepEqual(request.reasoning, { enabled: true });
    assert.deepEqual(request.extras?.gemini?.["generationConfig"], { thinkingConfig: { thinkingBudget: -1 } });
  });

  test("multimodal: base64 and file images, thoughts, unknown parts kept aside", () => {
    const request = decode(loadJson("request-multimodal.json"));
    const [first, model, last] = request.messages;
    assert.deepEqual(
      first?.content.map((part) => (part.type === "image" ? part.source.kind : part.type)),
      ["text", "base64", "url"],
    );
    const fileImage = first?.content[2];
    assert.deepEqual(fileImage?.type === "image" ? fileImage.source : undefined, {
      kind: "url",
      url: "https://generativelanguage.googleapis.com/v1beta/files/6r4t1l0ck8zd",
    });
    assert.deepEqual(fileImage?.extras, { gemini: { fileData: { mimeType: "image/jpeg" } } });
    assert.deepEqual(
      model?.content.map((part) => part.type),
      ["reasoning", "text"],
    );
    assert.equal(model?.content[1]?.extras?.gemini?.["thoughtSignature"], "EtwBCtkBAdHtim8P1qHdZt0Wv3bJ9Lq");
    assert.equal(last?.role, "user");
    assert.deepEqual(request.reasoning, { budgetTokens: 2048, enabled: true });
  });

  test("JSON output: an OpenAPI responseSchema becomes JSON Schema", () => {
    const request = decode(loadJson("request-json-schema.json"));
    assert.equal(request.responseFormat?.type, "json-schema");
    const schema = request.responseFormat?.type === "json-schema" ? request.responseFormat.schema : {};
    assert.equal(schema["type"], "array");
    assert.deepEqual((schema["items"] as Record<string, Record<string, unknown>>)["properties"]?.["minutes"], { type: ["integer", "null"] });
    assert.deepEqual(request.toolChoice, { type: "none" });
    assert.deepEqual(request.reasoning, { effort: "low" });
  });

  test("snake_case field names decode like camelCase ones", () => {
    assert.deepEqual(decode(loadJson("request-snake-case.json")), decode(loadJson("request-basic.json")));
  });

  test("snake_case parts, tools and tool config decode too", () => {
    const snake = {
      contents: [
        { role: "user", parts: [{ text: "hi" }, { inline_data: { mime_type: "image/png", data: "AAAA" } }] },
        { role: "model", parts: [{ function_call: { name: "f", args: { a_b: 1 } }, thought_signature: "c2ln" }] },
        { role: "user", parts: [{ function_response: { name: "f", response: { content: "ok" } } }] },
      ],
      tools: [{ function_declarations: [{ name: "f", parameters_json_schema: { type: "object", properties: { a_b: { type: "integer" } } } }] }],
      tool_config: { function_calling_config: { mode: "ANY", allowed_function_names: ["f"] } },
    };
    const camel = {
      contents: [
        { role: "user", parts: [{ text: "hi" }, { inlineData: { mimeType: "image/png", data: "AAAA" } }] },
        { role: "model", parts: [{ functionCall: { name: "f", args: { a_b: 1 } }, thoughtSignature: "c2ln" }] },
        { role: "user", parts: [{ functionResponse: { name: "f", response: { content: "ok" } } }] },
      ],
      tools: [{ functionDeclarations: [{ name: "f", parametersJsonSchema: { type: "object", properties: { a_b: { type: "integer" } } } }] }],
      toolConfig: { functionCallingConfig: { mode: "ANY", allowedFunctionNames: ["f"] } },
    };
    assert.deepEqual(decode(snake), decode(camel));
    assert.deepEqual(encode(decode(snake)).body, camel, "user data (args, property names) keeps its underscores");
  });
});

describe("same-dialect round trip is lossless (wire → canonical → wire)", () => {
  for (const name of ["request-basic.json", "request-tools.json", "request-multimodal.json", "request-json-schema.json"]) {
    test(name, () => {
      const fixture = loadJson(name);
      const { body, warnings } = encode(viaWire(decode(fixture)));
      assert.deepEqual(warnings, []);
      assert.deepEqual(body, fixture);
    });
  }

  test("snake_case input comes back out in camelCase", () => {
    const { body } = encode(decode(loadJson("request-snake-case.json")));
    assert.deepEqual(body, loadJson("request-basic.json"));
  });
});

describe("decodeRequest validates", () => {
  const cases: Array<[string, unknown, string]> = [
    ["a body that is not an object", "hello", "body"],
    ["missing contents", { generationConfig: {} }, "contents"],
    ["empty contents", { contents: [] }, "contents"],
    ["contents of the wrong type", { contents: "hi" }, "contents"],
    ["a content that is not an object", { contents: [42] }, "contents[0]"],
    ["an unknown role", { contents: [{ role: "assistant", parts: [{ text: "x" }] }] }, "contents[0].role"],
    ["missing parts", { contents: [{ role: "user" }] }, "contents[0].parts"],
    ["text that is not a string", { contents: [{ parts: [{ text: 5 }] }] }, "contents[0].parts[0].text"],
    ["inlineData without data", { contents: [{ parts: [{ inlineData: { mimeType: "image/png" } }] }] }, "contents[0].parts[0].inlineData.data"],
    ["a functionCall without name", { contents: [{ role: "model", parts: [{ functionCall: { args: {} } }] }] }, "contents[0].parts[0].functionCall.name"],
    ["args that are not an object", { contents: [{ role: "model", parts: [{ functionCall: { name: "f", args: "[]" } }] }] }, "contents[0].parts[0].functionCall.args"],
    [
      "a functionResponse whose response is not an object",
      { contents: [{ parts: [{ functionResponse: { name: "f", response: "ok" } }] }] },
      "contents[0].parts[0].functionResponse.response",
    ],
    ["a temperature that is not a number", { contents: [{ parts: [{ text: "x" }] }], generationConfig: { temperature: "hot" } }, "generationConfig.temperature"],
    ["tools of the wrong type", { contents: [{ parts: [{ text: "x" }] }], tools: 3 }, "tools"],
    ["a declaration without name", { contents: [{ parts: [{ text: "x" }] }], tools: [{ functionDeclarations: [{}] }] }, "tools[0].functionDeclarations[0].name"],
    ["a non-text system part", { contents: [{ parts: [{ text: "x" }] }], systemInstruction: { parts: [{ inlineData: {} }] } }, "systemInstruction.parts[0].text"],
  ];
  for (const [name, body, param] of cases) {
    test(name, () => {
      assert.throws(
        () => dialect.decodeRequest(body, context),
        (error: unknown) => error instanceof InvalidRequestError && error.param === param,
      );
    });
  }

  test("the model comes from the URL, or a body field, else it is an error", () => {
    const body = { contents: [{ parts: [{ text: "x" }] }] };
    assert.equal(dialect.decodeRequest(body, { model: "models/gemini-2.5-pro" }).value.model, "gemini-2.5-pro");
    assert.equal(dialect.decodeRequest({ ...body, model: "gemini-2.0-flash" }).value.model, "gemini-2.0-flash");
    assert.throws(() => dialect.decodeRequest(body), (error: unknown) => error instanceof InvalidRequestError && error.param === "model");
    assert.equal(dialect.decodeRequest(body, { model: "m", stream: true }).value.stream, true);
  });
});

describe("encoding canonical requests from other dialects", () => {
  test("a tool message after a user message shares one user turn; results are objects in call order", () => {
    const request: CanonicalRequest = {
      model: "m",
      messages: [
        user("Weather?"),
        {
          role: "assistant",
          content: [
            { type: "tool-call", id: "call_1", name: "get_weather", arguments: '{"city":"Paris"}' },
            { type: "tool-call", id: "call_2", name: "get_weather", arguments: '{"city":"Oslo"}' },
          ],
        },
        // OpenAI tool messages carry no tool name: it is looked up from the call.
        { role: "tool", content: [{ type: "tool-result", toolCallId: "call_1", content: [{ type: "text", text: '{"temp": 18}' }] }] },
        { role: "tool", content: [{ type: "tool-result", toolCallId: "call_2", content: [{ type: "text", text: "boom" }], isError: true }] },
        user("Thanks, and tomorrow?"),
      ],
      stream: false,
    };
    const { body, warnings } = encode(request);
    assert.deepEqual(warnings, []);
    assert.deepEqual(body["contents"], [
      { role: "user", parts: [{ text: "Weather?" }] },
      {
        role: "model",
        parts: [
          { functionCall: { name: "get_weather", id: "call_1", args: { city: "Paris" } } },
          { functionCall: { name: "get_weather", id: "call_2", args: { city: "Oslo" } } },
        ],
      },
      {
        role: "user",
        parts: [
          { functionResponse: { name: "get_weather", id: "call_1", response: { temp: 18 } } },
          { functionResponse: { name: "get_weather", id: "call_2", response: { error: "boom" } } },
          { text: "Thanks, and tomorrow?" },
        ],
      },
    ]);
  });

  test("tool results round-trip text, JSON text, errors and images", () => {
    const pixel = { type: "image" as const, source: { kind: "base64" as const, mediaType: "image/png", data: "AAAA" } };
    const results: CanonicalRequest["messages"][number] = {
      role: "tool",
      content: [
        { type: "tool-result", toolCallId: "a", toolName: "f", content: [{ type: "text", text: "plain" }] },
        { type: "tool-result", toolCallId: "b", toolName: "f", content: [{ type: "text", text: '{"content":"x"}' }] },
        { type: "tool-result", toolCallId: "c", toolName: "f", content: [{ type: "text", text: "failed" }], isError: true },
        { type: "tool-result", toolCallId: "d", toolName: "f", content: [{ type: "text", text: "see chart" }, pixel] },
        { type: "tool-result", toolCallId: "e", toolName: "f", content: [pixel] },
      ],
    };
    const request: CanonicalRequest = { model: "m", messages: [user("go"), results], stream: false };
    const { body } = encode(request);
    // The results share the user turn of the text before them.
    const parts = (body["contents"] as Array<{ parts: Array<{ functionResponse: Record<string, unknown> }> }>)[0]?.parts.slice(1);
    assert.deepEqual(
      parts?.map((part) => part.functionResponse["response"]),
      [{ content: "plain" }, { content: '{"content":"x"}' }, { error: "failed" }, { content: "see chart" }, {}],
    );
    assert.deepEqual(parts?.[3]?.functionResponse["parts"], [{ inlineData: { mimeType: "image/png", data: "AAAA" } }]);
    assert.deepEqual(viaWire(dialect.decodeRequest(body, context).value.messages[1]), viaWire(results));
  });

  test("what Gemini cannot hold is dropped with a warning, never silently", () => {
    const request: CanonicalRequest = {
      model: "m",
      messages: [
        { role: "user", content: [{ type: "text", text: "hi", extras: { "anthropic-messages": { cache_control: { type: "ephemeral" } } } }] },
        {
          role: "assistant",
          content: [
            { type: "reasoning", text: "", redactedData: "EmwKAhgBEgy3va" },
            { type: "tool-call", id: "call_1", name: "f", arguments: "{not json" },
          ],
        },
        { role: "tool", content: [{ type: "tool-result", toolCallId: "call_9", content: [{ type: "text", text: "?" }] }] },
      ],
      tools: [{ name: "f", parameters: { type: "object", properties: { a: { type: "string" } }, additionalProperties: false }, strict: true }],
      parallelToolCalls: false,
      user: "user-42",
      metadata: { team: "a" },
      responseFormat: { type: "json-schema", name: "person", description: "A person", schema: { type: "object", title: "Human" } },
      extras: { "openai-chat": { logprobs: true } },
      stream: false,
    };
    const { body, warnings } = encode(request);
    const expected = [
      /openai-chat fields \(logprobs\)/,
      /anthropic-messages fields \(cache_control\)/,
      /redacted reasoning/,
      /arguments of f are not a JSON object/,
      /no tool call call_9 precedes/,
      /additionalProperties is not supported/,
      /strict schema adherence/,
      /own title: the name person was dropped/,
      /description has no Gemini field/,
      /parallel tool calls/,
      /end-user id/,
      /metadata/,
    ];
    for (const pattern of expected) assert.ok(warnings.some((warning) => pattern.test(warning)), `${pattern} in ${warnings.join(" | ")}`);
    assert.equal(warnings.length, expected.length);
    const contents = body["contents"] as Array<{ parts: unknown[] }>;
    assert.deepEqual(contents[1]?.parts, [{ functionCall: { name: "f", id: "call_1", args: {} } }]);
  });

  test("adjacent same-role messages merge; a URL image becomes fileData", () => {
    const request: CanonicalRequest = {
      model: "m",
      messages: [user("one"), { role: "user", content: [{ type: "image", source: { kind: "url", url: "https://example.com/a.png" } }] }],
      stream: false,
    };
    assert.deepEqual(encode(request).body["contents"], [
      { role: "user", parts: [{ text: "one" }, { fileData: { fileUri: "https://example.com/a.png" } }] },
    ]);
  });

  test("separate wire contents of one role stay separate on a Gemini round trip", () => {
    const body = { contents: [{ role: "user", parts: [{ text: "a" }] }, { role: "user", parts: [{ text: "b" }] }] };
    assert.deepEqual(encode(decode(body)).body, body);
  });

  test("tool choice, reasoning and response format map to Gemini's fields", () => {
    const base: CanonicalRequest = { model: "m", messages: [user("x")], stream: false };
    const config = (request: Partial<CanonicalRequest>) => encode({ ...base, ...request }).body;
    assert.deepEqual(config({ toolChoice: { type: "auto" } })["toolConfig"], { functionCallingConfig: { mode: "AUTO" } });
    assert.deepEqual(config({ toolChoice: { type: "required" } })["toolConfig"], { functionCallingConfig: { mode: "ANY" } });
    assert.deepEqual(config({ toolChoice: { type: "tool", name: "f" } })["toolConfig"], {
      functionCallingConfig: { mode: "ANY", allowedFunctionNames: ["f"] },
    });
    assert.deepEqual(config({ reasoning: { effort: "high" } })["generationConfig"], { thinkingConfig: { thinkingLevel: "HIGH" } });
    assert.deepEqual(config({ reasoning: { enabled: false } })["generationConfig"], { thinkingConfig: { thinkingBudget: 0 } });
    assert.deepEqual(config({ reasoning: { enabled: true, budgetTokens: 900 } })["generationConfig"], {
      thinkingConfig: { thinkingBudget: 900, includeThoughts: true },
    });
    assert.deepEqual(config({ responseFormat: { type: "json-object" } })["generationConfig"], { responseMimeType: "application/json" });
    assert.deepEqual(config({ responseFormat: { type: "json-schema", name: "person", schema: { type: "object" } } })["generationConfig"], {
      responseMimeType: "application/json",
      responseJsonSchema: { title: "person", type: "object" },
    });
  });

  test("a tool with no arguments is declared without parameters", () => {
    const tools = [{ name: "now", parameters: { type: "object", properties: {}, additionalProperties: false } }];
    const { body, warnings } = encode({ model: "m", messages: [user("x")], tools, stream: false });
    assert.deepEqual(warnings, []);
    assert.deepEqual(body["tools"], [{ functionDeclarations: [{ name: "now" }] }]);
  });
});

test("requestPath puts the model and the streaming choice in the URL", () => {
  assert.equal(dialect.requestPath({ model: "gemini-2.5-flash", stream: false }), "/v1beta/models/gemini-2.5-flash:generateContent");
  assert.equal(
    dialect.requestPath({ model: "models/gemini-2.5-flash", stream: true }),
    "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
  );
  assert.equal(dialect.requestPath({ model: "tunedModels/my-model-42", stream: false }), "/v1beta/tunedModels/my-model-42:generateContent");
});
