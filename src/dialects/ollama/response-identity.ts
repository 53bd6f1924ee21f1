/**
 * @module
 * Ollama answers carry no id and an RFC 3339 `created_at` (nanoseconds, often a local
 * offset). Ids are derived from `created_at`, so the same answer always gets the same id.
 */
import { randomUUID } from "node:crypto";

export function synthesizeResponseId(createdAt: string | undefined): string {
  if (createdAt === undefined || createdAt === "") return `ollama-${randomUUID()}`;
  return `ollama-${createdAt.replace(/[^0-9A-Za-z]/g, "")}`;
}

/** Unix seconds of a `created_at`; undefined when it is not a date. */
export function createdSeconds(createdAt: string | undefined): number | undefined {
  if (createdAt === undefined) return undefined;
  const ms = Date.parse(createdAt);
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}

/** A `created_at` for canonical seconds, or for now. */
export function formatCreatedAt(seconds: number | undefined): string {
  return new Date(seconds === undefined ? Date.now() : seconds * 1000).toISOString();
}
