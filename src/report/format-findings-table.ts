import type { Findings } from '../findings/findings.js';
import { BOLD, RED, STATUS_COLOR, paint } from './ansi-style.js';
import type { CellTone, FindingCell, FindingColumn, FindingSection } from './finding-section.js';
import { findingSections } from './finding-sections.js';
import type { RuleReport } from './report.js';
import { stripControl } from './sanitize.js';
import {
  ELLIPSIS,
  GAP,
  fitWidths,
  length,
  naturalWidths,
  pad,
  shortGroupLabel,
  truncate,
} from './table-layout.js';

export interface FindingsTableOptions {
  /** ANSI colours for titles, statuses and missed periodic uses; none at all without it. */
  readonly color: boolean;
  /** The line width; every line is cut to it. */
  readonly width: number;
}

const TONE_COLOR: Readonly<Record<CellTone, string>> = { ...STATUS_COLOR, overdue: RED };

/** A piece of a line, coloured with `code` when the caller wants colour. */
interface Segment {
  readonly text: string;
  readonly code?: string;
}

/**
 * The findings for a terminal, after the rules: a short table per kind that
 * has any (see `findingSections` for the order), under a title that says what
 * the finding means. Every cell is stripped of control characters; columns
 * shrink as the rules table's do, and a line still longer than `width` is cut
 * with an ellipsis, so that nothing wraps.
 */
export function formatFindingsTable(
  findings: Findings,
  rules: readonly RuleReport[],
  options: FindingsTableOptions,
): string {
  const sections = findingSections(findings, rules);
  if (sections.length === 0) return line([{ text: 'Findings: none.', code: BOLD }], options);

  const blocks = sections.map((section) => sectionBlock(section, options));
  return [line([{ text: 'Findings', code: BOLD }], options), ...blocks].join('\n\n');
}

function sectionBlock(section: FindingSection, options: FindingsTableOptions): string {
  const cells = section.rows.map((row) => row.map((cell) => stripControl(cell.text)));
  const columns = section.columns.map((column) => ({
    ...column,
    title: column.title.toUpperCase(),
  }));
  const widths = sectionWidths(columns, cells, options.width);

  const title = `${section.title} (${section.count}): ${section.note}`;
  const header = columns.map((column, index) => [
    { text: pad(column.title, widths[index] ?? 0, column.align) },
  ]);
  const rows = section.rows.map((row) =>
    row.map((cell, index) => {
      const column = columns[index] ?? { align: 'left' as const };
      return cellSegment(cell, widths[index] ?? 0, column.align);
    }),
  );

  return [
    line([{ text: stripControl(title), code: BOLD }], options),
    line(withGaps(header), options, BOLD),
    ...rows.map((row) => line(withGaps(row), options)),
  ].join('\n');
}

/**
 * Column widths in two rounds: first every column shrinks only to its soft
 * minimum, so that the evidence gives way before the group and the rule;
 * then, if the line is still too long, down to its hard minimum.
 */
function sectionWidths(
  columns: readonly FindingColumn[],
  cells: readonly (readonly string[])[],
  width: number,
): number[] {
  const soft = columns.map((column) => ({
    ...column,
    minWidth: column.softMinWidth ?? column.minWidth,
  }));
  const widths = fitWidths(soft, naturalWidths(columns, cells), width);
  return fitWidths(columns, widths, width);
}

/**
 * A cell cut to its column's width (a group keeps its id) and padded; the
 * padding lies outside the colour, so that trailing spaces can be trimmed.
 */
function cellSegment(cell: FindingCell, width: number, align: 'left' | 'right'): Segment[] {
  const text = stripControl(cell.text);
  const fitted =
    length(text) <= width
      ? text
      : truncate(cell.group ? shortGroupLabel(cell.group.name, cell.group.id, width) : text, width);

  const fill = { text: ' '.repeat(Math.max(0, width - length(fitted))) };
  const body = { text: fitted, code: cell.tone === undefined ? undefined : TONE_COLOR[cell.tone] };
  return align === 'right' ? [fill, body] : [body, fill];
}

function withGaps(cells: readonly (readonly Segment[])[]): Segment[] {
  return cells.flatMap((cell, index) => (index === 0 ? [...cell] : [{ text: GAP }, ...cell]));
}

/**
 * Segments as one line: trailing spaces trimmed, cut to the width with an
 * ellipsis, each coloured part reset where it ends. `lineCode` colours the
 * whole line (a header). Without colour the result holds no escape at all.
 */
function line(segments: readonly Segment[], options: FindingsTableOptions, lineCode?: string) {
  const trimmed = trimEnd(segments);
  const total = trimmed.reduce((sum, segment) => sum + length(segment.text), 0);
  const budget = total > options.width ? Math.max(0, options.width - 1) : total;

  let used = 0;
  const parts: string[] = [];
  for (const segment of trimmed) {
    const text = Array.from(segment.text)
      .slice(0, Math.max(0, budget - used))
      .join('');
    used += length(text);
    parts.push(colored(text, segment.code, options.color));
  }

  const text = parts.join('') + (total > options.width ? ELLIPSIS : '');
  return lineCode === undefined ? text : colored(text, lineCode, options.color);
}

function trimEnd(segments: readonly Segment[]): Segment[] {
  const result = [...segments];
  while (result.length > 0) {
    const last = result[result.length - 1] ?? { text: '' };
    const text = last.text.trimEnd();
    if (text !== '') {
      result[result.length - 1] = { ...last, text };
      break;
    }
    result.pop();
  }
  return result;
}

function colored(text: string, code: string | undefined, color: boolean): string {
  return code === undefined || text === '' ? text : paint(text, code, color);
}
