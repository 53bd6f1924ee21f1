/**
 * The conversation every cross-dialect cell sends: a system prompt, a question with an
 * image, two parallel tool calls with their results, an answer and a follow-up, with two
 * tools declared. Each SDK client writes it in its own wire format (sdk-clients.ts).
 */

/** A 1×1 PNG, base64. */
export const png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

export const conversation = {
  system: "You are a concise travel assistant.",
  question: "What is the weather and the local time in Paris? Here is a photo of the sky.",
  calls: [
    { id: "call_weather_1", name: "get_weather", arguments: { city: "Paris", unit: "c" } },
    { id: "call_time_1", name: "get_time", arguments: { tz: "Europe/Paris" } },
  ],
  results: ["18 degrees and cloudy", "14:05"],
  answer: "It is 18 degrees and cloudy in Paris, and the local time is 14:05.",
  followUp: "Should I take an umbrella this afternoon?",
  tools: [
    {
      name: "get_weather",
      description: "Current weather for a city",
      parameters: {
        type: "object",
        properties: { city: { type: "string", description: "City name" }, unit: { type: "string", enum: ["c", "f"] } },
        required: ["city"],
      },
    },
    {
      name: "get_time",
      description: "Local time in an IANA timezone",
      parameters: { type: "object", properties: { tz: { type: "string" } }, required: ["tz"] },
    },
  ],
  model: { "openai-chat": "gpt-4o-mini", "anthropic-messages": "claude-haiku-4-5", gemini: "gemini-2.5-flash", ollama: "llama3.2" },
} as const;

/** Anthropic ids must match `^[a-zA-Z0-9_-]+$`: the conversation's ids already do. */
export const toolResultText: Record<string, string> = {
  get_weather: conversation.results[0],
  get_time: conversation.results[1],
};
