/**
 * @module
 * How Gemini keeps what canonical data cannot hold. Under the `gemini` extras namespace:
 *
 * - ordinary keys are wire fields, stored in the shape of the wire object they came from
 *   (`{ fileData: { mimeType } }`, `{ generationConfig: { candidateCount } }`); the encoder
 *   deep-merges them back over what it builds;
 * - keys starting with `$` are decoding hints, never sent: they say how the wire looked where
 *   canonical data has one form for several wire forms (an absent tool-call id, a tool layout,
 *   a schema written in OpenAPI form...). The list is `GeminiHints`.
 */
import type { Extras } from "../../core/types/message.ts";
import type { Warning } from "../../core/types/response.ts";
import { foreignExtras } from "../internal/extras.ts";
import { isRecord } from "../internal/json.ts";

export const dialectId = "gemini";

/** Decoding hints, by where they sit. */
export interface GeminiHints {
  /** tool-call / tool-result part: the wire had no `id` (llmux synthesised one). */
  $idSynthesized?: true;
  /** tool-call part: the wire had no `args`. */
  $noArgs?: true;
  /** tool-result part: `{content: text}` whose text is itself a JSON object. */
  $contentWrapped?: true;
  /** message: it was its own wire content although the previous one had the same role. */
  $ownContent?: true;
  /** message: the wire content had no `role`. */
  $noRole?: true;
  /** message / response: wire parts with no canonical form, put back at their index. */
  $unknownParts?: Array<{ index: number; part: Record<string, unknown> }>;
  /** tool: the schema came as `parametersJsonSchema` (full JSON Schema). */
  $schemaField?: "parametersJsonSchema";
  /** tool: the wire `parameters`, when sanitising the canonical schema would not give it back. */
  $wireParameters?: Record<string, unknown>;
  /** request: the wire `responseSchema` (OpenAPI form) the canonical JSON Schema came from. */
  $wireResponseSchema?: Record<string, unknown>;
  /** request: the response schema had no `title` (the canonical name is the default one). */
  $untitledSchema?: true;
  /** request: how declarations and other tools were grouped in `tools[]`. */
  $tools?: Array<{ declarations: number; rest: Record<string, unknown> }>;
  /** response: the wire had no `candidates` (a blocked prompt). */
  $noCandidates?: true;
  /** response: the wire candidate's `content` when it had no parts. */
  $emptyContent?: Record<string, unknown>;
}

export interface OwnExtras {
  fields: Record<string, unknown>;
  hints: GeminiHints;
}

/** Splits this dialect's extras into wire fields and hints. */
export function readExtras(extras: Extras | undefined): OwnExtras {
  const own = extras?.[dialectId];
  const fields: Record<string, unknown> = {};
  const hints: Record<string, unknown> = {};
  if (own) {
    for (const [key, value] of Object.entries(own)) {
      if (key.startsWith("$")) hints[key] = value;
      else fields[key] = value;
    }
  }
  return { fields, hints: hints as GeminiHints };
}

/** Builds extras from wire fields and hints; undefined when both are empty. */
export function makeExtras(fields: Record<string, unknown> | undefined, hints: GeminiHints = {}): Extras | undefined {
  const merged: Record<string, unknown> = { ...fields };
  for (const [key, value] of Object.entries(hints)) if (value !== undefined) merged[key] = value;
  return Object.keys(merged).length === 0 ? undefined : { [dialectId]: merged };
}

/**
 * Deep-merges stored wire fields over a built wire object: records merge key by key,
 * arrays element by element (so `candidates[0]` extras land on the first candidate),
 * anything else is replaced by the stored value.
 */
export function mergeWire<T extends object>(base: T, patch: Record<string, unknown>): T {
  const result: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(patch)) result[key] = mergeValue(result[key], value);
  return result as T;
}

function mergeValue(base: unknown, patch: unknown): unknown {
  if (isRecord(base) && isRecord(patch)) return mergeWire(base, patch);
  if (Array.isArray(base) && Array.isArray(patch)) {
    const length = Math.max(base.length, patch.length);
    return Array.from({ length }, (_, index) => (index < patch.length ? mergeValue(base[index], patch[index]) : base[index]));
  }
  return patch;
}

/** One warning per place where another dialect's extras are dropped. */
export function warnForeignExtras(extras: Extras | undefined, path: string, warnings: Warning[]): void {
  for (const dialect of foreignExtras(dialectId, extras)) {
    const keys = Object.keys(extras?.[dialect] ?? {}).join(", ");
    warnings.push({ code: "dropped-extras", message: `${dialect} fields (${keys}) have no Gemini equivalent`, path });
  }
}
