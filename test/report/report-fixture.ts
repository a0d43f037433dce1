import type { GroupReport, Report, RuleReport, RuleStatus } from '../../src/report/report.js';

/**
 * A realistic report for the formatter tests: rules of every status, IPv4 and
 * IPv6 CIDRs, a prefix list, a referenced group, ICMP, all protocols, a
 * protocol without ports, and two groups whose names and descriptions attack
 * each output format.
 */

export const HOSTILE = {
  script: '<script>alert(1)</script>',
  formula: "=cmd|' /C calc'!A0",
  pipe: '| pipe',
  ansi: '\u001b[31mred',
  newline: 'first line\nsecond line',
} as const;

const WEB = { groupId: 'sg-0a1b2c3d4e5f60001', groupName: 'web', vpcId: 'vpc-0123456789abcdef0' };
const DB = { groupId: 'sg-0a1b2c3d4e5f60002', groupName: 'db', vpcId: 'vpc-0123456789abcdef0' };
const BASTION = {
  groupId: 'sg-0a1b2c3d4e5f60003',
  groupName: 'bastion',
  vpcId: 'vpc-0123456789abcdef0',
};
const SCRIPT_GROUP = {
  groupId: 'sg-0a1b2c3d4e5f60004',
  groupName: HOSTILE.script,
  vpcId: 'vpc-0fedcba9876543210',
};
const ANSI_GROUP = {
  groupId: 'sg-0a1b2c3d4e5f60005',
  groupName: `${HOSTILE.ansi} ${HOSTILE.pipe}\u009b2J\u007f`,
  vpcId: null,
};

type GroupRef = Pick<RuleReport, 'groupId' | 'groupName' | 'vpcId'>;

/** A rule with no traffic; the cases below override what they need. */
function rule(
  group: GroupRef,
  ruleId: string,
  status: RuleStatus,
  fields: Partial<RuleReport>,
): RuleReport {
  return {
    ruleId,
    ...group,
    accountId: '123456789012',
    region: 'us-east-1',
    direction: 'ingress',
    protocol: 'tcp',
    fromPort: 443,
    toPort: 443,
    icmpType: null,
    icmpCode: null,
    peer: { kind: 'cidr4', value: '0.0.0.0/0' },
    description: null,
    derived: false,
    status,
    hits: 0,
    exclusiveHits: 0,
    packets: 0,
    bytes: 0,
    firstSeen: null,
    lastSeen: null,
    ...fields,
  };
}

const traffic = (hits: number, lastSeen: string): Partial<RuleReport> => ({
  hits,
  exclusiveHits: Math.floor(hits / 2),
  packets: hits * 12,
  bytes: hits * 9_000,
  firstSeen: '2024-05-01T00:04:11.000Z',
  lastSeen,
});

export const FIXTURE_RULES: readonly RuleReport[] = [
  rule(WEB, 'sgr-00000000000000001', 'used', {
    description: 'HTTPS from anywhere',
    ...traffic(1_234_567, '2024-05-30T23:58:02.000Z'),
  }),
  rule(WEB, 'sgr-00000000000000002', 'used', {
    peer: { kind: 'cidr6', value: '::/0' },
    description: 'HTTPS over IPv6',
    ...traffic(42, '2024-05-29T10:00:00.000Z'),
  }),
  rule(WEB, 'sgr-00000000000000003', 'used', {
    direction: 'egress',
    protocol: 'all',
    fromPort: null,
    toPort: null,
    ...traffic(9_001, '2024-05-31T00:00:00.000Z'),
  }),
  rule(DB, 'sgr-00000000000000004', 'used', {
    fromPort: 5432,
    toPort: 5432,
    peer: { kind: 'security-group', value: WEB.groupId },
    description: 'Postgres from web',
    ...traffic(5_000, '2024-05-30T12:00:00.000Z'),
  }),
  rule(DB, 'sgr-00000000000000005', 'stale', {
    fromPort: 8000,
    toPort: 8999,
    peer: { kind: 'security-group', value: BASTION.groupId },
    description: 'Old admin ports',
  }),
  rule(DB, 'sgr-00000000000000006', 'stale', {
    protocol: 'udp',
    fromPort: 53,
    toPort: 53,
    peer: { kind: 'prefix-list', value: 'pl-0123456789abcdef0' },
    description: '-foo',
  }),
  rule(WEB, 'sgr-00000000000000007', 'stale', {
    fromPort: 22,
    toPort: 22,
    peer: { kind: 'cidr4', value: '203.0.113.0/24' },
    description: '@SUM(1+1)',
  }),
  rule(BASTION, 'sgr-00000000000000008', 'unobserved', {
    protocol: 'icmp',
    fromPort: null,
    toPort: null,
    icmpType: 8,
    icmpCode: -1,
    peer: { kind: 'cidr4', value: '10.0.0.0/8' },
    description: 'ping',
  }),
  rule(BASTION, 'sgr-00000000000000009', 'unobserved', {
    protocol: 'icmpv6',
    fromPort: null,
    toPort: null,
    icmpType: -1,
    icmpCode: -1,
    peer: { kind: 'cidr6', value: '2001:db8::/32' },
  }),
  rule(BASTION, 'sgr-0000000000000000a', 'unobserved', {
    direction: 'egress',
    protocol: '50',
    fromPort: null,
    toPort: null,
    peer: { kind: 'cidr4', value: '198.51.100.7/32' },
    derived: true,
    description: '+IPsec ESP',
  }),
  rule(SCRIPT_GROUP, 'sgr-0000000000000000b', 'unattached', {
    fromPort: 3389,
    toPort: 3389,
    description: HOSTILE.formula,
  }),
  rule(ANSI_GROUP, 'sgr-0000000000000000c', 'unattached', {
    peer: { kind: 'cidr4', value: '192.0.2.0/24\u001b]0;owned\u0007' },
    description: `${HOSTILE.script} ${HOSTILE.pipe} "quoted", ${HOSTILE.newline}`,
  }),
];

const FIXTURE_GROUPS: readonly GroupReport[] = [
  group(WEB, ['eni-0000000000000001a', 'eni-0000000000000001b'], [DB.groupId]),
  group(DB, ['eni-0000000000000002a'], []),
  group(BASTION, ['eni-0000000000000003a'], [DB.groupId]),
  group(SCRIPT_GROUP, [], []),
  group(ANSI_GROUP, [], []),
];

function group(ref: GroupRef, interfaces: string[], referencedBy: string[]): GroupReport {
  return {
    ...ref,
    description: `${ref.groupName} group`,
    tags: { Name: ref.groupName },
    accountId: '123456789012',
    region: 'us-east-1',
    interfaces,
    status: interfaces.length > 0 ? 'attached' : 'unattached',
    referencedBy,
  };
}

/** The fixture report, optionally with other rules; the summary counts the rules given. */
export function fixtureReport(rules: readonly RuleReport[] = FIXTURE_RULES): Report {
  return {
    schemaVersion: 1,
    generatedAt: '2024-05-31T01:15:00.000Z',
    window: { from: '2024-05-01T00:00:00.000Z', to: '2024-05-31T00:00:00.000Z' },
    summary: summarise(rules),
    rules,
    groups: FIXTURE_GROUPS,
    sources: {
      files: 720,
      bytes: 1_073_741_824,
      skipped: [
        { path: 'flow-logs/2024/05/17/broken.log.gz', reason: 'gzip: unexpected end of file' },
      ],
    },
    warnings: [
      'rule sgr-00000000000000005 references sg-0a1b2c3d4e5f60099, which is not in the inventory',
      `interface eni-0000000000000009f: description ${HOSTILE.ansi} ${HOSTILE.pipe} <b>`,
    ],
  };
}

/** A report of an account without rules, over flow logs without records. */
export function emptyReport(): Report {
  const report = fixtureReport([]);
  return {
    ...report,
    window: { from: null, to: null },
    summary: {
      ...report.summary,
      records: 0,
      acceptedRecords: 0,
      rejectedRecords: 0,
      malformedRecords: 0,
    },
    groups: [],
    sources: { files: 0, bytes: 0, skipped: [] },
    warnings: [],
  };
}

function summarise(rules: readonly RuleReport[]): Report['summary'] {
  const count = (status: RuleStatus) => rules.filter((r) => r.status === status).length;
  return {
    rules: rules.length,
    used: count('used'),
    stale: count('stale'),
    unobserved: count('unobserved'),
    unattached: count('unattached'),
    records: 1_250_000,
    acceptedRecords: 1_200_000,
    rejectedRecords: 49_000,
    malformedRecords: 3,
  };
}

/** The fixture's rules of one status. */
export function rulesWithStatus(status: RuleStatus): RuleReport[] {
  return FIXTURE_RULES.filter((r) => r.status === status);
}
