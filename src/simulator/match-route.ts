/**
 * @module
 * Which endpoint of a dialect a method and path name. The paths are the vendors' own:
 * OpenAI and Anthropic under `/v1`, Gemini under `/v1beta` or `/v1` (SDK 3.x calls `/v1`,
 * protocols.md), Ollama under `/api`.
 */
import type { DialectId } from "../core/types/message.ts";
import type { SimulatedEndpoint } from "./behaviour.ts";

export interface MatchedRoute {
  endpoint: SimulatedEndpoint;
  /** Gemini names the model in the path. */
  model?: string;
  /** The generation endpoints; the script decides their answer. */
  generation: boolean;
}

const geminiCall = /^\/(?:v1beta|v1)\/models\/([^/:]+):(generateContent|streamGenerateContent)$/;
const geminiModels = /^\/(?:v1beta|v1)\/models(?:\/[^/:]+)?$/;
const versionedModels = /^\/v1\/models(?:\/[^/]+)?$/;

export function matchRoute(dialect: DialectId, method: string, path: string): MatchedRoute | undefined {
  const post = method === "POST";
  const get = method === "GET";
  switch (dialect) {
    case "openai-chat":
      if (post && path === "/v1/chat/completions") return { endpoint: "chat-completions", generation: true };
      if (post && path === "/v1/embeddings") return { endpoint: "embeddings", generation: false };
      if (get && versionedModels.test(path)) return { endpoint: "models", generation: false };
      return undefined;
    case "anthropic-messages":
      if (post && path === "/v1/messages") return { endpoint: "messages", generation: true };
      if (post && path === "/v1/messages/count_tokens") return { endpoint: "count-tokens", generation: false };
      if (get && versionedModels.test(path)) return { endpoint: "models", generation: false };
      return undefined;
    case "gemini": {
      const call = post ? geminiCall.exec(path) : null;
      if (call) {
        const endpoint = call[2] === "streamGenerateContent" ? "stream-generate-content" : "generate-content";
        return { endpoint, model: decodeURIComponent(call[1] ?? ""), generation: true };
      }
      if (get && geminiModels.test(path)) return { endpoint: "models", generation: false };
      return undefined;
    }
    case "ollama":
      if (post && path === "/api/chat") return { endpoint: "chat", generation: true };
      if (get && path === "/api/tags") return { endpoint: "models", generation: false };
      return undefined;
  }
}
