/**
 * @module
 * A `UsageQuery` checked and reduced to what both stores filter on: ISO bounds and a limit.
 */
import { InvalidRequestError } from "../core/errors.ts";
import { toIsoBound } from "./resolve-period.ts";
import type { UsageQuery } from "./usage-store.ts";

export interface ResolvedUsageQuery {
  since: string | undefined;
  until: string | undefined;
  limit: number | undefined;
  model: string | undefined;
  provider: string | undefined;
  status: number | undefined;
}

export function readUsageQuery(filter: UsageQuery): ResolvedUsageQuery {
  const { limit } = filter;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) {
    throw new InvalidRequestError(`"limit" must be a non-negative integer, got ${limit}.`, { param: "limit" });
  }
  return {
    since: toIsoBound(filter.since, "since"),
    until: toIsoBound(filter.until, "until"),
    limit,
    model: filter.model,
    provider: filter.provider,
    status: filter.status,
  };
}
