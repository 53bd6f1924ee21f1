import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { validateOpenAIChatRequest } from "../../src/simulator/index.ts";
import { assertProblem, png } from "./problems.ts";

const headers = { authorization: "Bearer sk-test" };

function validBody(): Record<string, unknown> {
  return {
    model: "gpt-4o-mini",
    messages: [
      { role: "system", content: "Be brief." },
      {
        role: "user",
        content: [
          { type: "text", text: "Weather and time in Paris?" },
          { type: "image_url", image_url: { url: `data:image/png;base64,${png}`, detail: "low" } },
        ],
      },
      {
        role: "assistant",
        content: null,
        tool_calls: [
          { id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } },
          { id: "call_2", type: "function", function: { name: "get_time", arguments: '{"tz":"Europe/Paris"}' } },
        ],
      },
      { role: "tool", tool_call_id: "call_1", content: "18C" },
      { role: "tool", tool_call_id: "call_2", content: "14:05" },
      { role: "user", content: "Umbrella?" },
    ],
    tools: [
      { type: "function", function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } } } } },
      { type: "function", function: { name: "get_time", parameters: { type: "object", properties: { tz: { type: "string" } } } } },
    ],
    tool_choice: "auto",
    temperature: 1.5,
    stream: true,
    stream_options: { include_usage: true },
  };
}

function messagesWith(change: (messages: Array<Record<string, unknown>>) => void): Record<string, unknown> {
  const body = validBody();
  change(body["messages"] as Array<Record<string, unknown>>);
  return body;
}

describe("validateOpenAIChatRequest", () => {
  test("accepts a full request: system, image, parallel tool calls answered, tools, stream options", () => {
    assert.deepEqual(validateOpenAIChatRequest(validBody(), headers), []);
  });

  test("needs a Bearer key", () => {
    assertProblem(validateOpenAIChatRequest(validBody(), {}), /API key/);
    assertProblem(validateOpenAIChatRequest(validBody(), { "x-api-key": "k" }), /API key/);
  });

  test("needs model and a non-empty messages array", () => {
    assertProblem(validateOpenAIChatRequest({ messages: [{ role: "user", content: "hi" }] }, headers), /model is required/);
    assertProblem(validateOpenAIChatRequest({ model: "m", messages: [] }, headers), /messages must not be empty/);
    assertProblem(validateOpenAIChatRequest({ model: "m" }, headers), /messages is required/);
  });

  test("rejects unknown roles", () => {
    const body = messagesWith((messages) => messages.push({ role: "model", content: "x" }));
    assertProblem(validateOpenAIChatRequest(body, headers), /messages\[6\]\.role/);
  });

  test("a tool message must answer a tool call that was made", () => {
    const body = messagesWith((messages) => {
      messages[4] = { role: "tool", tool_call_id: "call_9", content: "?" };
    });
    const problems = validateOpenAIChatRequest(body, headers);
    assertProblem(problems, /call_9.*does not match any preceding tool call/);
    assertProblem(problems, /must be followed by tool messages.*call_2/);
  });

  test("a conversation may not end on unanswered tool calls", () => {
    const body = messagesWith((messages) => messages.splice(3));
    assertProblem(validateOpenAIChatRequest(body, headers), /must be followed by tool messages.*call_1, call_2/);
  });

  test("tool-call arguments must be JSON text, not an object", () => {
    const body = messagesWith((messages) => {
      const assistant = messages[2] as { tool_calls: Array<{ function: Record<string, unknown> }> };
      const first = assistant.tool_calls[0];
      if (first) first.function["arguments"] = { city: "Paris" };
    });
    assertProblem(validateOpenAIChatRequest(body, headers), /tool_calls\[0\]\.function\.arguments must be a JSON string/);
  });

  test("an assistant message needs content or tool calls", () => {
    const body = messagesWith((messages) => messages.splice(5, 1, { role: "assistant" }));
    assertProblem(validateOpenAIChatRequest(body, headers), /content is required unless tool_calls/);
  });

  test("tools, tool_choice, ranges and stream_options", () => {
    const body = validBody();
    body["tools"] = [{ type: "function", function: { name: "get weather!" } }];
    body["temperature"] = 2.5;
    body["stream"] = false;
    const problems = validateOpenAIChatRequest(body, headers);
    assertProblem(problems, /tools\[0\]\.function\.name must match/);
    assertProblem(problems, /temperature must be a number between 0 and 2/);
    assertProblem(problems, /stream_options is only allowed when stream is true/);
    const noTools = validBody();
    delete noTools["tools"];
    delete noTools["messages"];
    noTools["messages"] = [{ role: "user", content: "hi" }];
    assertProblem(validateOpenAIChatRequest(noTools, headers), /tool_choice is only allowed when tools are specified/);
  });

  test("image URLs must be http(s) or data:image URLs", () => {
    const body = { model: "m", messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: "file:///etc/passwd" } }] }] };
    assertProblem(validateOpenAIChatRequest(body, headers), /image_url\.url/);
  });
});
