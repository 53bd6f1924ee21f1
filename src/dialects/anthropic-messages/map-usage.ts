/**
 * @module
 * Anthropic usage ↔ canonical usage. Anthropic's `input_tokens` excludes cached tokens;
 * canonical `inputTokens` is the whole prompt (input + cache write + cache read).
 * Unknown stays unknown: `null` on the wire, `undefined` in canonical form.
 */
import type { Usage } from "../../core/types/response.ts";
import { isRecord } from "../internal/json.ts";
import { numberOrUndefined } from "./read-wire.ts";
import type { AnthropicDeltaUsage, AnthropicUsage } from "./wire-types.ts";

const knownUsageFields: ReadonlySet<string> = new Set([
  "input_tokens",
  "output_tokens",
  "cache_creation_input_tokens",
  "cache_read_input_tokens",
]);

/**
 * Usage fields canonical form does not hold (`cache_creation`, `service_tier`,
 * `server_tool_use`...), kept in extras for a round trip. `output_tokens_details` is
 * rebuilt from `reasoningTokens` when it holds just that.
 */
export function usageRemainder(wire: Record<string, unknown>): Record<string, unknown> | undefined {
  let rest: Record<string, unknown> | undefined;
  for (const [key, value] of Object.entries(wire)) {
    if (knownUsageFields.has(key) || value === undefined) continue;
    if (key === "output_tokens_details" && isRecord(value) && Object.keys(value).join() === "thinking_tokens") continue;
    rest ??= {};
    rest[key] = value;
  }
  return rest;
}

export function decodeUsage(wire: Record<string, unknown>): Usage {
  const input = numberOrUndefined(wire["input_tokens"]);
  const cacheWrite = numberOrUndefined(wire["cache_creation_input_tokens"]);
  const cacheRead = numberOrUndefined(wire["cache_read_input_tokens"]);
  const details = wire["output_tokens_details"];
  return {
    inputTokens: input === undefined ? undefined : input + (cacheWrite ?? 0) + (cacheRead ?? 0),
    outputTokens: numberOrUndefined(wire["output_tokens"]),
    cacheReadTokens: cacheRead,
    cacheWriteTokens: cacheWrite,
    reasoningTokens: isRecord(details) ? numberOrUndefined(details["thinking_tokens"]) : undefined,
    raw: wire,
  };
}

function computeUncachedInput(usage: Usage): number | null {
  if (usage.inputTokens === undefined) return null;
  return Math.max(0, usage.inputTokens - (usage.cacheReadTokens ?? 0) - (usage.cacheWriteTokens ?? 0));
}

/** The full usage object of a response or `message_start`. */
export function encodeUsage(usage: Usage): AnthropicUsage {
  const wire: AnthropicUsage = {
    input_tokens: computeUncachedInput(usage),
    output_tokens: usage.outputTokens ?? null,
    cache_creation_input_tokens: usage.cacheWriteTokens ?? null,
    cache_read_input_tokens: usage.cacheReadTokens ?? null,
  };
  if (usage.reasoningTokens !== undefined) wire.output_tokens_details = { thinking_tokens: usage.reasoningTokens };
  return wire;
}

/** `message_delta` usage: cumulative totals, with only the fields that are known. */
export function encodeDeltaUsage(usage: Usage): AnthropicDeltaUsage {
  const wire: AnthropicDeltaUsage = { output_tokens: usage.outputTokens ?? null };
  const input = computeUncachedInput(usage);
  if (input !== null) wire.input_tokens = input;
  if (usage.cacheWriteTokens !== undefined) wire.cache_creation_input_tokens = usage.cacheWriteTokens;
  if (usage.cacheReadTokens !== undefined) wire.cache_read_input_tokens = usage.cacheReadTokens;
  if (usage.reasoningTokens !== undefined) wire.output_tokens_details = { thinking_tokens: usage.reasoningTokens };
  return wire;
}

/** Overwrites (never adds) the fields a `message_delta` carries: its counts are cumulative. */
export function mergeUsage(into: Record<string, unknown>, update: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(update)) {
    if (value !== null && value !== undefined) into[key] = value;
  }
}
