import type { Findings } from '../findings/findings.js';
import { counted } from '../report/finding-section.js';
import type { OtherFindingLine } from './findings-digest.js';

/**
 * One line per kind that the email counts without listing (stale rules and
 * narrowing have their own tables), every kind always, so that a reader sees
 * a zero as a zero rather than wondering whether it was checked.
 */
export function otherFindingLines(findings: Findings): OtherFindingLine[] {
  const staleRisky = findings.risky.filter((finding) => finding.status === 'stale').length;
  const overdue = findings.cadence.filter((finding) => finding.overdue).length;
  const rejected = findings.rejected.find((finding) => finding.scope === 'all-interfaces');

  return [
    {
      kind: 'Risky',
      count: counted(findings.risky.length, 'rule'),
      note:
        'open to 0.0.0.0/0 or ::/0 on admin or database ports, all ports or all protocols' +
        (staleRisky > 0 ? `; ${staleRisky} of them stale, listed first above` : ''),
    },
    {
      kind: 'Redundant',
      count: counted(findings.redundant.length, 'rule'),
      note: 'used, but every request they allowed another rule allowed too',
    },
    {
      kind: 'Shadowed',
      count: counted(findings.shadowed.length, 'rule'),
      note: 'contained in another rule of the same group and direction',
    },
    {
      kind: 'Unattached groups',
      count: counted(findings.unattached.length, 'group'),
      note: 'attached to no network interface: their rules allow nothing today',
    },
    {
      kind: 'Unobserved',
      count: counted(findings.unobserved.length, 'rule'),
      note: "none of the group's interfaces is in the logs, so the logs cannot judge them",
    },
    {
      kind: 'Cadence',
      count: counted(findings.cadence.length, 'rule'),
      note: `used on a regular rhythm; ${overdue} overdue`,
    },
    {
      kind: 'Rejected',
      count: counted(rejected?.records ?? 0, 'record'),
      note: `rejected traffic on ${counted(rejected?.interfaces.length ?? 0, 'interface')}`,
    },
  ];
}
