/**
 * @module
 * Aligned plain-text tables for terminal output: two spaces between columns, no borders,
 * so the output stays readable when piped and easy to grep.
 */

export type ColumnAlign = "left" | "right";

export interface TableColumn {
  header: string;
  /** @default "left" */
  align?: ColumnAlign;
}

export function formatTable(columns: readonly TableColumn[], rows: readonly (readonly string[])[]): string {
  const widths = columns.map((column, index) => Math.max(column.header.length, ...rows.map((row) => (row[index] ?? "").length)));
  const render = (cells: readonly string[]): string =>
    columns
      .map((column, index) => {
        const cell = cells[index] ?? "";
        const width = widths[index] ?? 0;
        return column.align === "right" ? cell.padStart(width) : cell.padEnd(width);
      })
      .join("  ")
      .trimEnd();
  return [render(columns.map((column) => column.header)), ...rows.map(render)].join("\n");
}
