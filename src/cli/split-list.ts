/**
 * @module
 * Comma-separated option values (`--models a,b,c`), trimmed, empties dropped.
 */
export function splitList(value: string | undefined): string[] {
  return (value ?? "").split(",").map((item) => item.trim()).filter((item) => item !== "");
}
