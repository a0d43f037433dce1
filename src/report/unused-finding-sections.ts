import type {
  StaleRuleFinding,
  UnattachedGroupFinding,
  UnobservedRuleFinding,
} from '../findings/stale-findings.js';
import type { FindingSection, RuleLookup } from './finding-section.js';
import {
  buildSection,
  counted,
  daysLabel,
  GROUP_COLUMN,
  groupCell,
  lastSeenLabel,
  listLabel,
  ruleColumns,
} from './finding-section.js';
import { countLabel } from './rule-labels.js';

/** Rules without a hit though the logs could have shown one. */
export function staleSection(
  findings: readonly StaleRuleFinding[],
  rules: RuleLookup,
): FindingSection {
  const days = findings[0]?.evidence.staleAfterDays;
  const within = days === undefined ? 'lately' : `in ${daysLabel(days)}`;
  const head = {
    title: 'Stale',
    count: counted(findings.length, 'rule'),
    note: `no hit ${within}, though the logs cover the group's interfaces`,
  };

  return buildSection(
    head,
    [
      ...ruleColumns<StaleRuleFinding>(rules),
      {
        title: 'Last seen',
        align: 'left',
        minWidth: 10,
        cell: ({ evidence }) => lastSeenLabel(evidence.lastSeen, evidence.daysSinceLastSeen),
      },
      { title: 'Covered', align: 'right', cell: (f) => daysLabel(f.evidence.coveredDays) },
      { title: 'Group notes', align: 'left', minWidth: 12, cell: groupNotes },
    ],
    findings,
  );
}

/** Rules whose group's interfaces are not in the logs at all. */
export function unobservedSection(
  findings: readonly UnobservedRuleFinding[],
  rules: RuleLookup,
): FindingSection {
  const head = {
    title: 'Unobserved',
    count: counted(findings.length, 'rule'),
    note: "none of the group's interfaces is in the logs: the logs cannot tell",
  };

  return buildSection(
    head,
    [
      ...ruleColumns<UnobservedRuleFinding>(rules),
      {
        title: 'Interfaces not in the logs',
        align: 'left',
        minWidth: 12,
        cell: (f) => listLabel(f.evidence.interfaces),
      },
    ],
    findings,
  );
}

/** Groups attached to no interface, and what stands in the way of deleting them. */
export function unattachedSection(findings: readonly UnattachedGroupFinding[]): FindingSection {
  const head = {
    title: 'Unattached',
    count: counted(findings.length, 'group'),
    note: 'attached to no interface: their rules allow nothing, and the group may go',
  };

  return buildSection(
    head,
    [
      { ...GROUP_COLUMN, cell: groupCell },
      { title: 'VPC', align: 'left', cell: (f) => f.vpcId ?? '' },
      { title: 'Rules', align: 'right', cell: (f) => countLabel(f.ruleIds.length) },
      {
        title: 'Last seen',
        align: 'left',
        minWidth: 10,
        cell: ({ evidence }) => lastSeenLabel(evidence.lastSeen, evidence.daysSinceLastSeen),
      },
      { title: 'Group notes', align: 'left', minWidth: 12, cell: groupNotes },
    ],
    findings,
  );
}

/**
 * What a reader must know before deleting a group: the default group cannot
 * be deleted, and a group that others reference cannot go before their rules.
 */
function groupNotes(finding: {
  readonly defaultGroup: boolean;
  readonly referencedBy: readonly string[];
}): string {
  const notes: string[] = [];
  if (finding.defaultGroup) notes.push('default group, cannot be deleted');
  if (finding.referencedBy.length > 0) {
    notes.push(`referenced by ${listLabel(finding.referencedBy)}`);
  }
  return notes.join('; ');
}
