/**
 * @module
 * Which upstreams a scorecard case runs against: a primary (the misbehaving one) and a
 * fallback with a larger context window, each a simulated provider under its table id. On
 * the "fast" path the primary speaks the client's dialect (the gateway forwards bytes); on
 * the "translated" path it speaks another one (the gateway decodes and re-encodes).
 */
import type { DialectId } from "../core/types/message.ts";
import type { IngressId } from "./ingress.ts";

export type ChaosPath = "fast" | "translated";

export interface ChaosUpstream {
  /** Provider table id the simulator stands in for. */
  provider: string;
  dialect: DialectId;
}

export interface ChaosRoute {
  /** The model the client asks for (the primary's). */
  model: string;
  primary: ChaosUpstream;
  fallback: ChaosUpstream;
  /** Configured fallback chain target, with a larger context window than `model`. */
  fallbackModel: string;
}

const routes: Record<"openai" | "anthropic" | "google", ChaosRoute> = {
  openai: {
    model: "gpt-4o-mini",
    primary: { provider: "openai", dialect: "openai-chat" },
    fallback: { provider: "anthropic", dialect: "anthropic-messages" },
    fallbackModel: "claude-sonnet-4-6",
  },
  anthropic: {
    model: "claude-haiku-4-5",
    primary: { provider: "anthropic", dialect: "anthropic-messages" },
    fallback: { provider: "google", dialect: "gemini" },
    fallbackModel: "gemini-2.5-flash",
  },
  google: {
    model: "gemini-2.5-flash",
    primary: { provider: "google", dialect: "gemini" },
    fallback: { provider: "xai", dialect: "openai-chat" },
    fallbackModel: "grok-4-1-fast",
  },
};

const fastRoute: Record<IngressId, keyof typeof routes> = { openai: "openai", anthropic: "anthropic", gemini: "google" };
const translatedRoute: Record<IngressId, keyof typeof routes> = { openai: "anthropic", anthropic: "google", gemini: "openai" };

export function chooseRoute(ingress: IngressId, path: ChaosPath): ChaosRoute {
  return routes[(path === "fast" ? fastRoute : translatedRoute)[ingress]];
}
