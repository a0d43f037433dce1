import type { Direction, Inventory } from '../inventory/inventory.js';
import type { RuleReport } from '../report/report.js';
import type { CadenceFinding } from './cadence-findings.js';
import type { UsageEvidence } from './evidence.js';
import type { NarrowingFinding } from './narrowing-findings.js';
import type { RedundantRuleFinding } from './redundant-findings.js';
import type { RejectedTrafficFinding } from './rejected-findings.js';
import type { RiskyRuleFinding } from './risky-findings.js';
import type { ShadowedRuleFinding } from './shadowed-findings.js';
import type {
  StaleRuleFinding,
  UnattachedGroupFinding,
  UnobservedRuleFinding,
} from './stale-findings.js';

/**
 * The findings: what people act on, each with the evidence that supports it,
 * so that nobody has to rerun the analysis to see why a rule is listed. They
 * become the `findings` field of the JSON report (schema version 1): plain
 * data, camelCase, null where a value is absent, never undefined.
 */

/** The kinds of finding; `Findings` has one array per kind. */
export type FindingKind =
  | 'stale'
  | 'unobserved'
  | 'unattached'
  | 'redundant'
  | 'shadowed'
  | 'narrowing'
  | 'risky'
  | 'cadence'
  | 'rejected';

/**
 * The rule a finding is about: its id finds it in the console and in the
 * report's `rules`, which has the rest of it.
 */
export interface FindingRule {
  readonly ruleId: string;
  readonly groupId: string;
  readonly groupName: string;
  readonly direction: Direction;
}

/** Every finding of one analysis, one array per kind, each in a stable order. */
export interface Findings {
  readonly stale: readonly StaleRuleFinding[];
  readonly unobserved: readonly UnobservedRuleFinding[];
  readonly unattached: readonly UnattachedGroupFinding[];
  readonly redundant: readonly RedundantRuleFinding[];
  readonly shadowed: readonly ShadowedRuleFinding[];
  readonly narrowing: readonly NarrowingFinding[];
  readonly risky: readonly RiskyRuleFinding[];
  readonly cadence: readonly CadenceFinding[];
  readonly rejected: readonly RejectedTrafficFinding[];
}

/** What findings are computed from: the inventory, the per-rule results and the evidence. */
export interface FindingsInput {
  readonly inventory: Inventory;
  readonly rules: readonly RuleReport[];
  readonly evidence: UsageEvidence;
  /** Unix seconds; null when no record bounds the window. */
  readonly windowEnd: number | null;
  readonly staleAfterDays: number;
}

export function findingRule(rule: RuleReport): FindingRule {
  return {
    ruleId: rule.ruleId,
    groupId: rule.groupId,
    groupName: rule.groupName,
    direction: rule.direction,
  };
}

/** Orders findings by group, then direction (ingress first), then rule id. */
export function byGroupAndRule(a: FindingRule, b: FindingRule): number {
  return (
    compareText(a.groupId, b.groupId) ||
    compareText(b.direction, a.direction) ||
    compareText(a.ruleId, b.ruleId)
  );
}

/** Code-point order, the same in every locale (unlike `localeCompare`). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A share of hits, 0 to 1, rounded to 4 decimals so that reports stay readable. */
export function shareOf(part: number, total: number): number {
  return total > 0 ? Math.round((part / total) * 10_000) / 10_000 : 0;
}
