import type { RuleOverlap } from './evidence.js';
import type { FindingRule, FindingsInput } from './findings.js';
import { byGroupAndRule, compareText, findingRule } from './findings.js';

/** Another rule that allowed some of the same requests. */
export interface SharedTraffic {
  readonly ruleId: string;
  /** Requests both rules allowed. */
  readonly sharedHits: number;
}

/**
 * A used rule none of whose hits was its own: every request it allowed, some
 * other rule on the same interface allowed too. That describes the traffic
 * seen, not what is safe to delete: two rules that cover each other are both
 * redundant, and only one may go (see `planRemediation`).
 */
export interface RedundantRuleFinding extends FindingRule {
  readonly hits: number;
  /** The rules that allowed the same requests, most shared hits first. */
  readonly alsoAllowedBy: readonly SharedTraffic[];
}

/** Used rules with hits but no exclusive hits, with the rules that shared their traffic. */
export function redundantFindings(
  input: Pick<FindingsInput, 'rules' | 'evidence'>,
): RedundantRuleFinding[] {
  return input.rules
    .filter((rule) => rule.status === 'used' && rule.hits > 0 && rule.exclusiveHits === 0)
    .map((rule) => ({
      ...findingRule(rule),
      hits: rule.hits,
      alsoAllowedBy: sharedTraffic(rule.ruleId, input.evidence.overlaps),
    }))
    .sort(byGroupAndRule);
}

/** The other rules of the overlaps that include `ruleId`, with the hits shared with each. */
export function sharedTraffic(ruleId: string, overlaps: readonly RuleOverlap[]): SharedTraffic[] {
  const shared = new Map<string, number>();
  for (const overlap of overlaps) {
    if (!overlap.ruleIds.includes(ruleId)) continue;
    for (const other of new Set(overlap.ruleIds)) {
      if (other !== ruleId) shared.set(other, (shared.get(other) ?? 0) + overlap.hits);
    }
  }

  return [...shared]
    .map(([other, sharedHits]) => ({ ruleId: other, sharedHits }))
    .sort((a, b) => b.sharedHits - a.sharedHits || compareText(a.ruleId, b.ruleId));
}
