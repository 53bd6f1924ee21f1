/**
 * @module
 * `usageMetadata` ↔ canonical usage. Gemini's `promptTokenCount` already includes cached
 * tokens; tool-use prompt tokens and thoughts are counted apart, so the canonical totals add
 * them: input = prompt + toolUsePrompt, output = candidates + thoughts. Absent is unknown.
 */
import type { Usage } from "../../core/types/response.ts";
import { isRecord } from "../internal/json.ts";
import type { GeminiUsageMetadata } from "./wire-types.ts";

function count(record: Record<string, unknown>, key: string): number | undefined {
  const value = record[key];
  return typeof value === "number" ? value : undefined;
}

export function decodeUsage(metadata: unknown): Usage {
  const record = isRecord(metadata) ? metadata : {};
  const prompt = count(record, "promptTokenCount");
  const toolUse = count(record, "toolUsePromptTokenCount");
  const candidates = count(record, "candidatesTokenCount");
  const thoughts = count(record, "thoughtsTokenCount");
  const usage: Usage = {
    inputTokens: prompt === undefined ? undefined : prompt + (toolUse ?? 0),
    outputTokens: candidates === undefined && thoughts === undefined ? undefined : (candidates ?? 0) + (thoughts ?? 0),
    cacheReadTokens: count(record, "cachedContentTokenCount"),
    cacheWriteTokens: undefined,
    reasoningTokens: thoughts,
  };
  if (metadata !== undefined) usage.raw = metadata;
  return usage;
}

const counts = ["inputTokens", "outputTokens", "cacheReadTokens", "cacheWriteTokens", "reasoningTokens"] as const;

/** Same counts (a missing field and `undefined` are the same: JSON drops undefined). */
function sameCounts(a: Usage, b: Usage): boolean {
  return counts.every((key) => a[key] === b[key]);
}

/** Canonical → wire. The raw `usageMetadata` is sent back as received when it still says the same. */
export function encodeUsage(usage: Usage): GeminiUsageMetadata | undefined {
  if (isRecord(usage.raw) && sameCounts(decodeUsage(usage.raw), usage)) {
    return usage.raw as GeminiUsageMetadata;
  }
  const metadata: GeminiUsageMetadata = {};
  if (usage.inputTokens !== undefined) metadata.promptTokenCount = usage.inputTokens;
  if (usage.outputTokens !== undefined) metadata.candidatesTokenCount = Math.max(0, usage.outputTokens - (usage.reasoningTokens ?? 0));
  if (usage.inputTokens !== undefined && usage.outputTokens !== undefined) metadata.totalTokenCount = usage.inputTokens + usage.outputTokens;
  if (usage.cacheReadTokens !== undefined) metadata.cachedContentTokenCount = usage.cacheReadTokens;
  if (usage.reasoningTokens !== undefined) metadata.thoughtsTokenCount = usage.reasoningTokens;
  return Object.keys(metadata).length === 0 ? undefined : metadata;
}
