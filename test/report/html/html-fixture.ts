import type { ReportWithFindings } from '../../../src/report/report-with-findings.js';
import type { GroupReport, RuleReport } from '../../../src/report/report.js';

/**
 * Small reports for the HTML tests, built here so that each test shows the
 * few values it is about.
 */

export const ATTACK = {
  groupName: '</script><script>alert(1)</script>',
  description: '<img src=x onerror=alert(1)>',
  peer: 'javascript:alert(1)',
  separators: 'line\u2028paragraph\u2029end & more',
} as const;

export function htmlRule(index: number, fields: Partial<RuleReport> = {}): RuleReport {
  return {
    ruleId: `sgr-${String(index).padStart(17, '0')}`,
    groupId: 'sg-00000000000000001',
    groupName: 'web',
    vpcId: 'vpc-0123456789abcdef0',
    accountId: '123456789012',
    region: 'eu-west-1',
    direction: 'ingress',
    protocol: 'tcp',
    fromPort: 443,
    toPort: 443,
    icmpType: null,
    icmpCode: null,
    peer: { kind: 'cidr4', value: '10.0.0.0/8' },
    description: null,
    derived: false,
    status: 'used',
    hits: 10,
    exclusiveHits: 5,
    packets: 100,
    bytes: 10_000,
    firstSeen: '2024-05-02T00:00:00.000Z',
    lastSeen: '2024-05-30T00:00:00.000Z',
    ...fields,
  };
}

export function htmlGroup(fields: Partial<GroupReport> = {}): GroupReport {
  return {
    groupId: 'sg-00000000000000001',
    groupName: 'web',
    description: 'web servers',
    tags: { team: 'web' },
    vpcId: 'vpc-0123456789abcdef0',
    accountId: '123456789012',
    region: 'eu-west-1',
    interfaces: ['eni-00000000000000001'],
    status: 'attached',
    referencedBy: [],
    ...fields,
  };
}

export function htmlReport(
  rules: readonly RuleReport[],
  extra: Partial<ReportWithFindings> = {},
): ReportWithFindings {
  return {
    schemaVersion: 1,
    generatedAt: '2024-05-31T01:00:00.000Z',
    window: { from: '2024-05-01T00:00:00.000Z', to: '2024-05-31T00:00:00.000Z' },
    summary: {
      rules: rules.length,
      used: rules.filter((rule) => rule.status === 'used').length,
      stale: rules.filter((rule) => rule.status === 'stale').length,
      unobserved: 0,
      unattached: 0,
      records: 1000,
      acceptedRecords: 900,
      rejectedRecords: 100,
      malformedRecords: 0,
    },
    rules,
    groups: [htmlGroup()],
    sources: { files: 1, bytes: 2048, skipped: [] },
    warnings: [],
    ...extra,
  };
}

/** A report whose group name, description and peer each try to break out of the page. */
export function hostileReport(): ReportWithFindings {
  const group = { groupId: 'sg-0000000000000bad1', groupName: ATTACK.groupName };
  return htmlReport(
    [
      htmlRule(1, {
        ...group,
        description: ATTACK.description,
        peer: { kind: 'cidr4', value: ATTACK.peer },
      }),
      htmlRule(2, { ...group, description: ATTACK.separators, status: 'stale', hits: 0 }),
    ],
    {
      groups: [htmlGroup({ ...group, referencedBy: [ATTACK.peer] })],
      warnings: [`group ${ATTACK.groupName}: ${ATTACK.description}`],
    },
  );
}
