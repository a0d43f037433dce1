import type { ReportWithFindings } from './report-with-findings.js';

/**
 * Characters that `JSON.stringify` leaves raw but a terminal or editor may act
 * on: DEL, the C1 controls (U+009B is a one-character CSI) and the bidi
 * controls. Outside strings JSON has only ASCII punctuation, so every match is
 * inside a string, where a `\u` escape means the same character.
 */
const RAW_CONTROL = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * The JSON report, schema version 1 (`schema/report.schema.json`): the
 * contract for scripts, with `findings` and `daily` when the report has them.
 * Pretty printed with two spaces so that reports diff well, with a final
 * newline as text files have. Text is kept exactly as the account holds it,
 * hostile or not: control characters are escaped, never stripped, so
 * `cat report.json` is safe and `JSON.parse` gets the original.
 */
export function formatJson(report: ReportWithFindings): string {
  return `${JSON.stringify(report, null, 2).replace(RAW_CONTROL, escapeChar)}\n`;
}

function escapeChar(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}
