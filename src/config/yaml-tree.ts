/**
 * @module
 * Walks a parsed YAML document by field path, so a schema issue (a path into the parsed
 * value) can name the line it came from.
 */
import { isMap, isScalar, isSeq, type Document, type LineCounter, type Node, type Scalar } from "yaml";
import type { FieldPath } from "./format-field.ts";

function lineOf(node: { range?: readonly number[] | null } | null | undefined, lineCounter: LineCounter): number | undefined {
  const start = node?.range?.[0];
  return start === undefined ? undefined : lineCounter.linePos(start).line;
}

/**
 * The line of the deepest node on `path` that exists: a map entry's key line, a list item's
 * own line. A missing field points at its parent, which is where it should be written.
 */
export function locateLine(document: Document, lineCounter: LineCounter, path: FieldPath): number | undefined {
  let node: unknown = document.contents;
  let line = lineOf(document.contents, lineCounter);
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (pair === undefined) break;
      line = lineOf(pair.key as Node, lineCounter) ?? line;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === "number") {
      const item: unknown = node.items[segment];
      if (item === undefined) break;
      line = lineOf(item as Node, lineCounter) ?? line;
      node = item;
    } else {
      break;
    }
  }
  return line;
}

export type ScalarVisitor = (scalar: Scalar, path: FieldPath) => void;

/** Calls `visit` for every scalar in value position (map keys are names, not values). */
export function visitValueScalars(node: unknown, visit: ScalarVisitor, path: FieldPath = []): void {
  if (isScalar(node)) {
    visit(node, path);
  } else if (isMap(node)) {
    for (const pair of node.items) {
      if (isScalar(pair.key)) visitValueScalars(pair.value, visit, [...path, String(pair.key.value)]);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => visitValueScalars(item, visit, [...path, index]));
  }
}
