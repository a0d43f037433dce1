import { BOLD, RESET, STATUS_COLOR } from './ansi-style.js';
import { formatFindingsTable } from './format-findings-table.js';
import type { Report, RuleReport } from './report.js';
import type { ReportWithFindings } from './report-with-findings.js';
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
import type { LayoutColumn } from './table-layout.js';
import {
  fitWidths,
  joinRow,
  length,
  naturalWidths,
  pad,
  shortGroupLabel,
  truncate,
} from './table-layout.js';

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

interface Column extends LayoutColumn {
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
  {
    title: 'GROUP',
    align: 'left',
    minWidth: 20,
    cell: groupLabel,
    shorten: (rule, width) => shortGroupLabel(rule.groupName, rule.groupId, width),
  },
  { title: 'DIR', align: 'left', cell: directionLabel },
  { title: 'PROTO', align: 'left', minWidth: 6, cell: (rule) => stripControl(rule.protocol) },
  { title: 'PORTS', align: 'left', minWidth: 9, cell: portsLabel },
  { title: 'PEER', align: 'left', minWidth: 20, cell: (rule) => stripControl(rule.peer.value) },
  { title: 'HITS', align: 'right', cell: (rule) => countLabel(rule.hits) },
  { title: 'EXCL', align: 'right', cell: (rule) => countLabel(rule.exclusiveHits) },
  { title: 'LAST SEEN', align: 'left', cell: (rule) => dayLabel(rule.lastSeen) },
];

/**
 * The report for a terminal: a one-line summary, one row per rule (the rules
 * that need a decision first), the findings when the report has them (see
 * `formatFindingsTable`), then the analysis's warnings. Columns are as wide
 * as their content; the group, peer, protocol and ports are cut with an
 * ellipsis so that a row fits `width` where the other columns leave room.
 *
 * Widths count code points: East Asian wide characters and emoji in group
 * names take two cells on most terminals, so such rows may come out longer.
 */
export function formatTable(report: ReportWithFindings, options: TableOptions): string {
  const blocks = [
    summaryLine(report),
    report.rules.length === 0
      ? 'No rules: the inventory has no security group rules.'
      : ruleTable(report.rules, options),
    ...findingsBlock(report, options),
    ...warningBlock(report.warnings),
  ];
  return `${blocks.join('\n\n')}\n`;
}

function ruleTable(unsorted: readonly RuleReport[], options: TableOptions): string {
  const rules = sortRules(unsorted);
  const cells = rules.map((rule) => COLUMNS.map((column) => column.cell(rule)));
  const widths = fitWidths(
    COLUMNS,
    naturalWidths(COLUMNS, cells),
    options.width ?? DEFAULT_TABLE_WIDTH,
  );

  const rows = rules.map((rule, index) => ruleRow(rule, cells[index] ?? [], widths, options.color));
  return [headerRow(widths, options.color), ...rows].join('\n');
}

/** Nothing for a report without findings (`analyze`), so that its table stays as it was. */
function findingsBlock(report: ReportWithFindings, options: TableOptions): string[] {
  if (report.findings === undefined) return [];
  return [
    formatFindingsTable(report.findings, report.rules, {
      color: options.color,
      width: options.width ?? DEFAULT_TABLE_WIDTH,
    }),
  ];
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

function headerRow(widths: readonly number[], color: boolean): string {
  const row = joinRow(
    COLUMNS.map((column, index) => pad(column.title, widths[index] ?? 0, column.align)),
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
    return pad(fitCell(rule, column, cells[index] ?? '', width), width, column.align);
  });

  // The status is padded before it is coloured, so escapes never count as width.
  if (color) padded[0] = `${STATUS_COLOR[rule.status]}${padded[0] ?? ''}${RESET}`;
  return joinRow(padded);
}

function fitCell(rule: RuleReport, column: Column, cell: string, width: number): string {
  if (length(cell) <= width) return cell;
  return truncate(column.shorten?.(rule, width) ?? cell, width);
}
