import { cadenceFindings, cadencesByRule, isAwaitingPeriodicUse } from './cadence-findings.js';
import type { Findings, FindingsInput } from './findings.js';
import { narrowingFindings } from './narrowing-findings.js';
import { redundantFindings } from './redundant-findings.js';
import { rejectedFindings } from './rejected-findings.js';
import { riskyFindings } from './risky-findings.js';
import { shadowedFindings } from './shadowed-findings.js';
import { staleFindings, unattachedFindings, unobservedFindings } from './stale-findings.js';

/**
 * Every finding of an analysis, from the inventory, the per-rule results and
 * the evidence. Pure and deterministic: the same input gives the same
 * findings in the same order.
 *
 * A stale rule with a cadence that has not yet missed an expected use is left
 * out of `stale` (it shows in `cadence`): calling a weekly job's rule stale
 * on day 5 would invite removing a rule that is needed on day 7.
 */
export function computeFindings(input: FindingsInput): Findings {
  const cadences = cadencesByRule(input.evidence.daily);
  const stale = staleFindings(input).filter(
    (finding) => !isAwaitingPeriodicUse(cadences.get(finding.ruleId), input.windowEnd),
  );

  return {
    stale,
    unobserved: unobservedFindings(input),
    unattached: unattachedFindings(input),
    redundant: redundantFindings(input),
    shadowed: shadowedFindings(input.inventory),
    narrowing: narrowingFindings(input),
    risky: riskyFindings(input),
    cadence: cadenceFindings(input),
    rejected: rejectedFindings(input),
  };
}
