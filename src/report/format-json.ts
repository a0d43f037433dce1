import { jsonText } from './json-text.js';
import type { ReportWithFindings } from './report-with-findings.js';

/**
 * The JSON report, schema version 1 (`schema/report.schema.json`): the
 * contract for scripts, with `findings` and `daily` when the report has them.
 * Pretty printed with two spaces so that reports diff well, with a final
 * newline as text files have. Text is kept exactly as the account holds it,
 * hostile or not: control characters are escaped, never stripped (see
 * `jsonText`), so `cat report.json` is safe and `JSON.parse` gets the original.
 */
export function formatJson(report: ReportWithFindings): string {
  return `${jsonText(report, 2)}\n`;
}
