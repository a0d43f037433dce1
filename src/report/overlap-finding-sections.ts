import type { RedundantRuleFinding } from '../findings/redundant-findings.js';
import type { ShadowedRuleFinding } from '../findings/shadowed-findings.js';
import type { FindingSection, RuleLookup } from './finding-section.js';
import { allowsOf, buildSection, counted, listLabel, ruleColumns } from './finding-section.js';
import { countLabel } from './rule-labels.js';

/** Used rules whose every hit another rule allowed too. */
export function redundantSection(
  findings: readonly RedundantRuleFinding[],
  rules: RuleLookup,
): FindingSection {
  const head = {
    title: 'Redundant',
    count: counted(findings.length, 'rule'),
    note: 'used, but every hit was also allowed by another rule',
  };

  return buildSection(
    head,
    [
      ...ruleColumns<RedundantRuleFinding>(rules),
      { title: 'Hits', align: 'right', cell: (f) => countLabel(f.hits) },
      {
        title: 'Also allowed by',
        align: 'left',
        minWidth: 12,
        cell: (f) =>
          listLabel(
            f.alsoAllowedBy.map(
              (other) => `${other.ruleId} (${countLabel(other.sharedHits)} shared)`,
            ),
          ),
      },
    ],
    findings,
  );
}

/** Rules that another rule of the same group contains. */
export function shadowedSection(
  findings: readonly ShadowedRuleFinding[],
  rules: RuleLookup,
): FindingSection {
  const head = {
    title: 'Shadowed',
    count: counted(findings.length, 'rule'),
    note: 'contained in another rule of the same group: protocol, ports and peer all covered',
  };

  return buildSection(
    head,
    [
      ...ruleColumns<ShadowedRuleFinding>(rules),
      {
        title: 'Covered by',
        align: 'left',
        minWidth: 12,
        cell: (f) => coverLabel(f, rules),
      },
    ],
    findings,
  );
}

/** `sgr-0123 (identical)`, or `sgr-0123: tcp 0-65535 from 10.0.0.0/8`. */
function coverLabel(finding: ShadowedRuleFinding, rules: RuleLookup): string {
  if (finding.identical) return `${finding.coveredBy} (identical)`;
  const allows = allowsOf(rules, finding.coveredBy);
  return allows === '' ? finding.coveredBy : `${finding.coveredBy}: ${allows}`;
}
