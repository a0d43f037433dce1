import type { SecurityGroupRule } from '../inventory/inventory.js';
import type { RuleOverlap } from './evidence.js';
import { compareText } from './findings.js';
import type { RedundantCandidate, KeptCandidate } from './redundant-selection.js';
import { selectRedundant } from './redundant-selection.js';
import type { Choice, KeptRule, RemediationInput, SkippedRule } from './remediation-plan.js';
import { ruleBreadth } from './rule-breadth.js';

/**
 * The redundant step of `planRemediation`: adds the redundant rules that can
 * go to `chosen`, the rules it must leave to `skipped`, and returns the rules
 * kept on purpose with what they keep covered. `pinned` are covering rules of
 * revoked shadowed rules, with the rules they cover: they must stay.
 */
export function chooseRedundant(
  input: RemediationInput,
  chosen: Map<string, Choice>,
  skipped: SkippedRule[],
  pinned: ReadonlyMap<string, readonly string[]>,
): KeptRule[] {
  const rules = new Map(input.inventory.rules.map((rule) => [rule.ruleId, rule]));
  const { overlaps } = input.evidence;
  const candidates = candidatesOf(input, rules, chosen, skipped);

  const gone = new Set(chosen.keys());
  const selection = selectRedundant(candidates, overlaps, gone, new Set(pinned.keys()));
  const revoked = new Set([...gone, ...selection.revoked]);
  const hitsOf = new Map(candidates.map((candidate) => [candidate.ruleId, candidate.hits]));

  for (const ruleId of selection.revoked) {
    const reason = redundantReason(ruleId, hitsOf.get(ruleId) ?? 0, overlaps, revoked);
    chosen.set(ruleId, { kind: 'redundant', reason });
  }

  const kept = selection.kept.map((entry) => keptRule(entry, rules, hitsOf));
  const coversKept = [...pinned]
    .filter(([ruleId]) => hitsOf.has(ruleId))
    .map(([ruleId, shadowed]) => ({
      ruleId,
      groupId: rules.get(ruleId)?.groupId ?? '',
      keepsCovered: [...shadowed].sort(compareText),
      reason: `it covers ${[...shadowed].sort(compareText).join(', ')}, revoked as shadowed`,
    }));
  return [...kept, ...coversKept].sort((a, b) => compareText(a.ruleId, b.ruleId));
}

/**
 * Redundant findings not yet chosen for another reason. A finding with no
 * overlap in the evidence (pruned history, say) cannot show which rule would
 * still allow its requests, so it is skipped rather than trusted.
 */
function candidatesOf(
  input: RemediationInput,
  rules: ReadonlyMap<string, SecurityGroupRule>,
  chosen: ReadonlyMap<string, Choice>,
  skipped: SkippedRule[],
): RedundantCandidate[] {
  const { overlaps } = input.evidence;

  return input.findings.redundant.flatMap((finding) => {
    const rule = rules.get(finding.ruleId);
    if (rule === undefined || chosen.has(finding.ruleId)) return [];

    if (!overlaps.some((overlap) => overlap.ruleIds.includes(finding.ruleId))) {
      const reason = 'no overlap in the evidence shows which other rule allowed its requests';
      skipped.push({ ruleId: finding.ruleId, kind: 'redundant', reason });
      return [];
    }
    return [
      { ruleId: rule.ruleId, hits: finding.hits, breadth: ruleBreadth(rule, input.inventory) },
    ];
  });
}

/** Names the rules that stay and allowed the requests of a revoked redundant rule. */
function redundantReason(
  ruleId: string,
  hits: number,
  overlaps: readonly RuleOverlap[],
  revoked: ReadonlySet<string>,
): string {
  const stayers = new Set(
    overlaps
      .filter((overlap) => overlap.ruleIds.includes(ruleId))
      .flatMap((overlap) => overlap.ruleIds.filter((id) => !revoked.has(id))),
  );
  const names = [...stayers].sort(compareText).join(', ');
  return `redundant: each of its ${hits} requests was also allowed by a rule that stays (${names})`;
}

const BECAUSE: Readonly<Record<KeptCandidate['criterion'], (hits: number) => string>> = {
  'most-hits': (hits) => `kept for having the most hits (${hits})`,
  narrower: () => 'kept as the narrowest of the rules with as many hits',
  'smaller-rule-id': () => 'kept for the smallest rule id among rules as used and as wide',
  'others-revoked': () => 'the other rules are revoked for other findings',
};

function keptRule(
  entry: KeptCandidate,
  rules: ReadonlyMap<string, SecurityGroupRule>,
  hitsOf: ReadonlyMap<string, number>,
): KeptRule {
  const because = BECAUSE[entry.criterion](hitsOf.get(entry.ruleId) ?? 0);
  return {
    ruleId: entry.ruleId,
    groupId: rules.get(entry.ruleId)?.groupId ?? '',
    keepsCovered: entry.keepsCovered,
    reason:
      `the only rule left for ${entry.requests} requests it shared with ` +
      `${entry.keepsCovered.join(', ')}; ${because}`,
  };
}
