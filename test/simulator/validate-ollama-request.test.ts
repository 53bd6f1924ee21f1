import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { validateOllamaRequest } from "../../src/simulator/index.ts";
import { assertProblem, png } from "./problems.ts";

function validBody(): Record<string, unknown> {
  return {
    model: "llama3.2",
    messages: [
      { role: "system", content: "Be brief." },
      { role: "user", content: "Weather in Paris?", images: [png] },
      { role: "assistant", content: "", tool_calls: [{ function: { name: "get_weather", arguments: { city: "Paris" } } }] },
      { role: "tool", content: "18C", tool_name: "get_weather" },
    ],
    tools: [{ type: "function", function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } } } } }],
    options: { temperature: 0.2, num_predict: 100, stop: ["END"] },
    stream: false,
    think: "low",
    keep_alive: "5m",
  };
}

describe("validateOllamaRequest", () => {
  test("accepts a full request: images, tool calls and results, options, think", () => {
    assert.deepEqual(validateOllamaRequest(validBody(), {}), []);
  });

  test("images are bare base64: no data: prefix, no URLs", () => {
    const body = validBody();
    body["messages"] = [{ role: "user", content: "x", images: [`data:image/png;base64,${png}`, "https://example.com/a.png"] }];
    const problems = validateOllamaRequest(body, {});
    assertProblem(problems, /images\[0\] must be bare base64, without a data: prefix/);
    assertProblem(problems, /images\[1\] must be base64 image data/);
  });

  test("tool-call arguments are objects, not JSON text", () => {
    const body = validBody();
    body["messages"] = [{ role: "assistant", content: "", tool_calls: [{ function: { name: "f", arguments: '{"a":1}' } }] }];
    assertProblem(validateOllamaRequest(body, {}), /arguments must be an object, not JSON text/);
  });

  test("model, roles, tools and stream", () => {
    const problems = validateOllamaRequest(
      { messages: [{ role: "model", content: "x" }], tools: [{ function: { name: "f" } }], stream: "yes" },
      {},
    );
    assertProblem(problems, /model is required/);
    assertProblem(problems, /role must be system, user, assistant or tool/);
    assertProblem(problems, /tools\[0\] must be/);
    assertProblem(problems, /stream must be a boolean/);
  });
});
