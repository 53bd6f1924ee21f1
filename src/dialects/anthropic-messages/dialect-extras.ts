/**
 * @module
 * This dialect's view of canonical `extras`: unknown wire fields go in under the
 * `anthropic-messages` namespace and come back out on encode; extras left by other dialects
 * cannot be expressed here and are reported as warnings.
 */
import type { Extras } from "../../core/types/message.ts";
import type { Warning } from "../../core/types/response.ts";
import { foreignExtras, ownExtras, toExtras, unknownFields } from "../internal/extras.ts";

export const anthropicDialectId = "anthropic-messages";

/** Canonical extras holding the fields of `record` not in `known` (undefined when none). */
export function readExtras(record: Record<string, unknown>, known: ReadonlySet<string>): Extras | undefined {
  return toExtras(anthropicDialectId, unknownFields(record, known));
}

/** The wire fields this dialect stored earlier, to spread back into a wire object. */
export function writeExtras(extras: Extras | undefined): Record<string, unknown> {
  return ownExtras(anthropicDialectId, extras);
}

/** Pushes a warning when other dialects left extras that this wire format cannot carry. */
export function reportForeignExtras(extras: Extras | undefined, path: string, warnings: Warning[]): void {
  const foreign = foreignExtras(anthropicDialectId, extras);
  if (foreign.length === 0) return;
  warnings.push({
    code: "dropped-extras",
    message: `Fields from ${foreign.join(", ")} have no Anthropic equivalent and were dropped.`,
    path,
  });
}

/** Adds `extras` to a canonical object only when there are some (keeps deep equality tidy). */
export function attachExtras<T extends { extras?: Extras }>(target: T, extras: Extras | undefined): T {
  if (extras !== undefined) target.extras = extras;
  return target;
}
