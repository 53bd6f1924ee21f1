/**
 * @module
 * Hook names → hooks, and applying a provider's hook list in order. This is the only
 * place a hook name turns into code.
 */
import type { Warning } from "../../core/types/response.ts";
import { dropStreamOptions } from "./drop-stream-options.ts";
import type { HookContext, HookName, ProviderHook } from "./hook.ts";
import { maxTokensField } from "./max-tokens-field.ts";
import { openrouterAttribution } from "./openrouter-attribution.ts";
import { randomSeedField } from "./random-seed-field.ts";
import { stripUnsupportedParams } from "./strip-unsupported-params.ts";

export const hookRegistry: Readonly<Record<HookName, ProviderHook>> = {
  "max-tokens-field": maxTokensField,
  "drop-stream-options": dropStreamOptions,
  "random-seed-field": randomSeedField,
  "strip-unsupported-params": stripUnsupportedParams,
  "openrouter-attribution": openrouterAttribution,
};

export function isHookName(value: string): value is HookName {
  return Object.hasOwn(hookRegistry, value);
}

export type HookContextInit = Omit<HookContext, "warnings">;

/** Runs each named body hook in order; returns the new body and what the hooks dropped. */
export function applyBodyHooks(
  names: readonly HookName[],
  body: Record<string, unknown>,
  init: HookContextInit,
): { body: Record<string, unknown>; warnings: Warning[] } {
  const context: HookContext = { ...init, warnings: [] };
  let result = body;
  for (const name of names) {
    const hook = hookRegistry[name].body;
    if (hook) result = hook(result, context);
  }
  return { body: result, warnings: context.warnings };
}

/** Runs each named header hook in order. */
export function applyHeaderHooks(
  names: readonly HookName[],
  headers: Record<string, string>,
  init: HookContextInit,
): Record<string, string> {
  const context: HookContext = { ...init, warnings: [] };
  let result = headers;
  for (const name of names) {
    const hook = hookRegistry[name].headers;
    if (hook) result = hook(result, context);
  }
  return result;
}
