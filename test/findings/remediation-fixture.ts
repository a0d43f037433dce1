import { computeFindings } from '../../src/findings/compute-findings.js';
import type { RuleOverlap } from '../../src/findings/evidence.js';
import type { RemediationKind } from '../../src/findings/remediation-plan.js';
import { planRemediation } from '../../src/findings/remediation-plan.js';
import type { SecurityGroupRule } from '../../src/inventory/inventory.js';
import type { RuleReport } from '../../src/report/report.js';
import { WINDOW_END, eni, evidenceOf, group, inventoryOf, reportOf } from './fixtures.js';

export interface PlanCase {
  readonly rules: readonly SecurityGroupRule[];
  /** Report fields per rule id; rules not named are used with exclusive hits. */
  readonly usage?: Readonly<Record<string, Partial<RuleReport>>>;
  readonly overlaps?: readonly RuleOverlap[];
  readonly kinds?: readonly RemediationKind[];
}

/** Findings computed the real way from a small account, then the plan. */
export function planFor(testCase: PlanCase) {
  const groupIds = [...new Set(testCase.rules.map((rule) => rule.groupId))];
  const inventory = inventoryOf({
    groups: groupIds.map((id) => group(id)),
    rules: testCase.rules,
    interfaces: [
      eni(
        'eni-1',
        groupIds.filter((id) => id !== 'sg-unattached'),
      ),
    ],
  });
  const rules = testCase.rules.map((rule) =>
    reportOf(rule, testCase.usage?.[rule.ruleId] ?? { status: 'used', hits: 5, exclusiveHits: 5 }),
  );
  const evidence = evidenceOf({ overlaps: testCase.overlaps ?? [] });
  const findings = computeFindings({
    inventory,
    rules,
    evidence,
    windowEnd: WINDOW_END,
    staleAfterDays: 30,
  });

  return {
    findings,
    plan: planRemediation({ inventory, findings, evidence, kinds: testCase.kinds }),
  };
}

/** A used rule whose every hit another rule allowed too. */
export const redundant = (hits: number): Partial<RuleReport> => ({
  status: 'used',
  hits,
  exclusiveHits: 0,
});

export const stale: Partial<RuleReport> = { status: 'stale', hits: 0 };
