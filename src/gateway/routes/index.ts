/**
 * @module
 * The route table: every path the gateway answers, its dialect and who may call it.
 */
import { dialects } from "../../dialects/registry.ts";
import type { GatewayRoute } from "../context.ts";
import { bodyChat, geminiChat } from "./chat-routes.ts";
import { countTokensRoute } from "./count-tokens-route.ts";
import { embeddingsRoute } from "./embeddings-route.ts";
import { healthRoute } from "./health-route.ts";
import { metricsRoute } from "./metrics-route.ts";
import {
  anthropicModel,
  anthropicModelList,
  geminiModel,
  geminiModelList,
  ollamaModelList,
  openaiModel,
  openaiModelList,
} from "./model-routes.ts";
import { readModeRoute, switchModeRoute } from "./mode-routes.ts";
import { statusRoute } from "./status-route.ts";
import { usageRoute } from "./usage-route.ts";


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

  // Management.
  { method: "GET", pattern: /^\/status\/?$/, dialect: openai, access: "admin", handler: statusRoute },
  { method: "GET", pattern: /^\/usage\/?$/, dialect: openai, access: "admin", handler: usageRoute },
  { method: "GET", pattern: /^\/mode\/?$/, dialect: openai, access: "admin", handler: readModeRoute },
  { method: "POST", pattern: /^\/mode\/?$/, dialect: openai, access: "admin", handler: switchModeRoute },
  { method: "GET", pattern: /^\/metrics\/?$/, dialect: openai, access: "admin", handler: metricsRoute },

  // Model lists. The OpenAI row comes first: app.ts passes a bare `/v1/models` carrying
  // `anthropic-version` on to the Anthropic row below it.
  { method: "GET", pattern: /^(?:\/openai)?\/v1\/models\/?$/, dialect: openai, access: "client", handler: openaiModelList },
  { method: "GET", pattern: /^(?:\/anthropic)?\/v1\/models\/?$/, dialect: anthropic, access: "client", handler: anthropicModelList },
  { method: "GET", pattern: /^\/anthropic\/v1\/models\/(?<model>[^/]+)\/?$/, dialect: anthropic, access: "client", handler: anthropicModel },
  { method: "GET", pattern: /^(?:\/openai)?\/v1\/models\/(?<model>.+?)\/?$/, dialect: openai, access: "client", handler: openaiModel },
  { method: "GET", pattern: /^\/gemini\/v1(?:beta)?\/models\/?$/, dialect: gemini, access: "client", handler: geminiModelList },
  { method: "GET", pattern: /^\/gemini\/v1(?:beta)?\/models\/(?<model>[^/:]+)$/, dialect: gemini, access: "client", handler: geminiModel },
  { method: "GET", pattern: /^\/ollama\/api\/tags\/?$/, dialect: ollama, access: "client", handler: ollamaModelList },

  { method: "POST", pattern: /^(?:\/openai)?\/v1\/embeddings\/?$/, dialect: openai, access: "client", handler: embeddingsRoute },
  { method: "POST", pattern: /^\/anthropic\/v1\/messages\/count_tokens\/?$/, dialect: anthropic, access: "client", handler: countTokensRoute },
];
