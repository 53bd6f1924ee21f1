/**
 * @module
 * A Gemini `generateContent` body → canonical request. The model and the streaming flag are
 * in the URL, so they come from `context`. snake_case field names are accepted as the API
 * accepts them; unknown fields (safetySettings, cachedContent, candidateCount...) ride in
 * extras and come back out on encode.
 */
import { InvalidRequestError } from "../../core/errors.ts";
import type { TextPart } from "../../core/types/message.ts";
import type { CanonicalRequest } from "../../core/types/request.ts";
import type { RequestDecodeContext, Translated } from "../dialect.ts";
import { unknownFields } from "../internal/extras.ts";
import { decodeContents } from "./decode-contents.ts";
import { decodeGenerationConfig } from "./decode-generation-config.ts";
import { readPart } from "./decode-parts.ts";
import { decodeToolConfig, decodeTools } from "./decode-tools.ts";
import { makeExtras, type GeminiHints } from "./wire-extras.ts";
import { camelizeKeys, expectList, expectRecord, optionalString, requireString } from "./wire-read.ts";

const requestKeys: ReadonlySet<string> = new Set(["contents", "systemInstruction", "tools", "toolConfig", "generationConfig"]);

/** `models/gemini-2.5-flash` and `gemini-2.5-flash` name the same model. */
export function stripModelPrefix(model: string): string {
  return model.startsWith("models/") ? model.slice("models/".length) : model;
}

export function decodeRequest(body: unknown, context: RequestDecodeContext = {}): Translated<CanonicalRequest> {
  const root = camelizeKeys(expectRecord(body, "body"));
  const model = context.model ?? optionalString(root, "model", "body");
  if (model === undefined) throw new InvalidRequestError("the model is required (it belongs in the URL path)", { param: "model" });

  const request: CanonicalRequest = { model: stripModelPrefix(model), messages: decodeContents(root["contents"]), stream: context.stream ?? false };
  const fields: Record<string, unknown> = unknownFields(root, requestKeys) ?? {};
  const hints: GeminiHints = {};

  const system = decodeSystemInstruction(root["systemInstruction"]);
  if (system) {
    request.system = system.parts;
    if (system.rest) fields["systemInstruction"] = system.rest;
  }

  const tools = decodeTools(root["tools"]);
  if (tools.tools) request.tools = tools.tools;
  if (tools.layout) hints.$tools = tools.layout;
  const choice = decodeToolConfig(root["toolConfig"]);
  if (choice.toolChoice) request.toolChoice = choice.toolChoice;
  if (choice.rest) fields["toolConfig"] = choice.rest;

  const generation = decodeGenerationConfig(root["generationConfig"]);
  Object.assign(request, generation.params);
  Object.assign(hints, generation.hints);
  if (generation.rest) fields["generationConfig"] = generation.rest;

  const extras = makeExtras(fields, hints);
  if (extras !== undefined) request.extras = extras;
  return { value: request, warnings: [] };
}

const systemKeys: ReadonlySet<string> = new Set(["parts"]);

function decodeSystemInstruction(value: unknown): { parts: TextPart[]; rest: Record<string, unknown> | undefined } | undefined {
  if (value === undefined || value === null) return undefined;
  // The SDK takes a plain string; some clients send it to the API as is.
  if (typeof value === "string") return { parts: [{ type: "text", text: value }], rest: undefined };
  const path = "systemInstruction";
  const instruction = camelizeKeys(expectRecord(value, path));
  const parts = expectList(instruction["parts"] ?? [], `${path}.parts`).map((raw, index): TextPart => {
    const partPath = `${path}.parts[${index}]`;
    const part = readPart(raw, partPath);
    const text = requireString(part, "text", partPath);
    const rest = unknownFields(part, new Set(["text"]));
    const extras = makeExtras(rest);
    return extras === undefined ? { type: "text", text } : { type: "text", text, extras };
  });
  return { parts, rest: unknownFields(instruction, systemKeys) };
}
