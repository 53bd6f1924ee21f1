/**
 * @module
 * Ollama `options` (Modelfile parameters) → canonical sampling fields. Options llmux does
 * not model (num_ctx, repeat_penalty, mirostat...) and values it cannot carry (num_predict
 * -1 for "unlimited") are returned, to ride in extras.
 */
import type { CanonicalRequest } from "../../core/types/request.ts";
import { checkNumber, checkStringArray, isAbsent } from "./check-field.ts";

type NumberField = "temperature" | "topP" | "topK" | "presencePenalty" | "frequencyPenalty";

const numberOptions: Record<string, NumberField> = {
  temperature: "temperature",
  top_p: "topP",
  top_k: "topK",
  presence_penalty: "presencePenalty",
  frequency_penalty: "frequencyPenalty",
};

/** Fills `request` from `options`; returns the options left over, or undefined. */
export function decodeOptions(options: Record<string, unknown>, request: CanonicalRequest): Record<string, unknown> | undefined {
  let rest: Record<string, unknown> | undefined;
  const keep = (key: string, value: unknown): void => {
    rest ??= {};
    rest[key] = value;
  };
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined) continue;
    const param = `options.${key}`;
    const field = numberOptions[key];
    if (isAbsent(value)) keep(key, value);
    else if (field !== undefined) request[field] = checkNumber(value, param);
    else if (key === "num_predict") {
      const limit = checkNumber(value, param);
      if (Number.isInteger(limit) && limit >= 0) request.maxOutputTokens = limit;
      else keep(key, value);
    } else if (key === "seed") {
      const seed = checkNumber(value, param);
      if (Number.isInteger(seed)) request.seed = seed;
      else keep(key, value);
    } else if (key === "stop") {
      const stop = checkStringArray(value, param);
      if (stop.length > 0) request.stopSequences = stop;
      else keep(key, value);
    } else keep(key, value);
  }
  return rest;
}
