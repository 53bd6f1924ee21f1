/**
 * @module
 * The shape of a provider quirk hook. Hooks work on the encoded wire body (or the
 * outgoing headers) after the dialect has done its job: they fix what one vendor's
 * OpenAI-compatible endpoint does differently, so no dialect ever asks which vendor it
 * is talking to.
 */
import type { Warning } from "../../core/types/response.ts";

/** Every hook a provider row may name. The registry must map each one. */
export type HookName =
  | "max-tokens-field"
  | "drop-stream-options"
  | "random-seed-field"
  | "strip-unsupported-params"
  | "openrouter-attribution";

export interface HookContext {
  /** The provider the request goes to (a table id or a registered one). */
  providerId: string;
  model: string;
  stream: boolean;
  /** Body fields the provider rejects (row data read by `strip-unsupported-params`). */
  unsupportedParams: readonly string[];
  /** Who to credit on gateways that attribute traffic to apps (OpenRouter). */
  attribution?: { url?: string; title?: string };
  /** Hooks record here what they had to drop, so the caller can report it. */
  warnings: Warning[];
}

/** Wire body → wire body. Must not mutate its input. */
export type BodyHook = (body: Record<string, unknown>, context: HookContext) => Record<string, unknown>;

/** Outgoing headers → outgoing headers. Must not mutate its input. */
export type HeaderHook = (headers: Record<string, string>, context: HookContext) => Record<string, string>;

export interface ProviderHook {
  name: HookName;
  body?: BodyHook;
  headers?: HeaderHook;
}
