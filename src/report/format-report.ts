import { StaleSgError } from '../errors.js';
import { formatCsv } from './format-csv.js';
import { formatJson } from './format-json.js';
import { formatMarkdown } from './format-markdown.js';
import { formatHtml } from './html/format-html.js';
import { formatTable } from './format-table.js';
import type { ReportWithFindings } from './report-with-findings.js';

/** The formats `stale-sg analyze --format` accepts, in the order its help lists them. */
export const REPORT_FORMATS = ['table', 'json', 'csv', 'markdown', 'html'] as const;

export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface FormatReportOptions {
  /** ANSI colours, for `table` only; false by default. */
  readonly color?: boolean;
  /** The line width for `table`; 120 by default. */
  readonly width?: number;
}

type Formatter = (report: ReportWithFindings, options: FormatReportOptions) => string;

/** One formatter per format: a new format fails to compile until it has one here. */
const formatters: Readonly<Record<ReportFormat, Formatter>> = {
  table: (report, options) =>
    formatTable(report, { color: options.color ?? false, width: options.width }),
  json: formatJson,
  csv: formatCsv,
  markdown: formatMarkdown,
  html: formatHtml,
};

/** Whether a string (a command-line value, say) names a report format. */
export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}

/**
 * The report as text in the given format: one entry point for the CLI and the
 * Lambda handlers, so that both offer the same formats. A report from the
 * store carries findings, which `table`, `markdown` and `json` show and `csv`
 * leaves out; a report from `analyze` has none. Throws `StaleSgError`
 * (`INVALID_ARGUMENT`) for a format that does not exist, which only untyped
 * callers can pass.
 */
export function formatReport(
  report: ReportWithFindings,
  format: ReportFormat,
  options: FormatReportOptions = {},
): string {
  if (!isReportFormat(format)) {
    throw new StaleSgError(
      'INVALID_ARGUMENT',
      `Expected a report format (${REPORT_FORMATS.join(', ')}), found "${String(format)}"`,
    );
  }
  return formatters[format](report, options);
}
