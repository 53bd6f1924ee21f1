/**
 * @module
 * How model names compare: case and surrounding space never matter, and versions may be written
 * with dots or dashes (`claude-sonnet-4.6` and `claude-sonnet-4-6` are the same name).
 */

export function normalizeModelName(name: string): string {
  return name.trim().toLowerCase();
}

/** The normalized name with dots and underscores read as dashes. */
export function loosenModelName(name: string): string {
  return normalizeModelName(name).replace(/[._]/g, "-");
}
