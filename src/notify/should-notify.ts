import type { FindingKind } from '../findings/findings.js';
import type { StoredReport } from '../pipeline/stored-report.js';

/** When to send: only when there is something to act on, or after every run. */
export type NotifyMode = 'on-findings' | 'always';

export const NOTIFY_MODES: readonly NotifyMode[] = ['on-findings', 'always'];

/** Whether a string (a flag or configuration value) names a notify mode. */
export function isNotifyMode(value: string): value is NotifyMode {
  return (NOTIFY_MODES as readonly string[]).includes(value);
}

/**
 * The kinds someone can act on: remove, narrow, or look at. Unobserved rules
 * (the logs cannot tell), cadence (a rhythm, not a problem) and rejected
 * traffic (what the groups already stop) alone are no reason for an email.
 */
const ACTIONABLE: readonly FindingKind[] = [
  'stale',
  'risky',
  'redundant',
  'shadowed',
  'narrowing',
  'unattached',
];

/**
 * Whether a run should send its email. `on-findings`, meant for a daily
 * schedule, keeps quiet days quiet, so that an email means work; `always`
 * also confirms that the job ran.
 */
export function shouldNotify(report: StoredReport, mode: NotifyMode): boolean {
  if (mode === 'always') return true;
  return ACTIONABLE.some((kind) => report.findings[kind].length > 0);
}
