import type { Report, RuleReport } from './report.js';
import { csvText } from './sanitize.js';

type CellValue = string | number | boolean | null;

interface CsvColumn {
  readonly header: string;
  /**
   * Text cells are user-controlled or may become so; they are sanitised and
   * neutralised. Literals (numbers, booleans) are written as they are: a spreadsheet
   * never evaluates them, and a leading quote would turn them into text.
   */
  readonly kind: 'text' | 'literal';
  readonly value: (rule: RuleReport) => CellValue;
}

/** Every field of a rule, in the JSON report's order, snake_case as CSV tools like it. */
const COLUMNS: readonly CsvColumn[] = [
  { header: 'rule_id', kind: 'text', value: (rule) => rule.ruleId },
  { header: 'group_id', kind: 'text', value: (rule) => rule.groupId },
  { header: 'group_name', kind: 'text', value: (rule) => rule.groupName },
  { header: 'vpc_id', kind: 'text', value: (rule) => rule.vpcId },
  { header: 'direction', kind: 'text', value: (rule) => rule.direction },
  { header: 'protocol', kind: 'text', value: (rule) => rule.protocol },
  { header: 'from_port', kind: 'literal', value: (rule) => rule.fromPort },
  { header: 'to_port', kind: 'literal', value: (rule) => rule.toPort },
  { header: 'icmp_type', kind: 'literal', value: (rule) => rule.icmpType },
  { header: 'icmp_code', kind: 'literal', value: (rule) => rule.icmpCode },
  { header: 'peer_kind', kind: 'text', value: (rule) => rule.peer.kind },
  { header: 'peer_value', kind: 'text', value: (rule) => rule.peer.value },
  { header: 'description', kind: 'text', value: (rule) => rule.description },
  { header: 'derived', kind: 'literal', value: (rule) => rule.derived },
  { header: 'status', kind: 'text', value: (rule) => rule.status },
  { header: 'hits', kind: 'literal', value: (rule) => rule.hits },
  { header: 'exclusive_hits', kind: 'literal', value: (rule) => rule.exclusiveHits },
  { header: 'packets', kind: 'literal', value: (rule) => rule.packets },
  { header: 'bytes', kind: 'literal', value: (rule) => rule.bytes },
  { header: 'first_seen', kind: 'text', value: (rule) => rule.firstSeen },
  { header: 'last_seen', kind: 'text', value: (rule) => rule.lastSeen },
];

/** RFC 4180, section 2: records end with CRLF. */
const CRLF = '\r\n';

/**
 * The rules as CSV (RFC 4180) for spreadsheets and scripts: a header row, then
 * one row per rule in the report's order, with every field of the rule (the
 * peer as `peer_kind` and `peer_value`), null as an empty cell.
 *
 * A cell that a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, tab,
 * CR first) gets a leading `'`: a hostile rule description must not run when
 * someone opens the file. Other control characters are removed; line breaks
 * stay, quoted. The summary and groups are not here; they are in the JSON.
 *
 * Only rules, also for a report from the store: its findings have a shape of
 * their own per kind, with lists inside, which one flat sheet cannot hold
 * without inventing a format. They are in the JSON, the table and the
 * Markdown.
 */
export function formatCsv(report: Report): string {
  const header = COLUMNS.map((column) => quoteField(column.header));
  const rows = report.rules.map((rule) => COLUMNS.map((column) => formatCell(column, rule)));
  return [header, ...rows].map((row) => row.join(',') + CRLF).join('');
}

function formatCell(column: CsvColumn, rule: RuleReport): string {
  const value = column.value(rule);
  if (value === null) return '';
  if (column.kind === 'literal') return String(value);
  return quoteField(csvText(String(value)));
}

/** Quotes a field when it holds a comma, quote, CR or LF, doubling its quotes (RFC 4180, 2.6-2.7). */
function quoteField(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}
