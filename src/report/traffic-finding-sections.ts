import type { CadenceFinding } from '../findings/cadence-findings.js';
import type { RejectedTrafficFinding } from '../findings/rejected-findings.js';
import type { Direction } from '../inventory/inventory.js';
import type { FindingSection, RuleLookup } from './finding-section.js';
import { buildSection, counted, daysLabel, ruleColumns } from './finding-section.js';
import { countLabel, dayLabel, directionLabel } from './rule-labels.js';

/** How many peers and ports of the rejected traffic the table and Markdown show. */
export const REJECTED_SHOWN = 5;

/** Rules used periodically, and whether they have missed a use. */
export function cadenceSection(
  findings: readonly CadenceFinding[],
  rules: RuleLookup,
): FindingSection {
  const head = {
    title: 'Cadence',
    count: counted(findings.length, 'rule'),
    note: 'used periodically; not called stale before it misses an expected use',
  };

  return buildSection(
    head,
    [
      ...ruleColumns<CadenceFinding>(rules),
      {
        title: 'State',
        align: 'left',
        cell: (f) => (f.overdue ? { text: 'OVERDUE', tone: 'overdue' } : 'on schedule'),
      },
      { title: 'Next expected', align: 'left', cell: (f) => f.nextExpected },
      { title: 'Last use', align: 'left', cell: (f) => f.lastUse },
      { title: 'Every', align: 'right', cell: (f) => daysLabel(f.intervalDays) },
    ],
    findings,
  );
}

interface RejectedRow {
  readonly top: 'peer' | 'port';
  readonly direction: Direction;
  readonly value: string;
  readonly records: number;
  readonly lastSeen: string | null;
}

/**
 * The peers and ports with the most rejected records over all interfaces.
 * The JSON has them per group too; a terminal has no room for that.
 */
export function rejectedSection(findings: readonly RejectedTrafficFinding[]): FindingSection {
  const overall = findings.find((finding) => finding.scope === 'all-interfaces') ?? findings[0];
  const head = {
    title: 'Rejected traffic',
    count:
      overall === undefined
        ? counted(0, 'record')
        : `${counted(overall.records, 'record')} on ${counted(overall.interfaces.length, 'interface')}`,
    note: `top ${REJECTED_SHOWN} peers and ports of all interfaces; per group in the JSON`,
  };

  return buildSection(
    head,
    [
      { title: 'Top', align: 'left', cell: (row) => row.top },
      { title: 'Dir', align: 'left', cell: directionLabel },
      { title: 'Peer or port', align: 'left', minWidth: 15, cell: (row) => row.value },
      { title: 'Records', align: 'right', cell: (row) => countLabel(row.records) },
      { title: 'Last seen', align: 'left', cell: (row) => dayLabel(row.lastSeen) },
    ],
    overall === undefined ? [] : rejectedRows(overall),
  );
}

function rejectedRows(finding: RejectedTrafficFinding): RejectedRow[] {
  const peers = finding.topPeers.slice(0, REJECTED_SHOWN).map((peer) => ({
    top: 'peer' as const,
    direction: peer.direction,
    value: peer.peer,
    records: peer.records,
    lastSeen: peer.lastSeen,
  }));
  const ports = finding.topPorts.slice(0, REJECTED_SHOWN).map((port) => ({
    top: 'port' as const,
    direction: port.direction,
    value: port.port === null ? port.protocol : `${port.protocol} ${port.port}`,
    records: port.records,
    lastSeen: port.lastSeen,
  }));
  return [...peers, ...ports];
}
