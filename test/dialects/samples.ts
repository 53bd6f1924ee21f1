/**
 * Canonical samples every dialect must round-trip (canonical → wire → canonical).
 * A dialect that cannot express one skips it with a reason.
 */
import type { CanonicalEvent } from "../../src/core/types/event.ts";
import type { CanonicalRequest } from "../../src/core/types/request.ts";
import type { CanonicalResponse, Usage } from "../../src/core/types/response.ts";

const pngBase64 =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

const weatherTool = {
  name: "get_weather",
  description: "Current weather for a city",
  parameters: {
    type: "object",
    properties: { city: { type: "string", description: "City name" }, unit: { type: "string", enum: ["c", "f"] } },
    required: ["city"],
  },
};
const timeTool = {
  name: "get_time",
  description: "Local time in a timezone",
  parameters: { type: "object", properties: { tz: { type: "string" } }, required: ["tz"] },
};

export const requestSamples = {
  "plain text": { model: "m-1", messages: [{ role: "user", content: [{ type: "text", text: "Hello there" }] }], stream: false },
  "system, multi-turn and params": {
    model: "m-1",
    system: [{ type: "text", text: "You are terse." }],
    messages: [
      { role: "user", content: [{ type: "text", text: "Name a colour." }] },
      { role: "assistant", content: [{ type: "text", text: "Blue." }] },
      { role: "user", content: [{ type: "text", text: "Another." }] },
    ],
    temperature: 0.5,
    topP: 0.9,
    maxOutputTokens: 256,
    stopSequences: ["END"],
    stream: true,
  },
  "image as base64": {
    model: "m-1",
    messages: [
      {
        role: "user",
        content: [
          { type: "text", text: "What is in this image?" },
          { type: "image", source: { kind: "base64", mediaType: "image/png", data: pngBase64 } },
        ],
      },
    ],
    stream: false,
  },
  "image as URL": {
    model: "m-1",
    messages: [
      {
        role: "user",
        content: [
          { type: "text", text: "Describe it." },
          { type: "image", source: { kind: "url", url: "https://example.com/cat.png" } },
        ],
      },
    ],
    stream: false,
  },
  "tools, parallel calls and results": {
    model: "m-1",
    messages: [
      { role: "user", content: [{ type: "text", text: "Weather and time in Paris?" }] },
      {
        role: "assistant",
        content: [
          { type: "text", text: "Checking both." },
          { type: "tool-call", id: "call_1", name: "get_weather", arguments: '{"city":"Paris"}' },
          { type: "tool-call", id: "call_2", name: "get_time", arguments: '{"tz":"Europe/Paris"}' },
        ],
      },
      {
        role: "tool",
        content: [
          { type: "tool-result", toolCallId: "call_1", toolName: "get_weather", content: [{ type: "text", text: "18C, cloudy" }] },
          { type: "tool-result", toolCallId: "call_2", toolName: "get_time", content: [{ type: "text", text: "14:05" }] },
        ],
      },
    ],
    tools: [weatherTool, timeTool],
    toolChoice: { type: "auto" },
    stream: false,
  },
  "forced tool choice": {
    model: "m-1",
    messages: [{ role: "user", content: [{ type: "text", text: "Weather in Oslo" }] }],
    tools: [weatherTool],
    toolChoice: { type: "tool", name: "get_weather" },
    stream: false,
  },
  "reasoning with signature": {
    model: "m-1",
    messages: [
      { role: "user", content: [{ type: "text", text: "What is 17*23?" }] },
      {
        role: "assistant",
        content: [
          { type: "reasoning", text: "17*23 = 391", signature: "sig-abc123" },
          { type: "tool-call", id: "call_9", name: "get_time", arguments: '{"tz":"UTC"}' },
        ],
      },
      {
        role: "tool",
        content: [{ type: "tool-result", toolCallId: "call_9", toolName: "get_time", content: [{ type: "text", text: "12:00" }] }],
      },
    ],
    tools: [timeTool],
    maxOutputTokens: 2048,
    reasoning: { budgetTokens: 1024 },
    stream: false,
  },
  "JSON schema output": {
    model: "m-1",
    messages: [{ role: "user", content: [{ type: "text", text: "Give me a person." }] }],
    responseFormat: {
      type: "json-schema",
      name: "person",
      schema: { type: "object", properties: { name: { type: "string" } }, required: ["name"] },
    },
    stream: false,
  },
} satisfies Record<string, CanonicalRequest>;

export type RequestSampleName = keyof typeof requestSamples;

function usage(input: number, output: number, extra: Partial<Usage> = {}): Usage {
  return { inputTokens: input, outputTokens: output, cacheReadTokens: undefined, cacheWriteTokens: undefined, reasoningTokens: undefined, ...extra };
}

export const responseSamples = {
  "text answer": {
    id: "resp_1",
    model: "m-1",
    content: [{ type: "text", text: "Hi! How can I help?" }],
    finishReason: { unified: "stop", raw: undefined },
    usage: usage(12, 6),
  },
  "length cut": {
    id: "resp_2",
    model: "m-1",
    content: [{ type: "text", text: "Once upon a" }],
    finishReason: { unified: "length", raw: undefined },
    usage: usage(5, 3),
  },
  "tool calls": {
    id: "resp_3",
    model: "m-1",
    content: [
      { type: "text", text: "Let me check." },
      { type: "tool-call", id: "call_a", name: "get_weather", arguments: '{"city":"Paris"}' },
      { type: "tool-call", id: "call_b", name: "get_time", arguments: '{"tz":"Europe/Paris"}' },
    ],
    finishReason: { unified: "tool-calls", raw: undefined },
    usage: usage(40, 22),
  },
  "cached prompt": {
    id: "resp_5",
    model: "m-1",
    content: [{ type: "text", text: "From the cache." }],
    finishReason: { unified: "stop", raw: undefined },
    usage: usage(2048, 12, { cacheReadTokens: 1536 }),
  },
  "reasoning and cache usage": {
    id: "resp_4",
    model: "m-1",
    content: [
      { type: "reasoning", text: "Think first.", signature: "sig-1" },
      { type: "text", text: "391" },
    ],
    finishReason: { unified: "stop", raw: undefined },
    usage: usage(100, 30, { cacheReadTokens: 60, reasoningTokens: 10 }),
  },
} satisfies Record<string, CanonicalResponse>;

export type ResponseSampleName = keyof typeof responseSamples;

/** The canonical event stream a decoder should produce for a response, block by block. */
export function eventsFor(response: CanonicalResponse): CanonicalEvent[] {
  const events: CanonicalEvent[] = [{ type: "response-metadata", id: response.id, model: response.model }];
  response.content.forEach((part, index) => {
    if (part.type === "text") {
      events.push({ type: "text-start", index }, { type: "text-delta", index, text: part.text.slice(0, 4) });
      if (part.text.length > 4) events.push({ type: "text-delta", index, text: part.text.slice(4) });
      events.push({ type: "text-end", index });
    } else if (part.type === "reasoning") {
      events.push({ type: "reasoning-start", index }, { type: "reasoning-delta", index, text: part.text });
      const end: CanonicalEvent = { type: "reasoning-end", index };
      if (part.signature !== undefined) end.signature = part.signature;
      events.push(end);
    } else {
      const half = Math.floor(part.arguments.length / 2);
      events.push(
        { type: "tool-call-start", index, id: part.id, name: part.name },
        { type: "tool-call-delta", index, argumentsDelta: part.arguments.slice(0, half) },
        { type: "tool-call-delta", index, argumentsDelta: part.arguments.slice(half) },
        { type: "tool-call-end", index },
      );
    }
  });
  events.push({ type: "finish", finishReason: response.finishReason, usage: response.usage });
  return events;
}
