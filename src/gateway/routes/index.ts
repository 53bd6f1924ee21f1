/**
 * @module
 * The route table: every path the gateway answers, its dialect and who may call it.
 */
import { dialects } from "../../dialects/registry.ts";
import type { GatewayRoute } from "../app.ts";
import { bodyChat, geminiChat } from "./chat-routes.ts";
import { healthRoute } from "./health-route.ts";

/** public: anyone; client: a gateway key when auth is on; admin: the admin key when auth is on. */
export type Access = "public" | "client" | "admin";

const openai = dialects["openai-chat"];
const anthropic = dialects["anthropic-messages"];
const gemini = dialects.gemini;
const ollama = dialects.ollama;

export const gatewayRoutes: GatewayRoute[] = [
  { method: "GET", pattern: /^\/health\/?$/, dialect: openai, access: "public", handler: healthRoute },
  { method: "POST", pattern: /^(?:\/openai)?\/v1\/chat\/completions\/?$/, dialect: openai, access: "client", handler: bodyChat },
  { method: "POST", pattern: /^\/anthropic\/v1\/messages\/?$/, dialect: anthropic, access: "client", handler: bodyChat },
  {
    method: "POST",
    pattern: /^\/gemini\/v1(?:beta)?\/models\/(?<model>[^/:]+):(?<action>generateContent|streamGenerateContent)$/,
    dialect: gemini,
    access: "client",
    handler: geminiChat,
  },
  { method: "POST", pattern: /^\/ollama\/api\/chat\/?$/, dialect: ollama, access: "client", handler: bodyChat },
];
