import { formatFindingsMarkdown } from './format-findings-markdown.js';
import type { MarkdownColumn } from './markdown-table.js';
import { markdownTable } from './markdown-table.js';
import type { Report, RuleReport, RuleStatus, SkippedSource } from './report.js';
import type { ReportWithFindings } from './report-with-findings.js';
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
 * that need a decision first), the findings when the report has them (see
 * `formatFindingsMarkdown`), the skipped files and the warnings. All account
 * text is escaped, so that a hostile group name or description can neither
 * break a table nor render as HTML.
 */
export function formatMarkdown(report: ReportWithFindings): string {
  const blocks = [
    '# Security group rule usage',
    windowBlock(report),
    `## Summary\n\n${summaryTable(report)}`,
    ...ruleSections(report.rules),
    ...findingsSection(report),
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

/** Nothing for a report without findings (`analyze`), so that its Markdown stays as it was. */
function findingsSection(report: ReportWithFindings): string[] {
  if (report.findings === undefined) return [];
  return [formatFindingsMarkdown(report.findings, report.rules)];
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
