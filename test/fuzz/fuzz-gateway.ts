/**
 * The fuzz target: a gateway in front of one healthy simulated provider per dialect, and the
 * valid bodies the mutations start from. Small timeouts, so nothing a mutation provokes can
 * take long.
 */
import { configSchema } from "../../src/config/index.ts";
import type { DialectId } from "../../src/core/types/message.ts";
import { startGateway, type GatewayHandle } from "../../src/gateway/serve.ts";
import { startSimulatedProvider, type SimulatedProvider } from "../../src/simulator/index.ts";

export interface FuzzTarget {
  gateway: GatewayHandle;
  close(): Promise<void>;
}

export interface ChatEndpoint {
  dialect: DialectId;
  path(stream: boolean): string;
  headers: Record<string, string>;
  /** Valid bodies, each a different shape of request. */
  bodies: unknown[];
}

const providers: Record<string, DialectId> = { openai: "openai-chat", anthropic: "anthropic-messages", google: "gemini", ollama: "ollama" };

export async function startFuzzTarget(): Promise<FuzzTarget> {
  const sims: SimulatedProvider[] = [];
  const config: Record<string, { keys: string[]; baseUrl: string }> = {};
  for (const [id, dialect] of Object.entries(providers)) {
    const sim = await startSimulatedProvider({ dialect, script: { reply: { text: "fuzzed" } } });
    sims.push(sim);
    config[id] = { keys: id === "ollama" ? [] : [`key-${id}`], baseUrl: sim.url };
  }
  const gateway = await startGateway({
    config: configSchema.parse({
      providers: config,
      timeouts: { connectMs: 500, firstTokenMs: 2000, idleMs: 2000, attemptMs: 2000, totalMs: 4000 },
      retries: { backoffBaseMs: 10, backoffMaxMs: 20 },
      usage: { enabled: false },
      status: { enabled: false },
    }),
    port: 0,
    host: "127.0.0.1",
    usage: false,
    status: false,
    auto: false,
    watch: false,
    log: () => {},
  });
  return {
    gateway,
    async close() {
      await gateway.close(200);
      await Promise.all(sims.map((sim) => sim.close()));
    },
  };
}

const userText = "What is the capital of France?";
const tool = { name: "get_weather", description: "Weather for a city", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } };

export const chatEndpoints: ChatEndpoint[] = [
  {
    dialect: "openai-chat",
    path: () => "/v1/chat/completions",
    headers: { authorization: "Bearer sk-llmux" },
    bodies: [
      { model: "gpt-4o-mini", messages: [{ role: "user", content: userText }] },
      {
        model: "gpt-4o-mini",
        messages: [
          { role: "system", content: "Be brief." },
          { role: "user", content: [{ type: "text", text: userText }, { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=" } }] },
          { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }] },
          { role: "tool", tool_call_id: "call_1", content: "sunny" },
        ],
        tools: [{ type: "function", function: tool }],
        tool_choice: "auto",
        temperature: 0.2,
        max_completion_tokens: 64,
        stop: ["END"],
        response_format: { type: "json_object" },
        stream: false,
      },
    ],
  },
  {
    dialect: "anthropic-messages",
    path: () => "/anthropic/v1/messages",
    headers: { "x-api-key": "sk-llmux", "anthropic-version": "2023-06-01" },
    bodies: [
      { model: "claude-haiku-4-5", max_tokens: 64, messages: [{ role: "user", content: userText }] },
      {
        model: "claude-haiku-4-5",
        max_tokens: 2048,
        system: [{ type: "text", text: "Be brief." }],
        messages: [
          { role: "user", content: [{ type: "text", text: userText }, { type: "image", source: { type: "base64", media_type: "image/png", data: "iVBORw0KGgo=" } }] },
          { role: "assistant", content: [{ type: "tool_use", id: "toolu_1", name: "get_weather", input: { city: "Paris" } }] },
          { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_1", content: "sunny" }] },
        ],
        tools: [{ name: tool.name, description: tool.description, input_schema: tool.parameters }],
        tool_choice: { type: "auto" },
        stop_sequences: ["END"],
        thinking: { type: "enabled", budget_tokens: 1024 },
        stream: false,
      },
    ],
  },
  {
    dialect: "gemini",
    path: (stream) => `/gemini/v1beta/models/gemini-2.5-flash:${stream ? "streamGenerateContent?alt=sse" : "generateContent"}`,
    headers: { "x-goog-api-key": "llmux" },
    bodies: [
      { contents: [{ role: "user", parts: [{ text: userText }] }] },
      {
        systemInstruction: { parts: [{ text: "Be brief." }] },
        contents: [
          { role: "user", parts: [{ text: userText }, { inlineData: { mimeType: "image/png", data: "iVBORw0KGgo=" } }] },
          { role: "model", parts: [{ functionCall: { name: "get_weather", args: { city: "Paris" } } }] },
          { role: "user", parts: [{ functionResponse: { name: "get_weather", response: { weather: "sunny" } } }] },
        ],
        tools: [{ functionDeclarations: [tool] }],
        toolConfig: { functionCallingConfig: { mode: "AUTO" } },
        generationConfig: { temperature: 0.2, maxOutputTokens: 64, stopSequences: ["END"], responseMimeType: "text/plain" },
      },
    ],
  },
  {
    dialect: "ollama",
    path: () => "/ollama/api/chat",
    headers: {},
    bodies: [
      { model: "llama3.2:3b", stream: false, messages: [{ role: "user", content: userText }] },
      {
        model: "llama3.2:3b",
        stream: false,
        messages: [
          { role: "system", content: "Be brief." },
          { role: "user", content: userText, images: ["iVBORw0KGgo="] },
          { role: "assistant", content: "", tool_calls: [{ function: { name: "get_weather", arguments: { city: "Paris" } } }] },
          { role: "tool", content: "sunny", tool_name: "get_weather" },
        ],
        tools: [{ type: "function", function: tool }],
        options: { temperature: 0.2, num_predict: 64, stop: ["END"] },
        format: "json",
      },
    ],
  },
];
