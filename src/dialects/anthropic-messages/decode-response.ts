/**
 * @module
 * Anthropic Messages response body → canonical response. Fields canonical form does not
 * hold (`stop_sequence`, `container`, usage breakdowns...) are kept in extras.
 */
import { InvalidRequestError } from "../../core/errors.ts";
import type { CanonicalResponse, Usage, Warning } from "../../core/types/response.ts";
import type { Translated } from "../dialect.ts";
import { unknownFields } from "../internal/extras.ts";
import { decodeAssistantBlocks } from "./decode-content.ts";
import { anthropicDialectId, attachExtras } from "./dialect-extras.ts";
import { mapFinishReason } from "./map-finish-reason.ts";
import { decodeUsage, usageRemainder } from "./map-usage.ts";
import { readArray, readOptionalRecord, readOptionalString, readRecord } from "./read-wire.ts";

const knownTop = new Set(["id", "type", "role", "model", "content", "stop_reason", "stop_sequence", "usage"]);

function expectMessage(body: unknown): { record: Record<string, unknown>; blocks: unknown[] } {
  const record = readRecord(body, "");
  if (record["type"] === "error") {
    throw new InvalidRequestError("The body is an Anthropic error, not a message.", { param: "type" });
  }
  return { record, blocks: readArray(record["content"], "content") };
}

export function responseUsage(body: unknown): Usage {
  const { record } = expectMessage(body);
  return decodeUsage(readOptionalRecord(record, "usage", "") ?? {});
}

export function decodeResponse(body: unknown): Translated<CanonicalResponse> {
  const { record, blocks } = expectMessage(body);
  const warnings: Warning[] = [];
  const content = decodeAssistantBlocks(blocks, "content", { warnings, toolNames: new Map() });
  const usage = readOptionalRecord(record, "usage", "") ?? {};
  const response: CanonicalResponse = {
    id: readOptionalString(record, "id", "") ?? "",
    model: readOptionalString(record, "model", "") ?? "",
    content,
    finishReason: mapFinishReason(readOptionalString(record, "stop_reason", "")),
    usage: decodeUsage(usage),
  };
  const extras: Record<string, unknown> = { ...unknownFields(record, knownTop) };
  const stopSequence = readOptionalString(record, "stop_sequence", "");
  if (stopSequence !== undefined) extras["stop_sequence"] = stopSequence;
  const usageRest = usageRemainder(usage);
  if (usageRest !== undefined) extras["usage"] = usageRest;
  const hasExtras = Object.keys(extras).length > 0;
  return { value: attachExtras(response, hasExtras ? { [anthropicDialectId]: extras } : undefined), warnings };
}
