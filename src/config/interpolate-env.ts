/**
 * @module
 * `${VAR}` and `${VAR:-default}` in config values, so secrets stay in the environment.
 * `$${` writes a literal `${`. The default applies when the variable is unset or empty, as in
 * a POSIX shell. Only values are interpolated, never keys, and a value found in the
 * environment is never repeated in an error message.
 */
import type { Document } from "yaml";
import type { PathIssue } from "./config-issue.ts";
import { formatField } from "./format-field.ts";
import { visitValueScalars } from "./yaml-tree.ts";

export type Environment = Readonly<Record<string, string | undefined>>;

export type InterpolationResult = { ok: true; value: string } | { ok: false; messages: string[] };

const reference = /\$\$\{|\$\{([^}]*)(\})?/g;
const body = /^([A-Za-z_][A-Za-z0-9_]*)(?::-(.*))?$/s;

/** Replaces every reference in `text`; reports every unset variable, not just the first. */
export function interpolateText(text: string, env: Environment): InterpolationResult {
  const messages: string[] = [];
  const value = text.replace(reference, (match: string, inner: string | undefined, closing: string | undefined) => {
    if (match === "$${") return "${";
    if (closing === undefined) {
      messages.push("unterminated \"${\": write ${NAME} or ${NAME:-default} (or $${ for a literal ${)");
      return match;
    }
    const parts = body.exec(inner ?? "");
    if (parts?.[1] === undefined) {
      messages.push(`invalid variable reference "\${${inner ?? ""}}": expected \${NAME} or \${NAME:-default}`);
      return match;
    }
    const name = parts[1];
    const fallback = parts[2];
    const found = env[name];
    if (fallback !== undefined) return found === undefined || found === "" ? fallback : found;
    if (found === undefined) {
      messages.push(`environment variable ${name} is not set (export it, or write \${${name}:-default})`);
      return match;
    }
    return found;
  });
  return messages.length === 0 ? { ok: true, value } : { ok: false, messages };
}

export interface DocumentInterpolation {
  issues: PathIssue[];
  /** Fields (as `formatField` names them) whose value came from the environment. */
  interpolatedFields: Set<string>;
}

/** Interpolates every string value of `document` in place. */
export function interpolateDocument(document: Document, env: Environment): DocumentInterpolation {
  const issues: PathIssue[] = [];
  const interpolatedFields = new Set<string>();
  visitValueScalars(document.contents, (scalar, path) => {
    if (typeof scalar.value !== "string" || !scalar.value.includes("${")) return;
    const result = interpolateText(scalar.value, env);
    if (!result.ok) {
      for (const message of result.messages) issues.push({ path, message });
      return;
    }
    scalar.value = result.value;
    interpolatedFields.add(formatField(path));
  });
  return { issues, interpolatedFields };
}
