/**
 * @module
 * Ollama tool calls (`{id?, function:{index?, name, arguments: object}}`) ↔ canonical
 * tool-call parts, shared by requests, responses and streams. Ids are synthesised when the
 * wire has none, and remembered as synthesised so a same-dialect round trip sends none back.
 */
import type { Extras, ToolCallPart } from "../../core/types/message.ts";
import type { Warning } from "../../core/types/response.ts";
import { ownExtras, unknownFields } from "../internal/extras.ts";
import { isRecord } from "../internal/json.ts";
import { parseToolArguments, stringifyToolArguments } from "../internal/tool-arguments.ts";
import { checkRecord, checkString, isAbsent } from "./check-field.ts";
import { warnForeignExtras } from "./warn-foreign-extras.ts";
import type { OllamaToolCall } from "./wire-types.ts";

/** What a tool-call part keeps under `extras.ollama`. */
interface ToolCallExtras {
  /** Unknown fields of the call object (some clients add `type: "function"`). */
  fields?: Record<string, unknown>;
  /** Unknown fields of `function`, `index` included. */
  functionFields?: Record<string, unknown>;
  /** The wire call had no id: llmux made one up and must not send it back. */
  idSynthesized?: boolean;
}

const knownCallFields: ReadonlySet<string> = new Set(["id", "function"]);
const knownFunctionFields: ReadonlySet<string> = new Set(["name", "arguments"]);

export interface ToolCallDecodeOptions {
  /** Dotted path of the call, for errors. */
  param: string;
  /** The id to use when the wire call has none. */
  fallbackId: string;
}

/** Reads one wire tool call; throws InvalidRequestError naming the field when malformed. */
export function decodeToolCall(value: unknown, options: ToolCallDecodeOptions): ToolCallPart {
  const call = checkRecord(value, options.param);
  const fn = checkRecord(call["function"], `${options.param}.function`);
  const name = checkString(fn["name"], `${options.param}.function.name`);
  const args = isAbsent(fn["arguments"]) ? {} : checkRecord(fn["arguments"], `${options.param}.function.arguments`);
  const hasId = typeof call["id"] === "string" && call["id"] !== "";
  const part: ToolCallPart = {
    type: "tool-call",
    id: hasId ? (call["id"] as string) : options.fallbackId,
    name,
    arguments: stringifyToolArguments(args),
  };
  const extras: ToolCallExtras = {};
  const fields = unknownFields(call, knownCallFields);
  const functionFields = unknownFields(fn, knownFunctionFields);
  if (fields) extras.fields = fields;
  if (functionFields) extras.functionFields = functionFields;
  if (!hasId) extras.idSynthesized = true;
  if (Object.keys(extras).length > 0) part.extras = { ollama: { ...extras } };
  return part;
}

function readToolCallExtras(extras: Extras | undefined): ToolCallExtras {
  const own = ownExtras("ollama", extras);
  const result: ToolCallExtras = {};
  if (isRecord(own["fields"])) result.fields = own["fields"];
  if (isRecord(own["functionFields"])) result.functionFields = own["functionFields"];
  if (own["idSynthesized"] === true) result.idSynthesized = true;
  return result;
}

export interface ToolCallEncodeInput {
  id: string;
  name: string;
  arguments: string;
  extras?: Extras;
}

/** Writes one canonical tool call; arguments that are not a JSON object become `{}` with a warning. */
export function encodeToolCall(part: ToolCallEncodeInput, warnings: Warning[], path: string): OllamaToolCall {
  const parsed = parseToolArguments(part.arguments);
  if (!parsed.ok) {
    warnings.push({
      code: "lossy-conversion",
      message: `Tool call ${part.id} arguments are not a JSON object, which Ollama requires; sent as ${JSON.stringify(parsed.value)}.`,
      path,
    });
  }
  warnForeignExtras(part.extras, warnings, path);
  const extras = readToolCallExtras(part.extras);
  const fn = { ...extras.functionFields, name: part.name, arguments: parsed.value };
  return extras.idSynthesized ? { ...extras.fields, function: fn } : { ...extras.fields, id: part.id, function: fn };
}
