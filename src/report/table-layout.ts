import { stripControl } from './sanitize.js';

/**
 * Column widths for the terminal tables. Widths count code points: East Asian
 * wide characters and emoji take two cells on most terminals, so rows with
 * them may come out longer.
 */

export const GAP = '  ';
export const ELLIPSIS = '…';

/** What the layout needs to know about a column. */
export interface LayoutColumn {
  readonly title: string;
  readonly align: 'left' | 'right';
  /** How far the column may shrink; absent: never truncated. */
  readonly minWidth?: number;
}

/** Each column as wide as its title and its widest cell. */
export function naturalWidths(
  columns: readonly LayoutColumn[],
  cells: readonly (readonly string[])[],
): number[] {
  return columns.map((column, index) =>
    Math.max(length(column.title), ...cells.map((row) => length(row[index] ?? ''))),
  );
}

/**
 * Narrows the widest shrinkable column, one character at a time, until the row
 * fits or every shrinkable column is at its minimum. Taking from the widest
 * first keeps short columns whole and evens out the long ones.
 */
export function fitWidths(
  columns: readonly LayoutColumn[],
  natural: readonly number[],
  width: number,
): number[] {
  const widths = [...natural];
  const minimums = columns.map((column, index) =>
    column.minWidth === undefined
      ? (natural[index] ?? 0)
      : Math.max(column.minWidth, length(column.title)),
  );

  while (rowWidth(widths) > width) {
    const widest = widestShrinkable(widths, minimums);
    if (widest === undefined) break;
    widths[widest] = (widths[widest] ?? 0) - 1;
  }
  return widths;
}

function widestShrinkable(
  widths: readonly number[],
  minimums: readonly number[],
): number | undefined {
  let widest: number | undefined;
  widths.forEach((columnWidth, index) => {
    if (columnWidth <= (minimums[index] ?? columnWidth)) return;
    if (widest === undefined || columnWidth > (widths[widest] ?? 0)) widest = index;
  });
  return widest;
}

function rowWidth(widths: readonly number[]): number {
  return (
    widths.reduce((sum, columnWidth) => sum + columnWidth, 0) + GAP.length * (widths.length - 1)
  );
}

/**
 * A group's name cut so that its id stays whole (`long-na… (sg-0123)`): the
 * id is what a reader looks up. Only the id when there is no room for a name.
 */
export function shortGroupLabel(groupName: string, groupId: string, width: number): string {
  const id = stripControl(groupId);
  const name = stripControl(groupName).trim();
  const nameWidth = width - length(id) - ' ()'.length;
  if (name === '' || name === id || nameWidth < 4) return id;
  return `${truncate(name, nameWidth)} (${id})`;
}

export function joinRow(cells: readonly string[]): string {
  return cells.join(GAP).trimEnd();
}

export function pad(text: string, width: number, align: LayoutColumn['align']): string {
  const fill = ' '.repeat(Math.max(0, width - length(text)));
  return align === 'right' ? fill + text : text + fill;
}

/** Cuts text to `width` code points, the last one an ellipsis. */
export function truncate(text: string, width: number): string {
  const codePoints = Array.from(text);
  if (codePoints.length <= width) return text;
  return codePoints.slice(0, Math.max(0, width - 1)).join('') + ELLIPSIS;
}

export function length(text: string): number {
  return Array.from(text).length;
}
