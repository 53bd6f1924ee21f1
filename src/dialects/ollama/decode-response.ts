/**
 * @module
 * Ollama `stream: false` answer → canonical response. Ollama sends no id: one is derived
 * from `created_at` (or read from `id`, which llmux itself adds when it encodes). The exact
 * `created_at` and unknown fields ride in `extras.ollama` for a lossless round trip.
 */
import { InvalidRequestError } from "../../core/errors.ts";
import type { CanonicalResponse, Usage } from "../../core/types/response.ts";
import type { Dialect, Translated } from "../dialect.ts";
import { unknownFields } from "../internal/extras.ts";
import { isRecord } from "../internal/json.ts";
import { synthesizeToolCallId } from "../internal/tool-call-id.ts";
import { decodeAssistantContent } from "./decode-assistant-content.ts";
import { mapFinishReason } from "./map-finish-reason.ts";
import { decodeUsage, metricFields } from "./map-usage.ts";
import { createdSeconds, synthesizeResponseId } from "./response-identity.ts";

const knownFields: ReadonlySet<string> = new Set(["id", "model", "created_at", "message", "done", "done_reason", ...metricFields]);

function expectChatResponse(body: unknown): asserts body is Record<string, unknown> & { message: Record<string, unknown>; model: string } {
  if (!isRecord(body) || !isRecord(body["message"]) || typeof body["model"] !== "string") {
    throw new InvalidRequestError("Not an Ollama chat response: expected an object with `model` and `message`.", { param: "message" });
  }
}

export const responseUsage: Dialect["responseUsage"] = (body: unknown): Usage => {
  expectChatResponse(body);
  return decodeUsage(body);
};

export const decodeResponse: Dialect["decodeResponse"] = (body: unknown): Translated<CanonicalResponse> => {
  expectChatResponse(body);
  const createdAt = typeof body["created_at"] === "string" ? body["created_at"] : undefined;
  const id = typeof body["id"] === "string" && body["id"] !== "" ? body["id"] : synthesizeResponseId(createdAt);
  const message = body["message"];
  const consumed = new Set(["role"]);
  const { content, calls } = decodeAssistantContent({
    record: message,
    param: "message",
    consumed,
    idFor: (ordinal) => synthesizeToolCallId(id, ordinal),
  });
  const doneReason = typeof body["done_reason"] === "string" ? body["done_reason"] : undefined;
  const response: CanonicalResponse = {
    id,
    model: body["model"],
    content,
    finishReason: mapFinishReason(doneReason, calls.length > 0),
    usage: decodeUsage(body),
  };
  const created = createdSeconds(createdAt);
  if (created !== undefined) response.created = created;

  // `created_at` has nanoseconds and an offset that canonical seconds lose: keep it as sent.
  const extras: Record<string, unknown> = { ...unknownFields(body, knownFields) };
  if (createdAt !== undefined) extras["created_at"] = createdAt;
  const messageExtras = unknownFields(message, consumed);
  if (messageExtras) extras["message"] = messageExtras;
  if (Object.keys(extras).length > 0) response.extras = { ollama: extras };
  return { value: response, warnings: [] };
};
