/**
 * @module
 * Canonical request → a Gemini `generateContent` body (camelCase, as the API documents and
 * the SDK sends). The model and streaming go in the URL (`requestPath`), not the body.
 */
import type { CanonicalRequest } from "../../core/types/request.ts";
import type { Warning } from "../../core/types/response.ts";
import type { Translated } from "../dialect.ts";
import { encodeMessages } from "./encode-contents.ts";
import { encodeGenerationConfig } from "./encode-generation-config.ts";
import { encodeTextPart } from "./encode-parts.ts";
import { encodeToolChoice, encodeTools } from "./encode-tools.ts";
import { mergeWire, readExtras, warnForeignExtras } from "./wire-extras.ts";
import type { GeminiRequest } from "./wire-types.ts";

export function encodeRequest(request: CanonicalRequest): Translated<GeminiRequest> {
  const warnings: Warning[] = [];
  warnForeignExtras(request.extras, "request", warnings);
  const { fields, hints } = readExtras(request.extras);
  const body: GeminiRequest = { contents: encodeMessages(request.messages, warnings) };
  if (request.system !== undefined) {
    body.systemInstruction = { parts: request.system.map((part, index) => encodeTextPart(part, `system[${index}]`, warnings)) };
  }
  const tools = encodeTools(request.tools, hints.$tools, warnings);
  if (tools !== undefined) body.tools = tools;
  const toolConfig = encodeToolChoice(request.toolChoice);
  if (toolConfig !== undefined) body.toolConfig = toolConfig;
  const generationConfig = encodeGenerationConfig(request, hints, warnings);
  if (generationConfig !== undefined) body.generationConfig = generationConfig;

  if (request.parallelToolCalls === false) {
    warnings.push({ code: "unsupported-field", message: "Gemini cannot turn off parallel tool calls", path: "parallelToolCalls" });
  }
  if (request.user !== undefined) warnings.push({ code: "unsupported-field", message: "Gemini has no end-user id field", path: "user" });
  if (request.metadata !== undefined) warnings.push({ code: "unsupported-field", message: "Gemini has no request metadata field", path: "metadata" });
  return { value: mergeWire(body, fields), warnings };
}
