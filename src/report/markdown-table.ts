/** A column of a GFM table. */
export interface MarkdownColumn<T> {
  readonly title: string;
  readonly align: 'left' | 'right';
  /** The cell's text, escaped: every cell that holds account data goes through `escapeMarkdown`. */
  readonly cell: (row: T) => string;
}

/** A GFM table; cells come escaped from their column. */
export function markdownTable<T>(
  columns: readonly MarkdownColumn<T>[],
  rows: readonly T[],
): string {
  const header = tableRow(columns.map((column) => column.title));
  const delimiter = tableRow(columns.map((column) => (column.align === 'right' ? '---:' : '---')));
  const body = rows.map((row) => tableRow(columns.map((column) => column.cell(row))));
  return [header, delimiter, ...body].join('\n');
}

function tableRow(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}
