import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { validateAnthropicRequest } from "../../src/simulator/index.ts";
import { assertProblem, png } from "./problems.ts";

const headers = { "x-api-key": "sk-ant-test", "anthropic-version": "2023-06-01" };

function validBody(): Record<string, unknown> {
  return {
    model: "claude-haiku-4-5",
    max_tokens: 2048,
    system: [{ type: "text", text: "Be brief.", cache_control: { type: "ephemeral" } }],
    messages: [
      {
        role: "user",
        content: [
          { type: "text", text: "Weather and time in Paris?" },
          { type: "image", source: { type: "base64", media_type: "image/png", data: png } },
        ],
      },
      {
        role: "assistant",
        content: [
          { type: "thinking", thinking: "Two lookups.", signature: "c2ln" },
          { type: "tool_use", id: "toolu_1", name: "get_weather", input: { city: "Paris" } },
          { type: "tool_use", id: "toolu_2", name: "get_time", input: { tz: "Europe/Paris" } },
        ],
      },
      {
        role: "user",
        content: [
          { type: "tool_result", tool_use_id: "toolu_1", content: "18C" },
          { type: "tool_result", tool_use_id: "toolu_2", content: [{ type: "text", text: "14:05" }] },
          { type: "text", text: "Umbrella?" },
        ],
      },
    ],
    tools: [
      { name: "get_weather", input_schema: { type: "object", properties: { city: { type: "string" } } } },
      { name: "get_time", input_schema: { type: "object", properties: { tz: { type: "string" } } } },
      { type: "web_search_20250305", name: "web_search" },
    ],
    tool_choice: { type: "auto" },
    thinking: { type: "enabled", budget_tokens: 1024 },
    temperature: 1,
  };
}

function withMessage(index: number, message: unknown): Record<string, unknown> {
  const body = validBody();
  (body["messages"] as unknown[])[index] = message;
  return body;
}

describe("validateAnthropicRequest", () => {
  test("accepts a full request: cached system, image, thinking, parallel tool use answered, server tool", () => {
    assert.deepEqual(validateAnthropicRequest(validBody(), headers), []);
  });

  test("anthropic-version is required; the key may be x-api-key or Bearer", () => {
    assertProblem(validateAnthropicRequest(validBody(), { "x-api-key": "k" }), /anthropic-version/);
    assertProblem(validateAnthropicRequest(validBody(), { "anthropic-version": "2023-06-01" }), /x-api-key/);
    assert.deepEqual(validateAnthropicRequest(validBody(), { authorization: "Bearer k", "anthropic-version": "2026-10-21" }), []);
  });

  test("max_tokens must be an integer; count_tokens takes none", () => {
    const body = validBody();
    body["max_tokens"] = 10.5;
    assertProblem(validateAnthropicRequest(body, headers), /max_tokens must be an integer/);
    delete body["max_tokens"];
    assertProblem(validateAnthropicRequest(body, headers), /max_tokens: Field required/);
    delete body["thinking"];
    assert.deepEqual(validateAnthropicRequest(body, headers, { countTokens: true }), []);
  });

  test("messages must be non-empty, of user and assistant turns", () => {
    const body = validBody();
    body["messages"] = [];
    assertProblem(validateAnthropicRequest(body, headers), /at least one message/);
    assertProblem(validateAnthropicRequest(withMessage(0, { role: "system", content: "x" }), headers), /role must be "user" or "assistant"/);
  });

  test("no empty text blocks", () => {
    const problems = validateAnthropicRequest(withMessage(0, { role: "user", content: [{ type: "text", text: "" }] }), headers);
    assertProblem(problems, /non-whitespace text/);
  });

  test("tool_result only in user turns, answering a tool_use of the turn before, every tool_use answered", () => {
    const misplaced = withMessage(1, { role: "assistant", content: [{ type: "tool_result", tool_use_id: "toolu_1", content: "x" }] });
    assertProblem(validateAnthropicRequest(misplaced, headers), /tool_result block is not allowed in a assistant turn/);
    const unknown = withMessage(2, {
      role: "user",
      content: [
        { type: "tool_result", tool_use_id: "toolu_1", content: "18C" },
        { type: "tool_result", tool_use_id: "toolu_9", content: "?" },
      ],
    });
    const problems = validateAnthropicRequest(unknown, headers);
    assertProblem(problems, /unexpected tool_use_id "toolu_9"/);
    assertProblem(problems, /tool_use ids were found without tool_result blocks.*toolu_2/);
  });

  test("tool_use ids must match Anthropic's alphabet", () => {
    const body = withMessage(1, { role: "assistant", content: [{ type: "tool_use", id: "functions.get:1", name: "get_weather", input: {} }] });
    assertProblem(validateAnthropicRequest(body, headers), /id must match/);
  });

  test("images must be jpeg, png, gif or webp, base64 without a data: prefix", () => {
    const body = withMessage(0, {
      role: "user",
      content: [
        { type: "image", source: { type: "base64", media_type: "image/bmp", data: png } },
        { type: "image", source: { type: "base64", media_type: "image/png", data: `data:image/png;base64,${png}` } },
      ],
    });
    const problems = validateAnthropicRequest(body, headers);
    assertProblem(problems, /media_type must be one of/);
    assertProblem(problems, /without a data: prefix/);
  });

  test("tool input_schema must be of type object; temperature within 0..1", () => {
    const body = validBody();
    body["tools"] = [{ name: "f", input_schema: { type: "string" } }, { name: "g" }];
    body["temperature"] = 1.5;
    const problems = validateAnthropicRequest(body, headers);
    assertProblem(problems, /tools\[0\]\.input_schema\.type must be "object"/);
    assertProblem(problems, /tools\[1\]\.input_schema is required/);
    assertProblem(problems, /temperature must be a number between 0 and 1/);
  });

  test("thinking blocks need their signature; budgets stay under max_tokens", () => {
    const body = withMessage(1, { role: "assistant", content: [{ type: "thinking", thinking: "x" }, { type: "text", text: "ok" }] });
    body["max_tokens"] = 1000;
    body["messages"] = (body["messages"] as unknown[]).slice(0, 2);
    const problems = validateAnthropicRequest(body, headers);
    assertProblem(problems, /signature is required/);
    assertProblem(problems, /max_tokens must be greater than thinking\.budget_tokens/);
  });
});
