import type { Findings } from '../findings/findings.js';
import type { FindingCell, FindingSection } from './finding-section.js';
import { findingSections } from './finding-sections.js';
import type { MarkdownColumn } from './markdown-table.js';
import { markdownTable } from './markdown-table.js';
import type { RuleReport } from './report.js';
import { escapeMarkdown } from './sanitize.js';

type Row = readonly FindingCell[];

/**
 * The findings as Markdown: a `## Findings` section with one `###` section
 * per kind that has any (see `findingSections` for the order), each a
 * sentence on what the finding means and a GFM table. Every cell goes
 * through `escapeMarkdown`, since group names, peers and ids come from the
 * account. "None." when there is no finding of any kind.
 */
export function formatFindingsMarkdown(findings: Findings, rules: readonly RuleReport[]): string {
  const sections = findingSections(findings, rules);
  if (sections.length === 0) return '## Findings\n\nNone.';
  return ['## Findings', ...sections.map(sectionBlock)].join('\n\n');
}

function sectionBlock(section: FindingSection): string {
  const columns: MarkdownColumn<Row>[] = section.columns.map((column, index) => ({
    title: column.title,
    align: column.align,
    cell: (row) => escapeMarkdown(row[index]?.text ?? ''),
  }));

  const sentence = `${section.count}: ${section.note}.`;
  return [
    `### ${section.title}`,
    escapeMarkdown(sentence.charAt(0).toUpperCase() + sentence.slice(1)),
    markdownTable(columns, section.rows),
  ].join('\n\n');
}
