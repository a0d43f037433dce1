import type { DailyRuleUsage } from '../findings/evidence.js';
import type { Findings } from '../findings/findings.js';
import type { Report } from './report.js';

/**
 * What the formatters take: a report, with the findings and daily history
 * when it comes from the store (`stale-sg run` and `report`). `analyze` has
 * neither, and its table and Markdown show only rules. The pipeline's
 * `StoredReport` fits this type; it is not imported from there, so that the
 * report stage does not depend on the pipeline that uses it.
 */
export type ReportWithFindings = Report & {
  readonly findings?: Findings;
  /** Hits per rule and UTC day; only the JSON carries them. */
  readonly daily?: readonly DailyRuleUsage[];
};
