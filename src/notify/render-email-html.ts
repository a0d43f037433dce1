import { countLabel } from '../report/rule-labels.js';
import { escapeHtml, htmlText } from './escape-html.js';
import type {
  FindingsDigest,
  NarrowingLine,
  OtherFindingLine,
  Shown,
  StaleRuleLine,
  SummaryLine,
} from './findings-digest.js';

/**
 * Inline styles only: mail clients drop `<style>` blocks and remote
 * stylesheets unevenly, and the email loads nothing from anywhere. No text
 * or page colour is set, so that the client's own light or dark theme
 * applies; the one coloured element, the risk badge, brings its own
 * background and foreground, readable on either. Borders are a mid grey that
 * shows on both.
 */
const FONT =
  "font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
const MONO = 'font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px';
const BORDER = '1px solid #8a8f98';
const TABLE = `border-collapse:collapse;margin:0 0 8px;border-top:${BORDER}`;
const CELL = `padding:4px 8px;border-bottom:${BORDER};text-align:left;vertical-align:top`;
const BADGE =
  'background-color:#b42318;color:#ffffff;padding:0 6px;border-radius:3px;font-size:11px;font-weight:700';
const H2 = 'font-size:16px;margin:24px 0 8px';
const NOTE = 'margin:0 0 8px;font-size:13px';

interface Column<T> {
  readonly title: string;
  readonly align?: 'right';
  /** Returns HTML: every piece of account text in it is already escaped. */
  readonly cell: (line: T, index: number) => string;
}

const SUMMARY_COLUMNS: readonly Column<SummaryLine>[] = [
  { title: '', cell: (line) => escapeHtml(line.label) },
  { title: 'Count', align: 'right', cell: (line) => countLabel(line.count) },
];

const STALE_COLUMNS: readonly Column<StaleRuleLine>[] = [
  { title: '#', align: 'right', cell: (_line, index) => String(index + 1) },
  { title: 'Group', cell: (line) => htmlText(line.group) },
  { title: 'Rule', cell: (line) => mono(line.ruleId) },
  { title: 'Allows', cell: (line) => htmlText(line.allows) },
  { title: 'Risk', cell: (line) => (line.risk === null ? '' : riskCell(line.risk)) },
  { title: 'Last seen', cell: (line) => htmlText(line.lastSeen) },
  { title: 'Description', cell: (line) => htmlText(line.description ?? '') },
];

const NARROWING_COLUMNS: readonly Column<NarrowingLine>[] = [
  { title: '#', align: 'right', cell: (_line, index) => String(index + 1) },
  { title: 'Group', cell: (line) => htmlText(line.group) },
  { title: 'Rule', cell: (line) => mono(line.ruleId) },
  { title: 'Allows', cell: (line) => htmlText(line.allows) },
  { title: 'Hits', align: 'right', cell: (line) => countLabel(line.hits) },
  { title: 'Narrow to', cell: (line) => htmlText(line.narrowTo) },
];

/**
 * The email's HTML body, a whole document. Every piece of account text goes
 * through `htmlText`; the markup around it is fixed, with no links and no
 * images, so a hostile name has neither a tag nor an attribute to escape into.
 */
export function renderEmailHtml(
  digest: FindingsDigest,
  title: string,
  attachments: readonly string[],
): string {
  const body = [
    `<h1 style="font-size:20px;margin:0 0 4px">Security group rule findings</h1>`,
    `<p style="${NOTE}">Window: ${htmlText(digest.window)}<br>Generated: ${htmlText(digest.generated)}</p>`,
    `<h2 style="${H2}">Summary</h2>`,
    table(SUMMARY_COLUMNS, digest.summary),
    ...staleSection(digest.stale),
    ...narrowingSection(digest.narrowing),
    `<h2 style="${H2}">Other findings</h2>`,
    otherList(digest.others),
    `<p style="${NOTE}">Attached: ${attachments.map(htmlText).join(', ')}.</p>`,
  ];
  return document(title, body.join('\n'));
}

function document(title: string, body: string): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    '<meta name="supported-color-schemes" content="light dark">',
    `<title>${htmlText(title)}</title>`,
    '</head>',
    `<body style="margin:0;padding:16px;${FONT};font-size:14px;line-height:1.5">`,
    body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function staleSection(stale: Shown<StaleRuleLine>): string[] {
  const heading = `<h2 style="${H2}">Stale rules, riskiest first</h2>`;
  if (stale.total === 0) return [heading, `<p style="${NOTE}">None.</p>`];
  return [
    heading,
    `<p style="${NOTE}">No hit in the stale-after period, though the logs cover their groups. ` +
      'Open to the internet on sensitive ports first, then the widest peers and port ranges.</p>',
    table(STALE_COLUMNS, stale.lines),
    ...moreNote(stale),
  ];
}

function narrowingSection(narrowing: Shown<NarrowingLine>): string[] {
  const heading = `<h2 style="${H2}">Narrowing suggestions</h2>`;
  if (narrowing.total === 0) return [heading, `<p style="${NOTE}">None.</p>`];
  return [
    heading,
    `<p style="${NOTE}">Used rules much wider than their traffic, with the ports or networks ` +
      'that allowed every hit and their share.</p>',
    table(NARROWING_COLUMNS, narrowing.lines),
    ...moreNote(narrowing),
  ];
}

function moreNote(shown: Shown<unknown>): string[] {
  const more = shown.total - shown.lines.length;
  if (more <= 0) return [];
  return [`<p style="${NOTE}">${countLabel(more)} more in the attached reports.</p>`];
}

function otherList(lines: readonly OtherFindingLine[]): string {
  const items = lines.map(
    (line) =>
      `<li><strong>${escapeHtml(line.kind)}</strong>: ${escapeHtml(line.count)}, ` +
      `${htmlText(line.note)}</li>`,
  );
  return `<ul style="margin:0 0 8px;padding-left:20px">\n${items.join('\n')}\n</ul>`;
}

function table<T>(columns: readonly Column<T>[], lines: readonly T[]): string {
  const head = columns.map(
    (column) => `<th style="${cellStyle(column)}">${escapeHtml(column.title)}</th>`,
  );
  const rows = lines.map((line, index) => {
    const cells = columns.map(
      (column) => `<td style="${cellStyle(column)}">${column.cell(line, index)}</td>`,
    );
    return `<tr>${cells.join('')}</tr>`;
  });
  return [
    `<table cellpadding="0" cellspacing="0" style="${TABLE}">`,
    `<thead><tr>${head.join('')}</tr></thead>`,
    `<tbody>\n${rows.join('\n')}\n</tbody>`,
    '</table>',
  ].join('\n');
}

function cellStyle(column: Pick<Column<never>, 'align'>): string {
  return column.align === 'right' ? `${CELL};text-align:right` : CELL;
}

function mono(text: string): string {
  return `<span style="${MONO}">${htmlText(text)}</span>`;
}

function riskCell(risk: string): string {
  return `<span style="${BADGE}">RISKY</span> ${htmlText(risk)}`;
}
