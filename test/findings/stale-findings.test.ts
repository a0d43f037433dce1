import { describe, expect, it } from 'vitest';

import {
  staleFindings,
  unattachedFindings,
  unobservedFindings,
} from '../../src/findings/stale-findings.js';
import {
  DAY,
  WINDOW_END,
  eni,
  evidenceOf,
  group,
  inventoryOf,
  reportOf,
  sgRule,
} from './fixtures.js';

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

const rules = {
  webOld: sgRule('sgr-web-old', { fromPort: 22, toPort: 22 }),
  webNever: sgRule('sgr-web-never'),
  webUsed: sgRule('sgr-web-used', { fromPort: 80, toPort: 80 }),
  webSelf: sgRule('sgr-web-self', { peer: { kind: 'security-group', value: 'sg-web' } }),
  appToWeb: sgRule('sgr-app-web', {
    groupId: 'sg-app',
    direction: 'egress',
    peer: { kind: 'security-group', value: 'sg-web' },
  }),
  appToOld: sgRule('sgr-app-old', {
    groupId: 'sg-app',
    direction: 'egress',
    peer: { kind: 'security-group', value: 'sg-old' },
  }),
  dbRule: sgRule('sgr-db', { groupId: 'sg-db', fromPort: 5432, toPort: 5432 }),
  defaultRule: sgRule('sgr-default', {
    groupId: 'sg-default',
    protocol: -1,
    fromPort: null,
    toPort: null,
  }),
  oldA: sgRule('sgr-old-a', { groupId: 'sg-old' }),
  oldB: sgRule('sgr-old-b', { groupId: 'sg-old', fromPort: 8080, toPort: 8080 }),
};

const inventory = inventoryOf({
  groups: [
    group('sg-web'),
    group('sg-app'),
    group('sg-db'),
    group('sg-old'),
    group('sg-empty'),
    group('sg-default', 'default'),
  ],
  rules: Object.values(rules),
  interfaces: [
    eni('eni-1', ['sg-web', 'sg-default']),
    eni('eni-2', ['sg-web', 'sg-app']),
    eni('eni-3', ['sg-db']),
    eni('eni-4', ['sg-db']),
  ],
});

const reports = [
  reportOf(rules.webOld, {
    status: 'stale',
    hits: 5,
    lastSeen: iso(WINDOW_END - 40 * DAY - 3600),
  }),
  reportOf(rules.webNever, { status: 'stale' }),
  reportOf(rules.webUsed, { status: 'used', hits: 9, lastSeen: iso(WINDOW_END - 60) }),
  reportOf(rules.webSelf, { status: 'stale' }),
  reportOf(rules.appToWeb, { status: 'used', hits: 1 }),
  reportOf(rules.appToOld, { status: 'used', hits: 1 }),
  reportOf(rules.dbRule, { status: 'unobserved' }),
  reportOf(rules.defaultRule, { status: 'stale', groupName: 'default' }),
  reportOf(rules.oldA, { status: 'unattached', hits: 2, lastSeen: iso(WINDOW_END - 90 * DAY) }),
  reportOf(rules.oldB, { status: 'unattached', hits: 1, lastSeen: iso(WINDOW_END - 80 * DAY) }),
];

const evidence = evidenceOf({
  coverage: [
    { interfaceId: 'eni-1', day: '2026-02-01', records: 10 },
    { interfaceId: 'eni-1', day: '2026-02-02', records: 3 },
    { interfaceId: 'eni-2', day: '2026-02-02', records: 7 },
    { interfaceId: 'eni-2', day: '2026-02-03', records: 1 },
    { interfaceId: 'eni-2', day: '2026-02-04', records: 0 },
  ],
});

const input = { inventory, rules: reports, evidence, windowEnd: WINDOW_END, staleAfterDays: 30 };

describe('staleFindings', () => {
  it('lists every stale rule with its last use, coverage, referrers and default mark', () => {
    const findings = staleFindings(input);

    expect(findings.map((finding) => finding.ruleId)).toEqual([
      'sgr-default',
      'sgr-web-never',
      'sgr-web-old',
      'sgr-web-self',
    ]);
    expect(findings.find((finding) => finding.ruleId === 'sgr-web-old')).toEqual({
      ruleId: 'sgr-web-old',
      groupId: 'sg-web',
      groupName: 'web',
      direction: 'ingress',
      defaultGroup: false,
      referencedBy: ['sg-app'],
      evidence: {
        lastSeen: iso(WINDOW_END - 40 * DAY - 3600),
        daysSinceLastSeen: 40,
        coveredDays: 3,
        hitsInWindow: 5,
        staleAfterDays: 30,
      },
    });
  });

  it.each([
    [
      'a rule never seen',
      'sgr-web-never',
      { lastSeen: null, daysSinceLastSeen: null, hitsInWindow: 0 },
    ],
    ['the default group', 'sgr-default', { coveredDays: 2 }],
  ])('reports %s', (_name, ruleId, expected) => {
    const finding = staleFindings(input).find((entry) => entry.ruleId === ruleId);
    expect(finding?.evidence).toMatchObject(expected);
  });

  it('marks default groups, which can only be emptied', () => {
    const marks = staleFindings(input).map((finding) => [finding.ruleId, finding.defaultGroup]);
    expect(marks).toContainEqual(['sgr-default', true]);
    expect(marks).toContainEqual(['sgr-web-old', false]);
  });

  it('does not count a group referencing itself', () => {
    const self = staleFindings(input).find((finding) => finding.ruleId === 'sgr-web-self');
    expect(self?.referencedBy).toEqual(['sg-app']);
  });

  it('gives no days since last seen without a window end', () => {
    const [finding] = staleFindings({ ...input, windowEnd: null }).filter(
      (entry) => entry.ruleId === 'sgr-web-old',
    );
    expect(finding?.evidence.daysSinceLastSeen).toBeNull();
  });

  it('reports nothing when no rule is stale', () => {
    const used = reports.map((report) => ({ ...report, status: 'used' as const }));
    expect(staleFindings({ ...input, rules: used })).toEqual([]);
  });
});

describe('unobservedFindings', () => {
  it('lists unobserved rules with the interfaces to log', () => {
    expect(unobservedFindings(input)).toEqual([
      {
        ruleId: 'sgr-db',
        groupId: 'sg-db',
        groupName: 'db',
        direction: 'ingress',
        evidence: { interfaces: ['eni-3', 'eni-4'], lastSeen: null, hitsInWindow: 0 },
      },
    ]);
  });
});

describe('unattachedFindings', () => {
  it('lists groups attached to nothing, with their rules, referrers and last use', () => {
    expect(unattachedFindings(input)).toEqual([
      {
        groupId: 'sg-empty',
        groupName: 'empty',
        vpcId: 'vpc-1',
        defaultGroup: false,
        referencedBy: [],
        ruleIds: [],
        evidence: { lastSeen: null, daysSinceLastSeen: null, coveredDays: 0, hitsInWindow: 0 },
      },
      {
        groupId: 'sg-old',
        groupName: 'old',
        vpcId: 'vpc-1',
        defaultGroup: false,
        referencedBy: ['sg-app'],
        ruleIds: ['sgr-old-a', 'sgr-old-b'],
        evidence: {
          lastSeen: iso(WINDOW_END - 80 * DAY),
          daysSinceLastSeen: 80,
          coveredDays: 0,
          hitsInWindow: 3,
        },
      },
    ]);
  });

  it('lists no attached group', () => {
    const ids = unattachedFindings(input).map((finding) => finding.groupId);
    expect(ids).not.toContain('sg-web');
    expect(ids).not.toContain('sg-default');
  });
});
