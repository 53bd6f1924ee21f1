/**
 * @module
 * YAML text → validated `LlmuxConfig`. Every problem is collected (YAML syntax, unset
 * variables, schema, cross-field rules) and thrown together as one `InvalidConfigError`,
 * each issue placed on its file line.
 */
import { LineCounter, parseDocument, type Document } from "yaml";
import { checkReferences } from "./check-references.ts";
import { collectWarnings } from "./collect-warnings.ts";
import { InvalidConfigError, sortConfigIssues, type ConfigIssue, type PathIssue } from "./config-issue.ts";
import { describeSchemaIssue } from "./describe-schema-issue.ts";
import { formatField, type FieldPath } from "./format-field.ts";
import { interpolateDocument, type Environment } from "./interpolate-env.ts";
import { configSchema, type LlmuxConfig } from "./schema.ts";
import { listKnownKeys } from "./schema-keys.ts";
import { locateLine } from "./yaml-tree.ts";

export interface ParsedConfig {
  config: LlmuxConfig;
  /** Valid but suspicious settings, placed like errors. */
  warnings: ConfigIssue[];
}

function readValueAt(value: unknown, path: FieldPath): unknown {
  let current = value;
  for (const segment of path) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

/** YAML's own messages carry a source excerpt after the first line; the line number says enough. */
function readYamlIssues(document: Document, file: string): { errors: ConfigIssue[]; warnings: ConfigIssue[] } {
  const toIssue = (error: { message: string; linePos?: readonly { line: number }[] }): ConfigIssue => ({
    file,
    line: error.linePos?.[0]?.line,
    field: undefined,
    message: `YAML: ${(error.message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+:?$/, "")}`,
  });
  return { errors: document.errors.map(toIssue), warnings: document.warnings.map(toIssue) };
}

/**
 * Parses and validates config text. `fileName` only labels messages; `env` resolves `${VAR}`.
 * Throws `InvalidConfigError` (a `ConfigError`) listing every issue.
 */
export function parseConfigText(text: string, fileName: string, env: Environment): ParsedConfig {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const yamlIssues = readYamlIssues(document, fileName);
  if (yamlIssues.errors.length > 0) throw new InvalidConfigError(yamlIssues.errors);

  const place = (issue: PathIssue): ConfigIssue => ({
    file: fileName,
    line: locateLine(document, lineCounter, issue.path),
    field: issue.path.length === 0 ? undefined : formatField(issue.path),
    message: issue.message,
  });

  const { issues: interpolationIssues, interpolatedFields } = interpolateDocument(document, env);
  const raw: unknown = document.toJS({ maxAliasCount: 100 }) ?? {};
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new InvalidConfigError([{ file: fileName, line: 1, field: undefined, message: "expected a mapping of sections (server:, providers:, ...) at the top level" }]);
  }

  const pathIssues: PathIssue[] = [...interpolationIssues, ...checkReferences(raw, interpolatedFields)];
  // A value whose variable is unset still holds its `${...}` text; schema noise about it would only distract.
  const unresolved = new Set(interpolationIssues.map((issue) => formatField(issue.path)));
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    const context = {
      valueAt: (path: FieldPath) => readValueAt(raw, path),
      knownKeysAt: (path: FieldPath) => listKnownKeys(configSchema, path),
      interpolatedFields,
    };
    for (const issue of result.error.issues) {
      for (const described of describeSchemaIssue(issue, context)) {
        if (!unresolved.has(formatField(described.path))) pathIssues.push(described);
      }
    }
  }
  if (pathIssues.length > 0 || !result.success) throw new InvalidConfigError(pathIssues.map(place));

  const warnings = [...yamlIssues.warnings, ...collectWarnings(result.data, interpolatedFields).map(place)];
  return { config: result.data, warnings: sortConfigIssues(warnings) };
}
