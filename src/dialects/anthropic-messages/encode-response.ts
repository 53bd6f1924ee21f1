/**
 * @module
 * Canonical response → Anthropic Messages response body (protocols.md §2.2).
 */
import type { CanonicalResponse, Warning } from "../../core/types/response.ts";
import type { ResponseEncodeOptions, Translated } from "../dialect.ts";
import { isRecord } from "../internal/json.ts";
import { reportForeignExtras, writeExtras } from "./dialect-extras.ts";
import { encodeAssistantBlocks } from "./encode-content.ts";
import { encodeFinishReason, isFinishReasonLossy } from "./map-finish-reason.ts";
import { encodeUsage } from "./map-usage.ts";
import type { AnthropicMessagesResponse } from "./wire-types.ts";

export function encodeResponse(
  response: CanonicalResponse,
  _options: ResponseEncodeOptions = {},
): Translated<AnthropicMessagesResponse> {
  const warnings: Warning[] = [];
  reportForeignExtras(response.extras, "extras", warnings);
  const { usage: usageExtras, stop_sequence: stopSequence, ...rest } = writeExtras(response.extras);
  const stopReason = encodeFinishReason(response.finishReason);
  if (isFinishReasonLossy(response.finishReason)) {
    warnings.push({
      code: "lossy-conversion",
      message: `Anthropic has no stop reason for "${response.finishReason.unified}"; end_turn was sent.`,
      path: "finishReason",
    });
  }
  const wire: AnthropicMessagesResponse = {
    ...rest,
    id: response.id,
    type: "message",
    role: "assistant",
    model: response.model,
    content: encodeAssistantBlocks(response.content, "content", warnings, false),
    stop_reason: stopReason,
    stop_sequence: stopReason === "stop_sequence" && typeof stopSequence === "string" ? stopSequence : null,
    usage: { ...(isRecord(usageExtras) ? usageExtras : {}), ...encodeUsage(response.usage) },
  };
  return { value: wire, warnings };
}
