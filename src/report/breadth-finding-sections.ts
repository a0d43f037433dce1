import type { NarrowingFinding } from '../findings/narrowing-findings.js';
import type { Exposure, RiskyRuleFinding } from '../findings/risky-findings.js';
import type { FindingSection, RuleLookup } from './finding-section.js';
import { buildSection, counted, narrowToLabel, ruleColumns } from './finding-section.js';
import { countLabel } from './rule-labels.js';

const EXPOSURE_LABEL: Readonly<Record<Exposure, string>> = {
  'all-protocols': 'all protocols',
  'all-ports': 'all ports',
  admin: 'admin',
  database: 'database',
  'wide-range': 'ports',
};

type RankedRisk = RiskyRuleFinding & { readonly rank: number };

/** Rules open to the whole internet, in the findings' order: unused first, then by exposure. */
export function riskySection(
  findings: readonly RiskyRuleFinding[],
  rules: RuleLookup,
): FindingSection {
  const head = {
    title: 'Risky',
    count: counted(findings.length, 'rule'),
    note: 'open to 0.0.0.0/0 or ::/0 on admin or database ports, all ports or all protocols; unused first',
  };

  return buildSection<RankedRisk>(
    head,
    [
      { title: '#', align: 'right', cell: (f) => String(f.rank) },
      ...ruleColumns<RankedRisk>(rules),
      { title: 'Exposes', align: 'left', minWidth: 10, cell: exposureLabel },
      { title: 'Status', align: 'left', cell: (f) => ({ text: f.status, tone: f.status }) },
      { title: 'Hits', align: 'right', cell: (f) => countLabel(f.hits) },
    ],
    findings.map((finding, index) => ({ ...finding, rank: index + 1 })),
  );
}

/** `admin 22, 3389`, `database 5432`, `ports 1024-65535`, `all protocols`. */
function exposureLabel(finding: RiskyRuleFinding): string {
  const label = EXPOSURE_LABEL[finding.exposure] ?? finding.exposure;
  const ports = finding.exposedPorts.filter((port) => port !== 'all');
  return ports.length === 0 ? label : `${label} ${ports.join(', ')}`;
}

/** Used rules much wider than their traffic, with what would still allow it all. */
export function narrowingSection(
  findings: readonly NarrowingFinding[],
  rules: RuleLookup,
): FindingSection {
  const head = {
    title: 'Narrowing',
    count: counted(findings.length, 'rule'),
    note: 'much wider than their traffic: the ports or networks that allowed every hit, with their share',
  };

  return buildSection(
    head,
    [
      ...ruleColumns<NarrowingFinding>(rules),
      { title: 'Hits', align: 'right', cell: (f) => countLabel(f.hits) },
      { title: 'Narrow to', align: 'left', minWidth: 12, cell: narrowToLabel },
    ],
    findings,
  );
}
