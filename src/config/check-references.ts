/**
 * @module
 * Rules that span fields, which a per-field schema cannot express. They read the raw parsed
 * value defensively, so they report alongside schema errors instead of waiting for a clean
 * schema pass (zod skips object refinements once a child has failed).
 */
import type { PathIssue } from "./config-issue.ts";
import { suggestName } from "./suggest-name.ts";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A value is quoted only when it was written in the file, not read from the environment. */
function quote(value: string, field: string, interpolated: ReadonlySet<string>): string {
  return interpolated.has(field) ? "(from the environment)" : JSON.stringify(value);
}

/** A mode name read from the environment is not quoted back, like every interpolated value. */
function checkMode(raw: Record<string, unknown>, interpolated: ReadonlySet<string>): PathIssue[] {
  const mode = raw["mode"];
  if (typeof mode !== "string" || mode.trim() === "") return [];
  const names = isRecord(raw["modes"]) ? Object.keys(raw["modes"]) : [];
  if (names.includes(mode)) return [];
  const suggestion = suggestName(mode, names);
  const known = names.length === 0 ? "no modes are defined" : `defined modes: ${names.join(", ")}`;
  const hint = suggestion === undefined ? "" : `; did you mean ${JSON.stringify(suggestion)}?`;
  const subject = interpolated.has("mode") ? "the mode set from the environment is not defined" : `no mode named ${JSON.stringify(mode)}`;
  return [{ path: ["mode"], message: `${subject} under "modes" (${known})${hint}` }];
}

function checkCustomProviders(raw: Record<string, unknown>): PathIssue[] {
  const providers = raw["providers"];
  if (!isRecord(providers)) return [];
  return Object.entries(providers).flatMap(([id, provider]): PathIssue[] => {
    if (!isRecord(provider) || provider["dialect"] === undefined || provider["baseUrl"] !== undefined) return [];
    return [{ path: ["providers", id, "baseUrl"], message: "required when \"dialect\" is set (a custom provider needs its URL)" }];
  });
}

function checkKeyIds(raw: Record<string, unknown>, interpolated: ReadonlySet<string>): PathIssue[] {
  const auth = raw["auth"];
  const keys = isRecord(auth) ? auth["keys"] : undefined;
  if (!Array.isArray(keys)) return [];
  const seen = new Set<string>();
  const issues: PathIssue[] = [];
  keys.forEach((entry: unknown, index) => {
    const id = isRecord(entry) ? entry["id"] : undefined;
    if (typeof id !== "string") return;
    const field = `auth.keys[${index}].id`;
    if (seen.has(id)) issues.push({ path: ["auth", "keys", index, "id"], message: `duplicate key id ${quote(id, field, interpolated)}: ids name keys in usage records and must be unique` });
    seen.add(id);
  });
  return issues;
}

/** Every cross-field problem in `raw` (the interpolated document, before the schema). */
export function checkReferences(raw: unknown, interpolatedFields: ReadonlySet<string>): PathIssue[] {
  if (!isRecord(raw)) return [];
  return [...checkMode(raw, interpolatedFields), ...checkCustomProviders(raw), ...checkKeyIds(raw, interpolatedFields)];
}
