/**
 * @module
 * `usage` ↔ canonical Usage. `prompt_tokens` already includes cached tokens and
 * `completion_tokens` reasoning tokens, so the figures map one to one; unknown stays
 * undefined and is left off the wire rather than written as 0. Fields llmux does not read
 * (`audio_tokens`, prediction counts...) are kept in a template that encoding merges back.
 */
import type { Usage } from "../../core/types/response.ts";
import { isRecord } from "../internal/json.ts";
import type { OpenAIChatUsage } from "./wire-types.ts";

function numberField(record: Record<string, unknown> | undefined, key: string): number | undefined {
  const value = record?.[key];
  return typeof value === "number" ? value : undefined;
}

export interface DecodedUsage {
  usage: Usage;
  /** The wire usage minus what `usage` holds; undefined when nothing is left. */
  template: Record<string, unknown> | undefined;
}

/** What is left of a details object once the figures llmux reads are taken out. */
function detailsRemainder(details: unknown, known: readonly string[]): unknown {
  if (!isRecord(details)) return details;
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(details)) {
    if (!(known.includes(key) && typeof value === "number")) rest[key] = value;
  }
  const hadKnown = Object.keys(rest).length < Object.keys(details).length;
  return Object.keys(rest).length === 0 && hadKnown ? undefined : rest;
}

/** The figures alone (no template): what accounting needs. */
export function readUsage(wire: Record<string, unknown>): Usage {
  const prompt = isRecord(wire["prompt_tokens_details"]) ? wire["prompt_tokens_details"] : undefined;
  const completion = isRecord(wire["completion_tokens_details"]) ? wire["completion_tokens_details"] : undefined;
  return {
    inputTokens: numberField(wire, "prompt_tokens"),
    outputTokens: numberField(wire, "completion_tokens"),
    cacheReadTokens: numberField(prompt, "cached_tokens"),
    cacheWriteTokens: numberField(prompt, "cache_write_tokens"),
    reasoningTokens: numberField(completion, "reasoning_tokens"),
    raw: wire,
  };
}

export function decodeUsage(wire: Record<string, unknown>): DecodedUsage {
  const usage = readUsage(wire);

  const template: Record<string, unknown> = { ...wire };
  if (usage.inputTokens !== undefined) delete template["prompt_tokens"];
  if (usage.outputTokens !== undefined) delete template["completion_tokens"];
  const total = numberField(wire, "total_tokens");
  if (total !== undefined && usage.inputTokens !== undefined && usage.outputTokens !== undefined && total === usage.inputTokens + usage.outputTokens) {
    delete template["total_tokens"];
  }
  for (const [key, known] of [
    ["prompt_tokens_details", ["cached_tokens", "cache_write_tokens"]],
    ["completion_tokens_details", ["reasoning_tokens"]],
  ] as const) {
    if (!(key in template)) continue;
    const remainder = detailsRemainder(template[key], known);
    if (remainder === undefined) delete template[key];
    else template[key] = remainder;
  }
  return { usage, template: Object.keys(template).length > 0 ? template : undefined };
}

/** Wire usage from canonical figures, a decoded template, and an optional USD cost. */
export function encodeUsage(usage: Usage, template?: Record<string, unknown>, cost?: number): OpenAIChatUsage {
  const wire: OpenAIChatUsage = { ...template };
  if (usage.inputTokens !== undefined) wire.prompt_tokens = usage.inputTokens;
  if (usage.outputTokens !== undefined) wire.completion_tokens = usage.outputTokens;
  if (usage.inputTokens !== undefined && usage.outputTokens !== undefined && wire.total_tokens === undefined) {
    wire.total_tokens = usage.inputTokens + usage.outputTokens;
  }
  if (usage.cacheReadTokens !== undefined || usage.cacheWriteTokens !== undefined) {
    const details = isRecord(wire.prompt_tokens_details) ? { ...wire.prompt_tokens_details } : {};
    if (usage.cacheReadTokens !== undefined) details.cached_tokens = usage.cacheReadTokens;
    if (usage.cacheWriteTokens !== undefined) details.cache_write_tokens = usage.cacheWriteTokens;
    wire.prompt_tokens_details = details;
  }
  if (usage.reasoningTokens !== undefined) {
    const details = isRecord(wire.completion_tokens_details) ? { ...wire.completion_tokens_details } : {};
    details.reasoning_tokens = usage.reasoningTokens;
    wire.completion_tokens_details = details;
  }
  if (cost !== undefined) wire.cost = cost;
  return wire;
}
