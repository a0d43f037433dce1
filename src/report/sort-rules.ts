import type { RuleReport, RuleStatus } from './report.js';
import { stripControl } from './sanitize.js';

/**
 * The order in which the table and Markdown reports list statuses: what needs
 * a decision first (stale rules can go), what is fine last.
 */
export const STATUS_ORDER: readonly RuleStatus[] = ['stale', 'unobserved', 'unattached', 'used'];

const statusRank: ReadonlyMap<RuleStatus, number> = new Map(
  STATUS_ORDER.map((status, index) => [status, index]),
);

/**
 * The rules in report order: by status (see `STATUS_ORDER`), then group name
 * as shown, without control characters (and id, as names repeat across VPCs),
 * ingress before egress, then rule id. Strings compare by code unit, not
 * locale, so the order is the same on every machine.
 * Returns a new array; the report is not changed.
 */
export function sortRules(rules: readonly RuleReport[]): RuleReport[] {
  return [...rules].sort(compareRules);
}

function compareRules(a: RuleReport, b: RuleReport): number {
  return (
    (statusRank.get(a.status) ?? 0) - (statusRank.get(b.status) ?? 0) ||
    compareText(stripControl(a.groupName), stripControl(b.groupName)) ||
    compareText(a.groupId, b.groupId) ||
    compareText(directionKey(a), directionKey(b)) ||
    compareText(a.ruleId, b.ruleId)
  );
}

function directionKey(rule: RuleReport): string {
  return rule.direction === 'ingress' ? '0' : '1';
}

function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
