import { printable } from "../text/printable.js";

/** A column of a {@link renderTable} table. */
interface Column {
  /** The header, printed in capitals. */
  readonly title: string;
  /**
   * The narrowest this column may be squeezed to when the table is too wide; omit for a
   * column that is never squeezed.
   */
  readonly minWidth?: number;
  /** Squeezable columns give way in ascending order of this (default 0), then left to right. */
  readonly squeezeOrder?: number;
}

/** A cell: its text, and optionally a colour applied after padding (so widths stay right). */
export type Cell = string | { readonly text: string; readonly style: (text: string) => string };

const GAP = "  ";

/** A cell's text, escaped: cells hold package data (see `printable`). */
function textOf(cell: Cell): string {
  return printable(typeof cell === "string" ? cell : cell.text);
}

/**
 * Cuts `text` to `width` characters, marking the cut with an ellipsis. Never cuts between
 * the two halves of a surrogate pair, which would print a lone surrogate.
 */
export function truncate(text: string, width: number): string {
  if (text.length <= width) return text;
  const keep = width <= 1 ? width : width - 1;
  const code = text.charCodeAt(keep - 1);
  const end = code >= 0xd800 && code <= 0xdbff ? keep - 1 : keep;
  return width <= 1 ? text.slice(0, end) : `${text.slice(0, end)}…`;
}

/** The widest cell of each column (a loop: a spread of every row overflows the stack). */
function columnWidths(columns: readonly Column[], rows: readonly (readonly string[])[]): number[] {
  const widths = columns.map((column) => column.title.length);
  for (const row of rows) {
    for (let i = 0; i < widths.length; i++) {
      const length = row[i]?.length ?? 0;
      if (length > widths[i]!) widths[i] = length;
    }
  }
  return widths;
}

/**
 * Renders an aligned table that fits `maxWidth` columns (80 by default, a classic terminal):
 * when it would not fit, the squeezable columns are narrowed, in `squeezeOrder`, down to their
 * `minWidth`, and their cells truncated with `…`. The last column is not padded, so lines
 * carry no trailing spaces. Each line is prefixed by `indent`.
 *
 * @example
 * ```ts
 * renderTable([{ title: "hook" }, { title: "package", minWidth: 12 }], [["resize_hook", "acme"]]);
 * // "HOOK         PACKAGE\nresize_hook  acme\n"
 * ```
 */
export function renderTable(
  columns: readonly Column[],
  rows: readonly (readonly Cell[])[],
  options: {
    readonly maxWidth?: number;
    readonly indent?: string;
    readonly header?: (text: string) => string;
  } = {},
): string {
  const maxWidth = options.maxWidth ?? 80;
  const indent = options.indent ?? "";
  const header = options.header ?? ((text: string) => text);
  const texts = rows.map((row) => row.map(textOf));
  const widths = columnWidths(columns, texts);
  let excess =
    indent.length +
    widths.reduce((a, b) => a + b, 0) +
    GAP.length * (columns.length - 1) -
    maxWidth;
  const order = [...columns.keys()].sort(
    (a, b) => (columns[a]!.squeezeOrder ?? 0) - (columns[b]!.squeezeOrder ?? 0) || a - b,
  );
  for (const i of order) {
    const column = columns[i]!;
    if (excess <= 0) break;
    if (column.minWidth === undefined) continue;
    const width = widths[i]!;
    const give = Math.min(
      excess,
      Math.max(0, width - Math.max(column.minWidth, column.title.length)),
    );
    widths[i] = width - give;
    excess -= give;
  }
  const line = (
    cells: readonly Cell[],
    cellTexts: readonly string[],
    isHeader: boolean,
  ): string => {
    const parts = columns.map((_, i) => {
      const cell = cells[i] ?? "";
      const width = widths[i]!;
      const text = truncate(cellTexts[i] ?? "", width);
      const padded = i === columns.length - 1 ? text : text.padEnd(width);
      if (isHeader) return header(padded);
      // Style only the text, not the padding, so underlines and backgrounds stay tidy.
      return typeof cell === "string" ? padded : cell.style(text) + padded.slice(text.length);
    });
    return `${indent}${parts.join(GAP)}`.trimEnd();
  };
  const titles = columns.map((c) => c.title.toUpperCase());
  let text = `${line(titles, titles, true)}\n`;
  for (let i = 0; i < rows.length; i++) text += `${line(rows[i]!, texts[i]!, false)}\n`;
  return text;
}
