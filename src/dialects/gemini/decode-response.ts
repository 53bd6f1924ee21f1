/**
 * @module
 * A Gemini `GenerateContentResponse` → canonical response. The first candidate is the
 * answer; its other fields (safetyRatings, citationMetadata...), further candidates and
 * promptFeedback ride in extras. A prompt blocked before any candidate (promptFeedback.
 * blockReason, no candidates) is a `content-filter` finish with empty content.
 */
import { InvalidRequestError } from "../../core/errors.ts";
import type { AssistantContentPart } from "../../core/types/message.ts";
import type { CanonicalResponse, Usage } from "../../core/types/response.ts";
import type { Translated } from "../dialect.ts";
import { unknownFields } from "../internal/extras.ts";
import { isRecord } from "../internal/json.ts";
import { synthesizeToolCallId } from "../internal/tool-call-id.ts";
import { decodeModelPart, readPart } from "./decode-parts.ts";
import { mapFinishReason } from "./map-finish-reason.ts";
import { decodeUsage } from "./map-usage.ts";
import { makeExtras, type GeminiHints } from "./wire-extras.ts";
import { expectList, expectRecord, optionalString } from "./wire-read.ts";

const responseKeys: ReadonlySet<string> = new Set(["candidates", "usageMetadata", "modelVersion", "responseId"]);
const candidateKeys: ReadonlySet<string> = new Set(["content", "finishReason"]);
const contentKeys: ReadonlySet<string> = new Set(["role", "parts"]);

function expectResponse(body: unknown): Record<string, unknown> {
  const root = expectRecord(body, "body");
  if (root["error"] !== undefined) throw new InvalidRequestError("the body is a Gemini error, not a response", { param: "error" });
  if (root["candidates"] === undefined && root["promptFeedback"] === undefined) {
    throw new InvalidRequestError("not a Gemini response: it has no candidates", { param: "candidates" });
  }
  return root;
}

export function responseUsage(body: unknown): Usage {
  return decodeUsage(expectResponse(body)["usageMetadata"]);
}

export function decodeResponse(body: unknown): Translated<CanonicalResponse> {
  const root = expectResponse(body);
  const id = optionalString(root, "responseId", "body") ?? "";
  const fields: Record<string, unknown> = unknownFields(root, responseKeys) ?? {};
  const hints: GeminiHints = {};
  const content: AssistantContentPart[] = [];
  let finishRaw: string | undefined;

  const candidates = root["candidates"] === undefined ? undefined : expectList(root["candidates"], "candidates");
  if (candidates === undefined) hints.$noCandidates = true;
  const first = candidates?.[0];
  if (candidates !== undefined && first !== undefined) {
    const candidate = expectRecord(first, "candidates[0]");
    finishRaw = optionalString(candidate, "finishReason", "candidates[0]");
    const candidateRest: Record<string, unknown> = unknownFields(candidate, candidateKeys) ?? {};
    if (candidate["content"] !== undefined) {
      const wire = expectRecord(candidate["content"], "candidates[0].content");
      const parts = wire["parts"] === undefined ? [] : expectList(wire["parts"], "candidates[0].content.parts");
      let ordinal = 0;
      const unknown: NonNullable<GeminiHints["$unknownParts"]> = [];
      parts.forEach((raw, index) => {
        const path = `candidates[0].content.parts[${index}]`;
        const part = decodeModelPart(readPart(raw, path), path, () => synthesizeToolCallId(id, ordinal++));
        if (part === undefined) unknown.push({ index, part: raw as Record<string, unknown> });
        else content.push(part);
      });
      if (unknown.length > 0) hints.$unknownParts = unknown;
      if (parts.length === 0) hints.$emptyContent = wire;
      else {
        const contentRest = unknownFields(wire, contentKeys);
        if (contentRest) candidateRest["content"] = contentRest;
      }
    }
    if (Object.keys(candidateRest).length > 0 || candidates.length > 1) fields["candidates"] = [candidateRest, ...candidates.slice(1)];
  }

  const feedback = isRecord(root["promptFeedback"]) ? root["promptFeedback"] : undefined;
  const blockReason = typeof feedback?.["blockReason"] === "string" ? feedback["blockReason"] : undefined;
  const finishReason =
    first === undefined && blockReason !== undefined
      ? { unified: "content-filter" as const, raw: blockReason }
      : mapFinishReason(finishRaw, content.some((part) => part.type === "tool-call"));

  const response: CanonicalResponse = {
    id,
    model: optionalString(root, "modelVersion", "body") ?? "",
    content,
    finishReason,
    usage: decodeUsage(root["usageMetadata"]),
  };
  const extras = makeExtras(fields, hints);
  if (extras !== undefined) response.extras = extras;
  return { value: response, warnings: [] };
}
