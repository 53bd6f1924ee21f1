/**
 * @module
 * `--model M` or `--tier T`, exactly one: what `chat`, `vision` and `plan` route to.
 */
import { UsageError } from "./usage-error.ts";

export type RouteTarget = { model: string } | { tier: string };

export function readRouteTarget(values: { model?: string | undefined; tier?: string | undefined }): RouteTarget {
  if (values.model !== undefined && values.tier !== undefined) throw new UsageError("Give --model or --tier, not both.");
  if (values.model !== undefined && values.model !== "") return { model: values.model };
  if (values.tier !== undefined && values.tier !== "") return { tier: values.tier };
  throw new UsageError("Say what to route to: --model M (e.g. gpt-4.1) or --tier T (fast, strong, auto...).");
}
