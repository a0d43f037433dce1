import type { Report, RuleReport, RuleStatus, SkippedSource } from './report.js';
import {
  countLabel,
  dayLabel,
  directionLabel,
  groupLabel,
  instantLabel,
  portsLabel,
  windowLabel,
} from './rule-labels.js';
import { escapeMarkdown } from './sanitize.js';
import { STATUS_ORDER, sortRules } from './sort-rules.js';

interface MarkdownColumn<T> {
  readonly title: string;
  readonly align: 'left' | 'right';
  /** The cell's text, escaped: every cell that holds account data goes through `escapeMarkdown`. */
  readonly cell: (row: T) => string;
}

const RULE_COLUMNS: readonly MarkdownColumn<RuleReport>[] = [
  { title: 'Group', align: 'left', cell: (rule) => escapeMarkdown(groupLabel(rule)) },
  { title: 'Rule', align: 'left', cell: (rule) => escapeMarkdown(rule.ruleId) },
  { title: 'Dir', align: 'left', cell: directionLabel },
  { title: 'Protocol', align: 'left', cell: (rule) => escapeMarkdown(rule.protocol) },
  { title: 'Ports', align: 'left', cell: portsLabel },
  { title: 'Peer', align: 'left', cell: (rule) => escapeMarkdown(rule.peer.value) },
  { title: 'Description', align: 'left', cell: (rule) => escapeMarkdown(rule.description ?? '') },
  { title: 'Hits', align: 'right', cell: (rule) => countLabel(rule.hits) },
  { title: 'Exclusive', align: 'right', cell: (rule) => countLabel(rule.exclusiveHits) },
  { title: 'Last seen', align: 'left', cell: (rule) => escapeMarkdown(dayLabel(rule.lastSeen)) },
];

const SECTION_TITLE: Readonly<Record<RuleStatus, string>> = {
  stale: 'Stale rules',
  unobserved: 'Unobserved rules',
  unattached: "Unattached groups' rules",
  used: 'Used rules',
};

type SummaryRow = readonly [label: string, count: number];

const SUMMARY_COLUMNS: readonly MarkdownColumn<SummaryRow>[] = [
  { title: '', align: 'left', cell: ([label]) => label },
  { title: 'Count', align: 'right', cell: ([, count]) => countLabel(count) },
];

const SKIPPED_COLUMNS: readonly MarkdownColumn<SkippedSource>[] = [
  { title: 'File', align: 'left', cell: (skipped) => escapeMarkdown(skipped.path) },
  { title: 'Reason', align: 'left', cell: (skipped) => escapeMarkdown(skipped.reason) },
];

const WARNING_COLUMNS: readonly MarkdownColumn<string>[] = [
  { title: 'Warning', align: 'left', cell: escapeMarkdown },
];

/**
 * The report as GitHub-flavoured Markdown, for a pull request, an issue or a
 * wiki page: the window, a summary table, one table per status (the rules
 * that need a decision first), the skipped files and the warnings. All
 * account text is escaped, so that a hostile group name or description can
 * neither break a table nor render as HTML.
 */
export function formatMarkdown(report: Report): string {
  const blocks = [
    '# Security group rule usage',
    windowBlock(report),
    `## Summary\n\n${summaryTable(report)}`,
    ...ruleSections(report.rules),
    ...skippedSection(report),
    ...warningSection(report.warnings),
  ];
  return `${blocks.join('\n\n')}\n`;
}

function windowBlock(report: Report): string {
  return (
    `- Window: ${escapeMarkdown(windowLabel(report.window))}\n` +
    `- Generated: ${escapeMarkdown(instantLabel(report.generatedAt))}`
  );
}

function summaryTable(report: Report): string {
  const { summary } = report;
  const rows: SummaryRow[] = [
    ['Rules', summary.rules],
    ['Stale', summary.stale],
    ['Unobserved', summary.unobserved],
    ['Unattached', summary.unattached],
    ['Used', summary.used],
    ['Records', summary.records],
    ['Accepted records', summary.acceptedRecords],
    ['Rejected records', summary.rejectedRecords],
    ['Malformed records', summary.malformedRecords],
    ['Skipped files', report.sources.skipped.length],
  ];
  return markdownTable(SUMMARY_COLUMNS, rows);
}

/** One section per status that has rules, in `STATUS_ORDER`; "None." when no status has any. */
function ruleSections(rules: readonly RuleReport[]): string[] {
  const sorted = sortRules(rules);
  const sections = STATUS_ORDER.flatMap((status) => {
    const ofStatus = sorted.filter((rule) => rule.status === status);
    if (ofStatus.length === 0) return [];
    return [`## ${SECTION_TITLE[status]}\n\n${markdownTable(RULE_COLUMNS, ofStatus)}`];
  });
  return sections.length > 0 ? sections : ['## Rules\n\nNone.'];
}

function skippedSection(report: Report): string[] {
  const { skipped } = report.sources;
  if (skipped.length === 0) return [];
  return [`## Skipped files\n\n${markdownTable(SKIPPED_COLUMNS, skipped)}`];
}

/**
 * The warnings as a one-column table rather than a list: in a table cell a
 * warning that starts with `#` or `1.` stays text, and one escaping covers all.
 */
function warningSection(warnings: readonly string[]): string[] {
  if (warnings.length === 0) return [];
  return [`## Warnings\n\n${markdownTable(WARNING_COLUMNS, warnings)}`];
}

/** A GFM table; cells come escaped from their column. */
function markdownTable<T>(columns: readonly MarkdownColumn<T>[], rows: readonly T[]): string {
  const header = tableRow(columns.map((column) => column.title));
  const delimiter = tableRow(columns.map((column) => (column.align === 'right' ? '---:' : '---')));
  const body = rows.map((row) => tableRow(columns.map((column) => column.cell(row))));
  return [header, delimiter, ...body].join('\n');
}

function tableRow(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}
