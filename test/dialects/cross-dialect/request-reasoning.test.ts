/**
 * Reasoning in a tool loop's history, request direction: each vendor's own way of sending
 * reasoning back (Anthropic signed thinking, Gemini thoughtSignature on a functionCall,
 * DeepSeek-style `reasoning_content` on OpenAI) → every other upstream. The result passes
 * the upstream's validator; what the upstream can carry is carried, what it cannot is
 * reported as a Warning at the place it was lost.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Warning } from "../../../src/core/types/response.ts";
import type { RequestDecodeContext } from "../../../src/dialects/dialect.ts";
import { getDialect } from "../../../src/dialects/registry.ts";
import { validateRequest } from "../../../src/simulator/index.ts";
import { authHeaders } from "../../simulator/sim-client.ts";
import { sdkDialects, type SdkDialect } from "./sdk-clients.ts";

const tool = { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } } } };

const histories: Record<SdkDialect, { body: unknown; context: RequestDecodeContext }> = {
  "anthropic-messages": {
    context: {},
    body: {
      model: "claude-haiku-4-5",
      max_tokens: 2000,
      messages: [
        { role: "user", content: "Weather in Paris?" },
        {
          role: "assistant",
          content: [
            { type: "thinking", thinking: "Need the weather tool.", signature: "EqQBCkYIBRgCIkD" },
            { type: "tool_use", id: "toolu_01", name: "get_weather", input: { city: "Paris" } },
          ],
        },
        { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_01", content: "18C" }] },
      ],
      tools: [{ name: tool.name, input_schema: tool.parameters }],
    },
  },
  gemini: {
    context: { model: "gemini-2.5-flash" },
    body: {
      contents: [
        { role: "user", parts: [{ text: "Weather in Paris?" }] },
        {
          role: "model",
          parts: [
            { text: "Need the weather tool.", thought: true },
            { functionCall: { name: "get_weather", args: { city: "Paris" } }, thoughtSignature: "Q2lRQjRkNDc" },
          ],
        },
        { role: "user", parts: [{ functionResponse: { name: "get_weather", response: { content: "18C" } } }] },
      ],
      tools: [{ functionDeclarations: [{ name: tool.name, parametersJsonSchema: tool.parameters }] }],
    },
  },
  "openai-chat": {
    context: {},
    body: {
      model: "deepseek-reasoner",
      messages: [
        { role: "user", content: "Weather in Paris?" },
        {
          role: "assistant",
          content: null,
          reasoning_content: "Need the weather tool.",
          tool_calls: [{ id: "call_01", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }],
        },
        { role: "tool", tool_call_id: "call_01", content: "18C" },
      ],
      tools: [{ type: "function", function: tool }],
    },
  },
};

/** What each upstream must do with the reasoning of each client's history. */
const expectations: Record<SdkDialect, Record<SdkDialect, { carried: (body: string) => boolean; warning: RegExp | undefined }>> = {
  "anthropic-messages": {
    "anthropic-messages": { carried: (body) => body.includes('"signature":"EqQBCkYIBRgCIkD"'), warning: undefined },
    gemini: { carried: (body) => body.includes('"thoughtSignature":"EqQBCkYIBRgCIkD"'), warning: undefined },
    "openai-chat": { carried: (body) => !body.includes("Need the weather tool."), warning: /no field for earlier reasoning/ },
  },
  gemini: {
    gemini: { carried: (body) => body.includes('"thoughtSignature":"Q2lRQjRkNDc"'), warning: undefined },
    "anthropic-messages": { carried: (body) => !body.includes("Need the weather tool."), warning: /without an Anthropic signature/ },
    "openai-chat": { carried: (body) => !body.includes("Need the weather tool."), warning: /no field for earlier reasoning/ },
  },
  "openai-chat": {
    "openai-chat": { carried: (body) => body.includes('"reasoning_content":"Need the weather tool."'), warning: undefined },
    gemini: { carried: (body) => body.includes('{"text":"Need the weather tool.","thought":true}'), warning: undefined },
    "anthropic-messages": { carried: (body) => !body.includes("Need the weather tool."), warning: /without an Anthropic signature/ },
  },
};

function hasWarning(warnings: Warning[], pattern: RegExp): boolean {
  return warnings.some((warning) => pattern.test(warning.message) && (warning.path ?? "").startsWith("messages[1]"));
}

for (const client of sdkDialects) {
  describe(`reasoning history from ${client}`, () => {
    for (const upstream of sdkDialects) {
      const expected = expectations[client][upstream];
      const outcome = expected.warning === undefined ? "carried" : "dropped with a warning";
      test(`${client} → ${upstream}, request, reasoning history ${outcome}`, () => {
        const history = histories[client];
        const canonical = getDialect(client).decodeRequest(history.body, history.context).value;
        const encoded = getDialect(upstream).encodeRequest({ ...canonical, model: "target-model" });
        assert.deepEqual(validateRequest({ dialect: upstream, body: encoded.value, headers: authHeaders(upstream) }), []);
        assert.ok(expected.carried(JSON.stringify(encoded.value)), JSON.stringify(encoded.value));
        if (expected.warning !== undefined) assert.ok(hasWarning(encoded.warnings, expected.warning), JSON.stringify(encoded.warnings));
        else assert.deepEqual(encoded.warnings.filter((warning) => /reason|signature/i.test(warning.message)), []);
      });
    }
  });
}
