/**
 * @module
 * Canonical response → a Gemini `GenerateContentResponse` with one candidate.
 */
import type { CanonicalResponse, Warning } from "../../core/types/response.ts";
import type { Translated } from "../dialect.ts";
import { encodeAssistantPart, insertUnknownParts } from "./encode-parts.ts";
import { encodeFinishReason } from "./map-finish-reason.ts";
import { encodeUsage } from "./map-usage.ts";
import { mergeWire, readExtras, warnForeignExtras } from "./wire-extras.ts";
import type { GeminiCandidate, GeminiPart, GeminiResponse } from "./wire-types.ts";

export function encodeResponse(response: CanonicalResponse): Translated<GeminiResponse> {
  const warnings: Warning[] = [];
  warnForeignExtras(response.extras, "response", warnings);
  const { fields, hints } = readExtras(response.extras);
  const encoded: GeminiPart[] = [];
  response.content.forEach((part, index) => {
    const wire = encodeAssistantPart(part, `content[${index}]`, warnings);
    if (wire) encoded.push(wire);
  });
  const parts = insertUnknownParts(encoded, hints.$unknownParts);
  const body: GeminiResponse = {};
  if (hints.$noCandidates !== true) {
    const candidate: GeminiCandidate = {};
    if (parts.length > 0) candidate.content = { parts, role: "model" };
    else if (hints.$emptyContent !== undefined) candidate.content = hints.$emptyContent;
    candidate.finishReason = encodeFinishReason(response.finishReason, response.content.some((part) => part.type === "tool-call"));
    body.candidates = [candidate];
  }
  const usage = encodeUsage(response.usage);
  if (usage !== undefined) body.usageMetadata = usage;
  if (response.usage.cacheWriteTokens !== undefined) {
    warnings.push({ code: "lossy-conversion", message: "Gemini usage has no cache-write count (it stays inside promptTokenCount)", path: "usage.cacheWriteTokens" });
  }
  if (response.model !== "") body.modelVersion = response.model;
  if (response.id !== "") body.responseId = response.id;
  return { value: mergeWire(body, fields), warnings };
}
