import { describe, expect, it } from 'vitest';

import { StaleSgError } from '../../src/errors.js';
import { formatCsv } from '../../src/report/format-csv.js';
import { formatJson } from '../../src/report/format-json.js';
import { formatMarkdown } from '../../src/report/format-markdown.js';
import {
  REPORT_FORMATS,
  formatReport,
  isReportFormat,
  type ReportFormat,
} from '../../src/report/format-report.js';
import { formatTable } from '../../src/report/format-table.js';
import { fixtureReport } from './report-fixture.js';

const report = fixtureReport();

describe('formatReport', () => {
  it('offers the formats of analyze --format', () => {
    expect(REPORT_FORMATS).toEqual(['table', 'json', 'csv', 'markdown', 'html']);
  });

  it.each([
    ['table', formatTable(report, { color: false })],
    ['json', formatJson(report)],
    ['csv', formatCsv(report)],
    ['markdown', formatMarkdown(report)],
  ] as const)('writes %s with its formatter', (format: ReportFormat, expected) => {
    expect(formatReport(report, format)).toBe(expected);
  });

  it('passes colour and width to the table', () => {
    expect(formatReport(report, 'table', { color: true, width: 100 })).toBe(
      formatTable(report, { color: true, width: 100 }),
    );
  });

  it.each(['pdf', 'TABLE', '', 'toString'])('rejects the format %j', (format) => {
    expect(isReportFormat(format)).toBe(false);
    expect(() => formatReport(report, format as ReportFormat)).toThrow(StaleSgError);
    expect(() => formatReport(report, format as ReportFormat)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });
});
