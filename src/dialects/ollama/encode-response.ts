/**
 * @module
 * Canonical response → Ollama `stream: false` answer. The response id is sent as `id` (an
 * llmux addition that Ollama clients ignore) unless it was derived from `created_at`.
 */
import type { CanonicalResponse, Warning } from "../../core/types/response.ts";
import type { Dialect, Translated } from "../dialect.ts";
import { ownExtras } from "../internal/extras.ts";
import { isRecord } from "../internal/json.ts";
import { encodeAssistantContent } from "./encode-messages.ts";
import { encodeDoneReason } from "./map-finish-reason.ts";
import { encodeUsage, warnUsageSubsets } from "./map-usage.ts";
import { createdSeconds, formatCreatedAt, synthesizeResponseId } from "./response-identity.ts";
import { warnForeignExtras } from "./warn-foreign-extras.ts";
import type { OllamaChatResponse } from "./wire-types.ts";

/** The `created_at` to send: the one received when it still matches, else one made from `created`. */
export function chooseCreatedAt(created: number | undefined, received: unknown): string {
  if (typeof received === "string" && (created === undefined || createdSeconds(received) === created)) return received;
  return formatCreatedAt(created);
}

export const encodeResponse: Dialect["encodeResponse"] = (response: CanonicalResponse): Translated<OllamaChatResponse> => {
  const warnings: Warning[] = [];
  warnForeignExtras(response.extras, warnings, undefined);
  warnUsageSubsets(response.usage, warnings);
  const { created_at: receivedCreatedAt, message: messageExtras, ...extras } = ownExtras("ollama", response.extras);
  const createdAt = chooseCreatedAt(response.created, receivedCreatedAt);
  const body: OllamaChatResponse = {
    ...extras,
    ...(response.id === synthesizeResponseId(createdAt) ? {} : { id: response.id }),
    model: response.model,
    created_at: createdAt,
    message: {
      ...(isRecord(messageExtras) ? messageExtras : {}),
      role: "assistant",
      ...encodeAssistantContent(response.content, warnings, "content"),
    },
    done: true,
    done_reason: encodeDoneReason(response.finishReason),
    ...encodeUsage(response.usage),
  };
  return { value: body, warnings };
};
