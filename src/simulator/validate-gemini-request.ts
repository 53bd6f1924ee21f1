/**
 * @module
 * Checks a `generateContent` body the way the Gemini API does (protocols.md 3.2, 6.1-6.5):
 * the key as `x-goog-api-key` or `?key=`, roles `user` and `model` only, no content without
 * parts and no part without data, functionCall only in model turns, functionResponse only in
 * user turns with an object `response` and the name of a call in the model turn just before
 * (one response per call), declarations whose `parameters` stay inside the OpenAPI subset,
 * and no field the proto does not know (Gemini answers "Unknown name" to those).
 */
import { checkMinInteger, checkRange, isBareBase64, isNonEmptyString, isRecord } from "./check-value.ts";
import { readBearerToken, readHeader, type RequestHeaders } from "./request-headers.ts";
import { checkGeminiSchema } from "./validate-gemini-schema.ts";

const topKeys = new Set(["contents", "systemInstruction", "tools", "toolConfig", "generationConfig", "safetySettings", "cachedContent", "labels"]);
const contentKeys = new Set(["role", "parts"]);
const dataKeys = ["text", "inlineData", "fileData", "functionCall", "functionResponse", "executableCode", "codeExecutionResult"];
const partKeys = new Set([...dataKeys, "thought", "thoughtSignature", "videoMetadata", "mediaResolution", "partMetadata"]);
const declarationKeys = new Set(["name", "description", "parameters", "parametersJsonSchema", "response", "responseJsonSchema", "behavior"]);
const toolKeys = new Set(["functionDeclarations", "googleSearch", "googleSearchRetrieval", "codeExecution", "urlContext", "retrieval", "computerUse", "fileSearch", "googleMaps"]);
const generationKeys = new Set([
  "temperature",
  "topP",
  "topK",
  "candidateCount",
  "maxOutputTokens",
  "stopSequences",
  "presencePenalty",
  "frequencyPenalty",
  "seed",
  "responseMimeType",
  "responseSchema",
  "responseJsonSchema",
  "responseModalities",
  "thinkingConfig",
  "responseLogprobs",
  "logprobs",
  "speechConfig",
  "mediaResolution",
  "imageConfig",
  "enableEnhancedCivicAnswers",
]);
const modes = new Set(["AUTO", "ANY", "NONE", "VALIDATED", "MODE_UNSPECIFIED"]);
const functionNamePattern = /^[a-zA-Z_][a-zA-Z0-9_.:-]{0,63}$/;

export interface GeminiValidationOptions {
  /** The query string of the call (`key=` is a valid way to pass the key). */
  query?: Record<string, string>;
}

function camelize(key: string): string {
  return key.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase());
}

/** A copy with camelCase keys (the API accepts snake_case too); unknown names are reported. */
function readObject(problems: string[], value: Record<string, unknown>, known: ReadonlySet<string>, path: string): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [rawKey, inner] of Object.entries(value)) {
    const key = camelize(rawKey);
    if (!known.has(key)) problems.push(`Invalid JSON payload received. Unknown name ${JSON.stringify(rawKey)} at '${path}': Cannot find field.`);
    result[key] = inner;
  }
  return result;
}

interface TurnCalls {
  names: string[];
}

function checkPart(problems: string[], raw: unknown, path: string, role: string, previousCalls: TurnCalls, current: TurnCalls & { responses: number }): void {
  if (!isRecord(raw)) {
    problems.push(`${path} must be an object`);
    return;
  }
  const part = readObject(problems, raw, partKeys, path);
  const present = dataKeys.filter((key) => part[key] !== undefined);
  if (present.length !== 1) {
    problems.push(`${path} must hold exactly one of text, inlineData, fileData, functionCall, functionResponse (found ${present.length})`);
    return;
  }
  const kind = present[0];
  if (kind === "text") {
    if (typeof part["text"] !== "string") problems.push(`${path}.text must be a string`);
    else if (part["text"] === "" && part["thoughtSignature"] === undefined) problems.push(`${path}: Unable to submit request because it has an empty text parameter`);
  } else if (kind === "inlineData") {
    const blob = isRecord(part["inlineData"]) ? readObject(problems, part["inlineData"], new Set(["mimeType", "data"]), `${path}.inlineData`) : undefined;
    if (!blob || !isNonEmptyString(blob["mimeType"])) problems.push(`${path}.inlineData.mimeType is required`);
    if (!blob || !isBareBase64(blob["data"])) problems.push(`${path}.inlineData.data must be base64 without a data: prefix`);
  } else if (kind === "fileData") {
    const file = isRecord(part["fileData"]) ? readObject(problems, part["fileData"], new Set(["mimeType", "fileUri"]), `${path}.fileData`) : undefined;
    if (!file || !isNonEmptyString(file["fileUri"])) problems.push(`${path}.fileData.fileUri is required`);
  } else if (kind === "functionCall") {
    if (role !== "model") problems.push(`${path}: functionCall parts belong in model turns`);
    const call = isRecord(part["functionCall"]) ? readObject(problems, part["functionCall"], new Set(["id", "name", "args"]), `${path}.functionCall`) : undefined;
    if (!call || !isNonEmptyString(call["name"])) problems.push(`${path}.functionCall.name is required`);
    else current.names.push(call["name"]);
    if (call && call["args"] !== undefined && !isRecord(call["args"])) problems.push(`${path}.functionCall.args must be an object`);
  } else if (kind === "functionResponse") {
    if (role !== "user") problems.push(`${path}: functionResponse parts belong in user turns`);
    const known = new Set(["id", "name", "response", "parts", "willContinue", "scheduling"]);
    const response = isRecord(part["functionResponse"]) ? readObject(problems, part["functionResponse"], known, `${path}.functionResponse`) : undefined;
    current.responses += 1;
    if (!response || !isNonEmptyString(response["name"])) problems.push(`${path}.functionResponse.name is required`);
    else if (!previousCalls.names.includes(response["name"])) {
      problems.push(`${path}.functionResponse.name ${JSON.stringify(response["name"])} does not match a functionCall of the previous model turn`);
    }
    if (!response || !isRecord(response["response"])) problems.push(`${path}.functionResponse.response must be an object (a JSON struct)`);
  }
}

function checkContents(problems: string[], contents: unknown): void {
  if (!Array.isArray(contents) || contents.length === 0) {
    problems.push("contents is not specified (a non-empty array is required)");
    return;
  }
  let previousCalls: TurnCalls = { names: [] };
  contents.forEach((raw, index) => {
    const path = `contents[${index}]`;
    if (!isRecord(raw)) {
      problems.push(`${path} must be an object`);
      return;
    }
    const content = readObject(problems, raw, contentKeys, path);
    const role = content["role"] ?? "user";
    if (role !== "user" && role !== "model") problems.push(`${path}.role must be "user" or "model"; got ${JSON.stringify(role)}`);
    const parts = content["parts"];
    if (!Array.isArray(parts) || parts.length === 0) {
      problems.push(`${path}.parts must not be empty`);
      previousCalls = { names: [] };
      return;
    }
    const current = { names: [] as string[], responses: 0 };
    parts.forEach((part, partIndex) => checkPart(problems, part, `${path}.parts[${partIndex}]`, String(role), previousCalls, current));
    if (current.responses > 0 && current.responses !== previousCalls.names.length) {
      problems.push(`${path}: the number of function response parts (${current.responses}) must equal the number of function call parts of the function call turn (${previousCalls.names.length})`);
    }
    previousCalls = current;
  });
}

function checkTools(problems: string[], body: Record<string, unknown>): void {
  const tools = body["tools"];
  if (tools === undefined) return;
  if (!Array.isArray(tools)) {
    problems.push("tools must be an array");
    return;
  }
  tools.forEach((raw, index) => {
    const path = `tools[${index}]`;
    if (!isRecord(raw)) {
      problems.push(`${path} must be an object`);
      return;
    }
    const tool = readObject(problems, raw, toolKeys, path);
    const declarations = tool["functionDeclarations"];
    if (declarations === undefined) return;
    if (!Array.isArray(declarations)) {
      problems.push(`${path}.functionDeclarations must be an array`);
      return;
    }
    declarations.forEach((rawDeclaration, declarationIndex) => {
      const at = `${path}.functionDeclarations[${declarationIndex}]`;
      if (!isRecord(rawDeclaration)) {
        problems.push(`${at} must be an object`);
        return;
      }
      const declaration = readObject(problems, rawDeclaration, declarationKeys, at);
      const name = declaration["name"];
      if (typeof name !== "string" || !functionNamePattern.test(name)) problems.push(`${at}.name must start with a letter or _ and use a-z, A-Z, 0-9, _ . : - (64 at most)`);
      if (declaration["parameters"] !== undefined && declaration["parametersJsonSchema"] !== undefined) {
        problems.push(`${at}: parameters and parametersJsonSchema cannot both be set`);
      }
      if (declaration["parameters"] !== undefined) checkGeminiSchema(problems, declaration["parameters"], `${at}.parameters`);
    });
  });
}

function checkToolConfig(problems: string[], value: unknown): void {
  if (value === undefined) return;
  const config = isRecord(value) ? readObject(problems, value, new Set(["functionCallingConfig", "retrievalConfig"]), "toolConfig") : undefined;
  const calling = config?.["functionCallingConfig"];
  if (calling === undefined) return;
  const fields = isRecord(calling) ? readObject(problems, calling, new Set(["mode", "allowedFunctionNames"]), "toolConfig.functionCallingConfig") : {};
  const mode = fields["mode"];
  if (mode !== undefined && (typeof mode !== "string" || !modes.has(mode))) problems.push("toolConfig.functionCallingConfig.mode must be AUTO, ANY, NONE or VALIDATED");
  if (fields["allowedFunctionNames"] !== undefined && mode !== "ANY" && mode !== "VALIDATED") {
    problems.push("toolConfig.functionCallingConfig.allowedFunctionNames may only be set with mode ANY or VALIDATED");
  }
}

function checkGenerationConfig(problems: string[], value: unknown): void {
  if (value === undefined) return;
  if (!isRecord(value)) {
    problems.push("generationConfig must be an object");
    return;
  }
  const config = readObject(problems, value, generationKeys, "generationConfig");
  checkRange(problems, config["temperature"], "generationConfig.temperature", 0, 2);
  checkRange(problems, config["topP"], "generationConfig.topP", 0, 1);
  checkMinInteger(problems, config["topK"], "generationConfig.topK", 1);
  checkMinInteger(problems, config["candidateCount"], "generationConfig.candidateCount", 1);
  checkMinInteger(problems, config["maxOutputTokens"], "generationConfig.maxOutputTokens", 1);
  const stops = config["stopSequences"];
  if (stops !== undefined && !(Array.isArray(stops) && stops.length <= 5 && stops.every((stop) => typeof stop === "string"))) {
    problems.push("generationConfig.stopSequences must be at most 5 strings");
  }
  if (config["responseSchema"] !== undefined) checkGeminiSchema(problems, config["responseSchema"], "generationConfig.responseSchema");
}

function checkSystemInstruction(problems: string[], value: unknown): void {
  if (value === undefined) return;
  if (!isRecord(value)) {
    problems.push("systemInstruction must be a Content object");
    return;
  }
  const instruction = readObject(problems, value, contentKeys, "systemInstruction");
  const parts = instruction["parts"];
  if (!Array.isArray(parts) || parts.length === 0) problems.push("systemInstruction.parts must not be empty");
  else
    parts.forEach((part, index) => {
      if (!isRecord(part) || typeof part["text"] !== "string") problems.push(`systemInstruction.parts[${index}] must be a text part`);
    });
}

export function validateGeminiRequest(body: unknown, headers: RequestHeaders, options: GeminiValidationOptions = {}): string[] {
  const problems: string[] = [];
  const key = readHeader(headers, "x-goog-api-key") ?? options.query?.["key"];
  if (!isNonEmptyString(key) && readBearerToken(headers) === undefined) {
    problems.push("Method doesn't allow unregistered callers: pass the key as x-goog-api-key or ?key=");
  }
  if (!isRecord(body)) return [...problems, "the body must be a JSON object"];
  const request = readObject(problems, body, topKeys, "GenerateContentRequest");
  checkContents(problems, request["contents"]);
  checkSystemInstruction(problems, request["systemInstruction"]);
  checkTools(problems, request);
  checkToolConfig(problems, request["toolConfig"]);
  checkGenerationConfig(problems, request["generationConfig"]);
  return problems;
}
