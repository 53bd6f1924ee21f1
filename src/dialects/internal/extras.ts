/**
 * Unknown wire fields ride in the canonical `extras` bag under the dialect's namespace, so
 * a same-dialect round trip keeps them and a cross-dialect one can report them.
 */
import type { DialectId, Extras } from "../../core/types/message.ts";

/** The fields of `record` not in `known`, or undefined when there are none. */
export function unknownFields(record: Record<string, unknown>, known: ReadonlySet<string>): Record<string, unknown> | undefined {
  let extra: Record<string, unknown> | undefined;
  for (const [key, value] of Object.entries(record)) {
    if (known.has(key) || value === undefined) continue;
    extra ??= {};
    extra[key] = value;
  }
  return extra;
}

/** Wraps a dialect's extra fields as canonical extras (undefined stays undefined). */
export function toExtras(dialect: DialectId, fields: Record<string, unknown> | undefined): Extras | undefined {
  return fields === undefined ? undefined : { [dialect]: fields };
}

/** The extra fields a dialect stored earlier, to spread back into its wire object. */
export function ownExtras(dialect: DialectId, extras: Extras | undefined): Record<string, unknown> {
  return extras?.[dialect] ?? {};
}

/**
 * Dialects other than `dialect` that left vendor fields here: a loss to report when
 * translating. Keys starting with `$` are a dialect's own round-trip hints, not vendor
 * fields, so they are no loss.
 */
export function foreignExtras(dialect: DialectId, extras: Extras | undefined): DialectId[] {
  if (!extras) return [];
  return (Object.keys(extras) as DialectId[]).filter(
    (key) => key !== dialect && Object.keys(extras[key] ?? {}).some((field) => !field.startsWith("$")),
  );
}
