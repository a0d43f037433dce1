import type { StoredReport } from '../pipeline/stored-report.js';
import { formatCsv } from '../report/format-csv.js';
import { formatHtml } from '../report/html/format-html.js';
import { formatMarkdown } from '../report/format-markdown.js';
import { checkAddresses, headerText } from './email-address.js';
import { emailSubject } from './email-subject.js';
import { findingsDigest } from './findings-digest.js';
import { renderEmailHtml } from './render-email-html.js';
import { renderEmailText } from './render-email-text.js';

/** A report attached to the email. */
export interface EmailAttachment {
  /** `stale-sg-2026-11-29.csv`: the tool and the last day of the window. */
  readonly filename: string;
  /** With its charset: `text/csv; charset=utf-8`. */
  readonly contentType: string;
  readonly content: string;
}

/**
 * The findings email, ready for either transport: both build the same MIME
 * message from it (see `buildMimeMessage`).
 */
export interface FindingsEmail {
  readonly from: string;
  readonly to: readonly string[];
  /** One line, without controls. */
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly attachments: readonly EmailAttachment[];
}

export interface FindingsEmailOptions {
  /** `stale-sg@example.com` or `stale-sg <stale-sg@example.com>`. */
  readonly from: string;
  readonly to: readonly string[];
  /** `stale-sg` by default: `stale-sg: 4 stale, ...`. */
  readonly subjectPrefix?: string;
}

interface ReportAttachment {
  readonly extension: string;
  readonly contentType: string;
  readonly render: (report: StoredReport) => string;
}

/**
 * The reports the email carries, one line each. The CSV has every rule for a
 * spreadsheet; the Markdown has every rule and finding for a ticket or a
 * pull request; the HTML page (about 1 MB, its charting library inlined)
 * shows the heat maps and opens from the mail client without a network.
 */
const REPORT_ATTACHMENTS: readonly ReportAttachment[] = [
  { extension: 'csv', contentType: 'text/csv; charset=utf-8', render: formatCsv },
  { extension: 'md', contentType: 'text/markdown; charset=utf-8', render: formatMarkdown },
  { extension: 'html', contentType: 'text/html; charset=utf-8', render: formatHtml },
];

/**
 * The email for a report from the store: the counts in the subject, a
 * summary, the stale rules riskiest first (at most 20), the top 10 narrowing
 * suggestions and a count of every other kind of finding, as HTML and as
 * plain text with the same content, and the full reports attached, since an
 * email is read where the tool is not installed. Account text is escaped in
 * the HTML and stripped of controls in the text and the subject.
 *
 * Throws `StaleSgError` (`INVALID_ARGUMENT`) when the sender or a recipient
 * is not one plain address, or there is no recipient.
 */
export function composeFindingsEmail(
  report: StoredReport,
  options: FindingsEmailOptions,
): FindingsEmail {
  checkAddresses(options.from, options.to);

  const subject = emailSubject(report, options.subjectPrefix);
  const attachments = reportAttachments(report);
  const names = attachments.map((attachment) => attachment.filename);
  const digest = findingsDigest(report);

  return {
    from: options.from,
    to: [...options.to],
    subject,
    text: renderEmailText(digest, names),
    html: renderEmailHtml(digest, subject, names),
    attachments,
  };
}

function reportAttachments(report: StoredReport): EmailAttachment[] {
  const stem = `stale-sg-${reportDay(report)}`;
  return REPORT_ATTACHMENTS.map((attachment) => ({
    filename: `${stem}.${attachment.extension}`,
    contentType: attachment.contentType,
    content: attachment.render(report),
  }));
}

/** The last day of the window, or the day of the report when it has no window. */
function reportDay(report: StoredReport): string {
  const iso = report.window.to ?? report.generatedAt;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? headerText(iso) : date.toISOString().slice(0, 10);
}
