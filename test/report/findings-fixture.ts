import type { DailyRuleUsage } from '../../src/findings/evidence.js';
import type { FindingKind, FindingRule, Findings } from '../../src/findings/findings.js';
import type { ReportWithFindings } from '../../src/report/report-with-findings.js';
import type { RuleReport } from '../../src/report/report.js';
import { FIXTURE_RULES, HOSTILE, fixtureReport } from './report-fixture.js';

/**
 * Findings of every kind about the fixture's rules, for the formatter and
 * schema tests. The unattached groups are the fixture's hostile ones, and a
 * rejected peer carries escapes, so every output format meets hostile text
 * inside findings too.
 */

function fixtureRule(index: number): RuleReport {
  const rule = FIXTURE_RULES[index];
  if (rule === undefined) throw new Error(`the fixture has no rule ${index}`);
  return rule;
}

const HTTPS = fixtureRule(0);
const HTTPS6 = fixtureRule(1);
const WEB_EGRESS = fixtureRule(2);
const POSTGRES = fixtureRule(3);
const OLD_ADMIN = fixtureRule(4);
const DNS = fixtureRule(5);
const SSH = fixtureRule(6);
const PING = fixtureRule(7);
const RDP_SCRIPT = fixtureRule(10);
const ANSI_RULE = fixtureRule(11);

export const HOSTILE_PEER = `198.51.100.66\u001b[2J${HOSTILE.pipe}<b>`;
export const DEFAULT_GROUP_ID = 'sg-0a1b2c3d4e5f60006';

function about(rule: RuleReport): FindingRule {
  return {
    ruleId: rule.ruleId,
    groupId: rule.groupId,
    groupName: rule.groupName,
    direction: rule.direction,
  };
}

const lastUse = {
  lastSeen: null,
  daysSinceLastSeen: null,
  coveredDays: 30,
  hitsInWindow: 0,
} as const;

const rejectedPeer = (peer: string, records: number) => ({
  peer,
  direction: 'ingress' as const,
  records,
  lastSeen: '2024-05-30T08:00:00.000Z',
});

export function fixtureFindings(): Findings {
  return {
    stale: [
      {
        ...about(OLD_ADMIN),
        defaultGroup: false,
        referencedBy: [],
        evidence: { ...lastUse, staleAfterDays: 30 },
      },
      {
        ...about(SSH),
        defaultGroup: false,
        referencedBy: [POSTGRES.groupId],
        evidence: {
          ...lastUse,
          lastSeen: '2024-04-20T10:00:00.000Z',
          daysSinceLastSeen: 40,
          staleAfterDays: 30,
        },
      },
    ],
    unobserved: [
      {
        ...about(PING),
        evidence: { interfaces: ['eni-0000000000000003a'], lastSeen: null, hitsInWindow: 0 },
      },
    ],
    unattached: [
      {
        groupId: RDP_SCRIPT.groupId,
        groupName: RDP_SCRIPT.groupName,
        vpcId: RDP_SCRIPT.vpcId,
        defaultGroup: false,
        referencedBy: [],
        ruleIds: [RDP_SCRIPT.ruleId],
        evidence: { ...lastUse, coveredDays: 0 },
      },
      {
        groupId: ANSI_RULE.groupId,
        groupName: ANSI_RULE.groupName,
        vpcId: null,
        defaultGroup: false,
        referencedBy: [HTTPS.groupId],
        ruleIds: [ANSI_RULE.ruleId],
        evidence: { ...lastUse, coveredDays: 0 },
      },
      {
        groupId: DEFAULT_GROUP_ID,
        groupName: 'default',
        vpcId: 'vpc-0123456789abcdef0',
        defaultGroup: true,
        referencedBy: [],
        ruleIds: [],
        evidence: { ...lastUse, coveredDays: 0 },
      },
    ],
    redundant: [
      { ...about(HTTPS6), hits: 42, alsoAllowedBy: [{ ruleId: HTTPS.ruleId, sharedHits: 42 }] },
    ],
    shadowed: [
      {
        ...about(OLD_ADMIN),
        coveredBy: POSTGRES.ruleId,
        identical: false,
        reason: `${POSTGRES.ruleId} allows more`,
      },
      { ...about(DNS), coveredBy: OLD_ADMIN.ruleId, identical: true, reason: 'identical' },
    ],
    narrowing: [
      {
        ...about(WEB_EGRESS),
        target: 'peer',
        cidr: '0.0.0.0/0',
        hits: 9_001,
        suggestions: [
          { cidr: '10.0.0.0/24', hits: 6_751, share: 0.75 },
          { cidr: '10.0.1.0/24', hits: 2_250, share: 0.25 },
        ],
      },
      {
        ...about(OLD_ADMIN),
        target: 'ports',
        protocol: 'tcp',
        fromPort: 8000,
        toPort: 8999,
        hits: 3,
        suggestions: [
          { fromPort: 8080, toPort: 8081, hits: 2, share: 0.6667 },
          { fromPort: 8443, toPort: 8443, hits: 1, share: 0.3333 },
        ],
      },
    ],
    risky: [
      {
        ...about(RDP_SCRIPT),
        cidr: '0.0.0.0/0',
        exposure: 'admin',
        exposedPorts: ['3389'],
        reason: 'RDP (3389) open to 0.0.0.0/0, unattached: removing it breaks no traffic seen',
        status: 'unattached',
        hits: 0,
        score: 130,
      },
      {
        ...about(HTTPS),
        cidr: '0.0.0.0/0',
        exposure: 'all-ports',
        exposedPorts: ['all'],
        reason: 'all ports open to 0.0.0.0/0',
        status: 'used',
        hits: 1_234_567,
        score: 40,
      },
    ],
    cadence: [
      {
        ...about(POSTGRES),
        usedDays: 4,
        intervalDays: 7,
        toleranceDays: 1.75,
        lastUse: '2024-05-27',
        nextExpected: '2024-06-03',
        overdueAfter: '2024-06-04T18:00:00.000Z',
        overdue: false,
      },
      {
        ...about(DNS),
        usedDays: 3,
        intervalDays: 7,
        toleranceDays: 1.75,
        lastUse: '2024-05-10',
        nextExpected: '2024-05-17',
        overdueAfter: '2024-05-18T18:00:00.000Z',
        overdue: true,
      },
    ],
    rejected: [
      {
        scope: 'all-interfaces',
        groupId: null,
        groupName: null,
        interfaces: ['eni-0000000000000001a', 'eni-0000000000000002a'],
        records: 49_000,
        topPeers: [
          rejectedPeer(HOSTILE_PEER, 20_000),
          rejectedPeer('203.0.113.1', 9_000),
          rejectedPeer('203.0.113.2', 8_000),
          rejectedPeer('203.0.113.3', 7_000),
          rejectedPeer('203.0.113.4', 3_000),
          rejectedPeer('203.0.113.99', 2_000),
        ],
        topPorts: [
          { protocol: 'tcp', port: 22, direction: 'ingress', records: 30_000, lastSeen: null },
          { protocol: 'icmp', port: null, direction: 'egress', records: 19_000, lastSeen: null },
        ],
      },
      {
        scope: 'group',
        groupId: HTTPS.groupId,
        groupName: HTTPS.groupName,
        interfaces: ['eni-0000000000000001a'],
        records: 30_000,
        topPeers: [rejectedPeer('203.0.113.1', 9_000)],
        topPorts: [],
      },
    ],
  };
}

export const FINDING_KINDS: readonly FindingKind[] = [
  'stale',
  'unobserved',
  'unattached',
  'redundant',
  'shadowed',
  'narrowing',
  'risky',
  'cadence',
  'rejected',
];

/** The fixture's findings with some kinds left empty. */
export function findingsWithout(...kinds: readonly FindingKind[]): Findings {
  const emptied = Object.fromEntries(kinds.map((kind) => [kind, []]));
  return { ...fixtureFindings(), ...emptied };
}

export const FIXTURE_DAILY: readonly DailyRuleUsage[] = [
  {
    ruleId: HTTPS.ruleId,
    day: '2024-05-30',
    hits: 40_000,
    exclusiveHits: 20_000,
    packets: 480_000,
    bytes: 360_000_000,
    firstSeen: 1_717_027_200,
    lastSeen: 1_717_113_482,
  },
  {
    ruleId: OLD_ADMIN.ruleId,
    day: '2024-05-30',
    hits: 0,
    exclusiveHits: 0,
    packets: 0,
    bytes: 0,
    firstSeen: null,
    lastSeen: null,
  },
];

/** The fixture report as the store would give it: with findings and daily history. */
export function storedFixtureReport(findings: Findings = fixtureFindings()): ReportWithFindings {
  return { ...fixtureReport(), findings, daily: FIXTURE_DAILY };
}
