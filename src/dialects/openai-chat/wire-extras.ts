/**
 * @module
 * How this dialect uses its `extras` namespace. Wire fields the canonical model has no place
 * for are stored verbatim, mirroring the wire object (an image part keeps
 * `{ image_url: { detail } }`), and spread back on encode. Facts about the wire *shape*
 * (which of two equivalent spellings was used) are markers whose keys start with `$`: wire
 * field names never do, so the two never collide and markers never reach the wire.
 */
import type { Extras } from "../../core/types/message.ts";
import type { Warning } from "../../core/types/response.ts";
import { foreignExtras } from "../internal/extras.ts";
import { isRecord } from "../internal/json.ts";

export const dialectId = "openai-chat";

/** Shape facts a decoder records so the encoder can restore the same wire. */
export interface Markers {
  [name: `$${string}`]: unknown;
}

/** A wire item the canonical model cannot hold, kept with its position in the wire array. */
export interface AsideItem {
  index: number;
  item: unknown;
}

function readOwnExtras(extras: Extras | undefined): Record<string, unknown> {
  return extras?.[dialectId] ?? {};
}

/** The verbatim wire fields stored in `extras` (markers left out). */
export function readWireFields(extras: Extras | undefined): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(readOwnExtras(extras))) {
    if (!key.startsWith("$")) fields[key] = value;
  }
  return fields;
}

/** A nested verbatim object stored under `key` (e.g. `function` of a tool call). */
export function readNestedFields(extras: Extras | undefined, key: string): Record<string, unknown> {
  const value = readOwnExtras(extras)[key];
  return isRecord(value) ? value : {};
}

export function readMarker(extras: Extras | undefined, name: `$${string}`): unknown {
  return readOwnExtras(extras)[name];
}

/** Items set aside under a marker, in ascending wire position. */
export function readAside(extras: Extras | undefined, name: `$${string}`): AsideItem[] {
  const value = readOwnExtras(extras)[name];
  if (!Array.isArray(value)) return [];
  return value.filter((entry): entry is AsideItem => isRecord(entry) && typeof entry["index"] === "number");
}

/** Puts set-aside items back at their wire positions. */
export function restoreAside<T>(items: T[], aside: AsideItem[]): Array<T | unknown> {
  const result: Array<T | unknown> = [...items];
  for (const entry of aside) result.splice(Math.min(entry.index, result.length), 0, entry.item);
  return result;
}

/** Builds this dialect's extras from verbatim fields and markers; undefined when both are empty. */
export function makeExtras(fields: Record<string, unknown> | undefined, markers: Markers = {}): Extras | undefined {
  const combined: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields ?? {})) {
    if (value !== undefined) combined[key] = value;
  }
  for (const [key, value] of Object.entries(markers)) {
    if (value !== undefined) combined[key] = value;
  }
  return Object.keys(combined).length === 0 ? undefined : { [dialectId]: combined };
}

/** Reports extras of other dialects at `path`: they cannot be sent on this wire. */
export function warnForeignExtras(extras: Extras | undefined, path: string, warnings: Warning[]): void {
  const others = foreignExtras(dialectId, extras);
  if (others.length === 0) return;
  warnings.push({
    code: "dropped-extras",
    message: `Vendor fields of ${others.join(", ")} have no place in openai-chat and were dropped.`,
    path,
  });
}

/** True when `extras` holds verbatim wire fields of this dialect (markers do not count). */
export function hasWireFields(extras: Extras | undefined): boolean {
  return Object.keys(readWireFields(extras)).length > 0;
}

/** Adds markers to existing extras, keeping what is there. */
export function addMarkers(extras: Extras | undefined, markers: Markers): Extras {
  return { ...extras, [dialectId]: { ...readOwnExtras(extras), ...markers } };
}

/**
 * A shallow copy without `keys`: the fields left over after decoding the known ones. Built by
 * copying rather than deleting: a delete turns the object into a slow dictionary.
 */
export function omitKeys(record: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const rest: Record<string, unknown> = {};
  for (const key of Object.keys(record)) if (!keys.includes(key)) rest[key] = record[key];
  return rest;
}
