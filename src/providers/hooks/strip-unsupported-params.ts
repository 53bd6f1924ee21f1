/**
 * @module
 * Drops body fields a provider answers 400/422 for (the row's `unsupportedParams`), with a
 * warning each, so a request still succeeds where the field is optional. Paths are a
 * top-level field (`logit_bias`) or a field of every array item (`messages[].name`).
 */
import type { HookContext, ProviderHook } from "./hook.ts";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function warnDropped(context: HookContext, path: string): void {
  context.warnings.push({
    code: "unsupported-field",
    message: `${context.providerId} does not accept \`${path}\`; it was dropped.`,
    path,
  });
}

function dropItemField(body: Record<string, unknown>, arrayKey: string, field: string, context: HookContext): Record<string, unknown> {
  const items = body[arrayKey];
  if (!Array.isArray(items)) return body;
  let dropped = false;
  const cleaned = items.map((item: unknown) => {
    if (!isRecord(item) || !(field in item)) return item;
    dropped = true;
    const { [field]: _removed, ...rest } = item;
    return rest;
  });
  if (!dropped) return body;
  warnDropped(context, `${arrayKey}[].${field}`);
  return { ...body, [arrayKey]: cleaned };
}

export const stripUnsupportedParams: ProviderHook = {
  name: "strip-unsupported-params",
  body: function stripUnsupportedFields(body, context) {
    let result = body;
    for (const path of context.unsupportedParams) {
      const itemPath = /^([^[\]]+)\[\]\.([^[\]]+)$/.exec(path);
      if (itemPath) {
        result = dropItemField(result, itemPath[1] ?? "", itemPath[2] ?? "", context);
        continue;
      }
      if (!(path in result)) continue;
      const { [path]: _removed, ...rest } = result;
      result = rest;
      warnDropped(context, path);
    }
    return result;
  },
};
