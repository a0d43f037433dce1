import type { Findings } from '../findings/findings.js';
import { narrowingSection, riskySection } from './breadth-finding-sections.js';
import type { FindingSection, RuleLookup } from './finding-section.js';
import { redundantSection, shadowedSection } from './overlap-finding-sections.js';
import type { RuleReport } from './report.js';
import { cadenceSection, rejectedSection } from './traffic-finding-sections.js';
import { staleSection, unattachedSection, unobservedSection } from './unused-finding-sections.js';

type SectionOf = (findings: Findings, rules: RuleLookup) => FindingSection;

/**
 * The order in which the table and Markdown show the kinds: what exposes the
 * account first, then what can go, then what can be tightened, then what
 * needs watching or more logs.
 */
const SECTIONS: readonly SectionOf[] = [
  (findings, rules) => riskySection(findings.risky, rules),
  (findings, rules) => staleSection(findings.stale, rules),
  (findings, rules) => redundantSection(findings.redundant, rules),
  (findings, rules) => shadowedSection(findings.shadowed, rules),
  (findings, rules) => narrowingSection(findings.narrowing, rules),
  (findings, rules) => cadenceSection(findings.cadence, rules),
  (findings) => unattachedSection(findings.unattached),
  (findings, rules) => unobservedSection(findings.unobserved, rules),
  (findings) => rejectedSection(findings.rejected),
];

/**
 * One section per kind of finding that has any, in the order above. `rules`
 * are the report's, to show what each finding's rule allows.
 */
export function findingSections(
  findings: Findings,
  rules: readonly RuleReport[],
): FindingSection[] {
  const lookup: RuleLookup = new Map(rules.map((rule) => [rule.ruleId, rule]));
  return SECTIONS.map((sectionOf) => sectionOf(findings, lookup)).filter(
    (section) => section.rows.length > 0,
  );
}
