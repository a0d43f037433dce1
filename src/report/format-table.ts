import type { Report, RuleReport, RuleStatus } from './report.js';
import {
  countLabel,
  dayLabel,
  directionLabel,
  groupLabel,
  portsLabel,
  windowLabel,
} from './rule-labels.js';
import { stripControl } from './sanitize.js';
import { sortRules } from './sort-rules.js';

export interface TableOptions {
  /**
   * ANSI colours for the status column. The caller decides (the CLI: only on a
   * terminal, and not with `NO_COLOR`); without it the text has no escapes at all.
   */
  readonly color: boolean;
  /** The line width to fit rows into, in characters; 120 by default. */
  readonly width?: number;
}

export const DEFAULT_TABLE_WIDTH = 120;

interface Column {
  readonly title: string;
  readonly align: 'left' | 'right';
  /** How far the column may shrink; absent: never truncated. */
  readonly minWidth?: number;
  readonly cell: (rule: RuleReport) => string;
  /** A shorter cell when the full one does not fit; an ellipsis at the end by default. */
  readonly shorten?: (rule: RuleReport, width: number) => string;
}

/**
 * Every cell is built from sanitised text: no column shows raw account data.
 * The minimum widths keep what identifies a rule whole where they can: a group
 * id, an IPv4 CIDR, a prefix list or group id as peer (20 characters at most).
 */
const COLUMNS: readonly Column[] = [
  { title: 'STATUS', align: 'left', cell: (rule) => rule.status },
  { title: 'GROUP', align: 'left', minWidth: 20, cell: groupLabel, shorten: shortGroupLabel },
  { title: 'DIR', align: 'left', cell: directionLabel },
  { title: 'PROTO', align: 'left', minWidth: 6, cell: (rule) => stripControl(rule.protocol) },
  { title: 'PORTS', align: 'left', minWidth: 9, cell: portsLabel },
  { title: 'PEER', align: 'left', minWidth: 20, cell: (rule) => stripControl(rule.peer.value) },
  { title: 'HITS', align: 'right', cell: (rule) => countLabel(rule.hits) },
  { title: 'EXCL', align: 'right', cell: (rule) => countLabel(rule.exclusiveHits) },
  { title: 'LAST SEEN', align: 'left', cell: (rule) => dayLabel(rule.lastSeen) },
];

const GAP = '  ';
const ELLIPSIS = '…';

/** SGR codes: stale needs action, unobserved needs logs, unattached is dormant. */
const STATUS_COLOR: Readonly<Record<RuleStatus, string>> = {
  stale: '\u001b[31m',
  unobserved: '\u001b[33m',
  unattached: '\u001b[35m',
  used: '\u001b[32m',
};
const BOLD = '\u001b[1m';
const RESET = '\u001b[0m';

/**
 * The report for a terminal: a one-line summary, one row per rule (the rules
 * that need a decision first), then the analysis's warnings. Columns are as
 * wide as their content; the group, peer, protocol and ports are cut with an
 * ellipsis so that a row fits `width` where the other columns leave room.
 *
 * Widths count code points: East Asian wide characters and emoji in group
 * names take two cells on most terminals, so such rows may come out longer.
 */
export function formatTable(report: Report, options: TableOptions): string {
  const blocks = [
    summaryLine(report),
    report.rules.length === 0
      ? 'No rules: the inventory has no security group rules.'
      : ruleTable(report.rules, options),
    ...warningBlock(report.warnings),
  ];
  return `${blocks.join('\n\n')}\n`;
}

function ruleTable(unsorted: readonly RuleReport[], options: TableOptions): string {
  const rules = sortRules(unsorted);
  const cells = rules.map((rule) => COLUMNS.map((column) => column.cell(rule)));
  const widths = fitWidths(naturalWidths(cells), options.width ?? DEFAULT_TABLE_WIDTH);

  const rows = rules.map((rule, index) => ruleRow(rule, cells[index] ?? [], widths, options.color));
  return [headerRow(widths, options.color), ...rows].join('\n');
}

/** The analysis's warnings, one per line, sanitised like every other account text. */
function warningBlock(warnings: readonly string[]): string[] {
  if (warnings.length === 0) return [];
  return [warnings.map((warning) => `Warning: ${stripControl(warning)}`).join('\n')];
}

/** The window and the counts, on one line. */
function summaryLine(report: Report): string {
  const { summary } = report;
  const parts = [
    `Window: ${windowLabel(report.window)}`,
    `Rules: ${countLabel(summary.used)} used, ${countLabel(summary.stale)} stale, ` +
      `${countLabel(summary.unobserved)} unobserved, ${countLabel(summary.unattached)} unattached`,
    `Records: ${countLabel(summary.acceptedRecords)} accepted, ` +
      `${countLabel(summary.rejectedRecords)} rejected, ${countLabel(summary.malformedRecords)} malformed`,
  ];

  const skipped = report.sources.skipped.length;
  if (skipped > 0) parts.push(`${counted(skipped, 'file')} skipped`);
  if (report.warnings.length > 0) parts.push(counted(report.warnings.length, 'warning'));
  return parts.join(' · ');
}

function counted(count: number, noun: string): string {
  return `${countLabel(count)} ${noun}${count === 1 ? '' : 's'}`;
}

function naturalWidths(cells: readonly (readonly string[])[]): number[] {
  return COLUMNS.map((column, index) =>
    Math.max(length(column.title), ...cells.map((row) => length(row[index] ?? ''))),
  );
}

/**
 * Narrows the widest shrinkable column, one character at a time, until the row
 * fits or every shrinkable column is at its minimum. Taking from the widest
 * first keeps short columns whole and evens out the long ones.
 */
function fitWidths(natural: readonly number[], width: number): number[] {
  const widths = [...natural];
  const minimums = COLUMNS.map((column, index) =>
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

function headerRow(widths: readonly number[], color: boolean): string {
  const row = joinRow(
    COLUMNS.map((column, index) => pad(column.title, widths[index] ?? 0, column)),
  );
  return color ? `${BOLD}${row}${RESET}` : row;
}

function ruleRow(
  rule: RuleReport,
  cells: readonly string[],
  widths: readonly number[],
  color: boolean,
): string {
  const padded = COLUMNS.map((column, index) => {
    const width = widths[index] ?? 0;
    return pad(fitCell(rule, column, cells[index] ?? '', width), width, column);
  });

  // The status is padded before it is coloured, so escapes never count as width.
  if (color) padded[0] = `${STATUS_COLOR[rule.status]}${padded[0] ?? ''}${RESET}`;
  return joinRow(padded);
}

function fitCell(rule: RuleReport, column: Column, cell: string, width: number): string {
  if (length(cell) <= width) return cell;
  return truncate(column.shorten?.(rule, width) ?? cell, width);
}

/**
 * The group's name cut so that its id stays whole (`long-na… (sg-0123)`): the
 * id is what a reader looks up. Only the id when there is no room for a name.
 */
function shortGroupLabel(rule: RuleReport, width: number): string {
  const id = stripControl(rule.groupId);
  const name = stripControl(rule.groupName).trim();
  const nameWidth = width - length(id) - ' ()'.length;
  if (name === '' || name === id || nameWidth < 4) return id;
  return `${truncate(name, nameWidth)} (${id})`;
}

function joinRow(cells: readonly string[]): string {
  return cells.join(GAP).trimEnd();
}

function pad(text: string, width: number, column: Column): string {
  const fill = ' '.repeat(Math.max(0, width - length(text)));
  return column.align === 'right' ? fill + text : text + fill;
}

/** Cuts text to `width` code points, the last one an ellipsis. */
function truncate(text: string, width: number): string {
  const codePoints = Array.from(text);
  if (codePoints.length <= width) return text;
  return codePoints.slice(0, Math.max(0, width - 1)).join('') + ELLIPSIS;
}

function length(text: string): number {
  return Array.from(text).length;
}
