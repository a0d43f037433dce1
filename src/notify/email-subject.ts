import type { StoredReport } from '../pipeline/stored-report.js';
import { dayLabel } from '../report/rule-labels.js';
import { headerText } from './email-address.js';

/** What the subject starts with unless the configuration says otherwise. */
export const DEFAULT_SUBJECT_PREFIX = 'stale-sg';

/**
 * The subject, with the counts that decide whether to open the email:
 * `stale-sg: 4 stale, 2 risky, 3 redundant rules in 2026-11-23..2026-11-30`.
 * A header value must be one line, so the prefix and the window go through
 * `headerText`: a line break there would start a header of its own.
 */
export function emailSubject(report: StoredReport, prefix = DEFAULT_SUBJECT_PREFIX): string {
  const { stale, risky, redundant } = report.findings;
  const counts = `${stale.length} stale, ${risky.length} risky, ${redundant.length} redundant rules`;
  return headerText(`${prefix}: ${counts} ${windowDays(report.window)}`);
}

function windowDays(window: StoredReport['window']): string {
  if (window.from === null && window.to === null) return '(no flow log records)';
  return `in ${dayOf(window.from)}..${dayOf(window.to)}`;
}

function dayOf(iso: string | null): string {
  return iso === null ? 'unknown' : dayLabel(iso);
}
