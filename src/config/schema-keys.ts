/**
 * @module
 * What a schema allows at a path: the known keys of an object (for "did you mean" on an
 * unknown key) and the options of an enum. Walks zod's public wrapper classes only.
 */
import { z } from "zod";
import type { FieldPath } from "./format-field.ts";

/** The schemas a value at `path` may be checked against (several under a union). */
function resolveSchemas(schema: z.ZodType, path: FieldPath): z.ZodType[] {
  let current: z.ZodType[] = [schema];
  for (const segment of path) {
    current = current.flatMap(unwrap).flatMap((candidate) => stepInto(candidate, segment));
  }
  return current.flatMap(unwrap);
}

/** Strips optional/default/preprocess layers down to the schemas that hold structure. */
function unwrap(schema: z.ZodType): z.ZodType[] {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault || schema instanceof z.ZodPrefault || schema instanceof z.ZodNullable) {
    return unwrap(schema.unwrap() as z.ZodType);
  }
  if (schema instanceof z.ZodPipe) {
    return schema.in instanceof z.ZodTransform ? unwrap(schema.out as z.ZodType) : unwrap(schema.in as z.ZodType);
  }
  if (schema instanceof z.ZodUnion) return (schema.options as readonly z.ZodType[]).flatMap(unwrap);
  return [schema];
}

function stepInto(schema: z.ZodType, segment: string | number): z.ZodType[] {
  if (schema instanceof z.ZodObject) {
    const child = (schema.shape as Record<string, z.ZodType | undefined>)[String(segment)];
    return child === undefined ? [] : [child];
  }
  if (schema instanceof z.ZodRecord) return [schema.valueType as z.ZodType];
  if (schema instanceof z.ZodArray) return [schema.element as z.ZodType];
  return [];
}

/** Keys an object at `path` accepts: object fields, or an enum-keyed record's keys. */
export function listKnownKeys(schema: z.ZodType, path: FieldPath): string[] {
  const keys = new Set<string>();
  for (const candidate of resolveSchemas(schema, path)) {
    if (candidate instanceof z.ZodObject) for (const key of Object.keys(candidate.shape)) keys.add(key);
    if (candidate instanceof z.ZodRecord && candidate.keyType instanceof z.ZodEnum) {
      for (const option of candidate.keyType.options) keys.add(String(option));
    }
  }
  return [...keys];
}
