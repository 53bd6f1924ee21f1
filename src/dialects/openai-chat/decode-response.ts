/**
 * @module
 * A chat completion body → canonical response. Only the first choice is content; other
 * choices (`n > 1`), and every field the canonical model has no place for (`logprobs`,
 * `annotations`, `system_fingerprint`, usage details...), stay in extras for a lossless
 * same-dialect round trip. The own extras namespace is always present on the result: it
 * tells the encoder the wire shape is known, so it adds no defaults.
 */
import type { Translated } from "../dialect.ts";
import { InvalidRequestError } from "../../core/errors.ts";
import type { AssistantContentPart } from "../../core/types/message.ts";
import { emptyUsage, type CanonicalResponse, type Usage } from "../../core/types/response.ts";
import { isRecord } from "../internal/json.ts";
import { synthesizeToolCallId } from "../internal/tool-call-id.ts";
import { decodeContentParts } from "./decode-content.ts";
import { decodeFunctionCall, decodeToolCall } from "./decode-messages.ts";
import { isStandardFinishReason, mapFinishReason } from "./map-finish-reason.ts";
import { decodeUsage, readUsage } from "./usage.ts";
import { addMarkers, dialectId, omitKeys, type AsideItem, type Markers } from "./wire-extras.ts";

function decodeMessageContent(message: Record<string, unknown>, markers: Markers): AssistantContentPart[] {
  const parts: AssistantContentPart[] = [];
  if (typeof message["reasoning_content"] === "string") parts.push({ type: "reasoning", text: message["reasoning_content"] });
  else if (typeof message["reasoning"] === "string") {
    parts.push({ type: "reasoning", text: message["reasoning"], extras: addMarkers(undefined, { $field: "reasoning" }) });
  }
  const content = message["content"];
  if (content === "") markers.$content = "empty";
  else if (typeof content === "string") parts.push({ type: "text", text: content });
  else if (Array.isArray(content)) {
    // Some providers (Mistral) answer with content parts.
    const decoded = decodeContentParts(content, "choices[0].message.content", false);
    parts.push(...decoded.parts.filter((part) => part.type === "text"));
    markers.$content = "parts";
    if (decoded.aside.length > 0) markers.$asideParts = decoded.aside;
  }
  if (typeof message["refusal"] === "string" && message["refusal"] !== "") {
    parts.push({ type: "text", text: message["refusal"], extras: addMarkers(undefined, { $refusal: true }) });
  }
  return parts;
}

function decodeCalls(message: Record<string, unknown>, responseId: string, markers: Markers): AssistantContentPart[] {
  const parts: AssistantContentPart[] = [];
  const toolCalls = message["tool_calls"];
  if (Array.isArray(toolCalls)) {
    const aside: AsideItem[] = [];
    toolCalls.forEach((call, index) => {
      if (isRecord(call) && call["type"] === "function") parts.push(decodeToolCall(call, `choices[0].message.tool_calls[${index}]`));
      else aside.push({ index, item: call });
    });
    if (aside.length > 0) markers.$asideToolCalls = aside;
  }
  const functionCall = message["function_call"];
  if (isRecord(functionCall)) {
    parts.push(decodeFunctionCall(functionCall, "choices[0].message.function_call", synthesizeToolCallId(responseId, 0)));
  }
  return parts;
}

/** Message fields decoded into parts; the rest of the message is kept verbatim. */
function listDecodedMessageKeys(message: Record<string, unknown>): string[] {
  const keys = ["role", "content", "function_call"];
  if (Array.isArray(message["tool_calls"]) && message["tool_calls"].length > 0) keys.push("tool_calls");
  if (typeof message["reasoning_content"] === "string") keys.push("reasoning_content");
  else if (typeof message["reasoning"] === "string") keys.push("reasoning");
  if (typeof message["refusal"] === "string" && message["refusal"] !== "") keys.push("refusal");
  return keys;
}

function expectCompletion(body: unknown): asserts body is Record<string, unknown> & { choices: unknown[] } {
  if (!isRecord(body) || !Array.isArray(body["choices"])) {
    throw new InvalidRequestError("The body is not a chat completion: `choices` is missing.", { param: "choices" });
  }
}

export function responseUsage(body: unknown): Usage {
  expectCompletion(body);
  return isRecord(body["usage"]) ? readUsage(body["usage"]) : emptyUsage();
}

export function decodeResponse(body: unknown): Translated<CanonicalResponse> {
  expectCompletion(body);
  const id = typeof body["id"] === "string" ? body["id"] : "";
  const markers: Markers = {};
  const [first, ...others] = body["choices"] as unknown[];
  const choice = isRecord(first) ? first : {};
  const message = isRecord(choice["message"]) ? choice["message"] : {};

  const content = decodeMessageContent(message, markers);
  content.push(...decodeCalls(message, id, markers));
  const rawFinish = typeof choice["finish_reason"] === "string" ? choice["finish_reason"] : undefined;
  const finishReason = mapFinishReason(rawFinish);
  if (rawFinish === undefined || !isStandardFinishReason(rawFinish)) markers.$finishReason = choice["finish_reason"] ?? null;

  const response: CanonicalResponse = { id, model: typeof body["model"] === "string" ? body["model"] : "", content, finishReason, usage: emptyUsage() };
  if (typeof body["created"] === "number") response.created = body["created"];
  if (isRecord(body["usage"])) {
    const decoded = decodeUsage(body["usage"]);
    response.usage = decoded.usage;
    if (decoded.template) markers.$usage = decoded.template;
  }

  const messageRest = omitKeys(message, listDecodedMessageKeys(message));
  if (Object.keys(messageRest).length > 0) markers.$message = messageRest;
  const choiceRest = omitKeys(choice, ["index", "message", "finish_reason"]);
  if (Object.keys(choiceRest).length > 0) markers.$choice = choiceRest;
  if (others.length > 0) markers.$otherChoices = others;
  const known = ["id", "model", "choices", "usage"];
  if (typeof body["created"] === "number") known.push("created");
  if (body["object"] === "chat.completion") known.push("object");
  if (!isRecord(body["usage"])) known.splice(known.indexOf("usage"), 1);
  response.extras = { [dialectId]: { ...omitKeys(body, known), ...markers } };
  return { value: response, warnings: [] };
}
