/**
 * @module
 * How figures read in CLI output. Unknown stays visibly unknown (`-`), never 0.
 */

/** USD with enough digits for a single cheap call: `$0.000066`. */
export function formatUsd(value: number | undefined): string {
  if (value === undefined) return "-";
  if (value === 0) return "$0";
  return value < 0.01 ? `$${value.toFixed(6)}` : `$${value.toFixed(4)}`;
}

export function formatCount(value: number | undefined): string {
  return value === undefined ? "-" : value.toLocaleString("en-US");
}

/** Price per million tokens: `$2.50`. */
export function formatPrice(value: number | undefined): string {
  if (value === undefined) return "-";
  return `$${value < 0.1 && value > 0 ? value.toFixed(3) : value.toFixed(2)}`;
}

/** `1,047,576` → `1M`, `200000` → `200K`. */
export function formatTokenSize(value: number): string {
  if (value >= 1_000_000) return `${Number((value / 1_000_000).toFixed(1))}M`;
  if (value >= 1000) return `${Number((value / 1000).toFixed(0))}K`;
  return String(value);
}

/** The first line of an answer, shortened to `width` characters. */
export function formatFirstLine(text: string, width = 60): string {
  const line = text.trim().split("\n")[0] ?? "";
  return line.length > width ? `${line.slice(0, width - 1)}…` : line;
}
