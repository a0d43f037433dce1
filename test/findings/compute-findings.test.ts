import { describe, expect, it } from 'vitest';

import { computeFindings } from '../../src/findings/compute-findings.js';
import type { FindingsInput } from '../../src/findings/findings.js';
import type { UsageEvidence } from '../../src/findings/evidence.js';
import {
  DAY,
  WINDOW_END,
  cidr,
  dailyHits,
  eni,
  evidenceOf,
  group,
  inventoryOf,
  jsonProblems,
  reportOf,
  sgRule,
} from './fixtures.js';

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();
const dayBefore = (days: number) => iso(WINDOW_END - days * DAY).slice(0, 10);

/** A small account with one finding of every kind. */
function accountInput(): FindingsInput {
  const rules = [
    sgRule('sgr-ssh-stale', { fromPort: 22, toPort: 22 }),
    sgRule('sgr-https', { peer: cidr('0.0.0.0/0') }),
    sgRule('sgr-https-office', { peer: cidr('10.0.0.0/8') }),
    sgRule('sgr-all-tcp', { fromPort: null, toPort: null, peer: cidr('10.0.0.0/16') }),
    sgRule('sgr-weekly', { fromPort: 5432, toPort: 5432, peer: cidr('10.1.0.0/16') }),
    sgRule('sgr-db', { groupId: 'sg-db', fromPort: 5432, toPort: 5432 }),
    sgRule('sgr-old', { groupId: 'sg-old' }),
  ];
  const inventory = inventoryOf({
    groups: [group('sg-web'), group('sg-db'), group('sg-old')],
    rules,
    interfaces: [eni('eni-web', ['sg-web']), eni('eni-db', ['sg-db'])],
  });
  const reports = [
    reportOf(rules[0]!, { status: 'stale' }),
    reportOf(rules[1]!, { hits: 9, exclusiveHits: 4, lastSeen: iso(WINDOW_END) }),
    reportOf(rules[2]!, { hits: 5, exclusiveHits: 0, lastSeen: iso(WINDOW_END) }),
    reportOf(rules[3]!, { hits: 10, exclusiveHits: 10, lastSeen: iso(WINDOW_END) }),
    reportOf(rules[4]!, { status: 'stale', hits: 3, lastSeen: iso(WINDOW_END - 5 * DAY) }),
    reportOf(rules[5]!, { status: 'unobserved' }),
    reportOf(rules[6]!, { status: 'unattached' }),
  ];
  const evidence: UsageEvidence = evidenceOf({
    daily: [19, 12, 5].map((days) => dailyHits('sgr-weekly', dayBefore(days))),
    coverage: [{ interfaceId: 'eni-web', day: dayBefore(1), records: 40 }],
    ports: [{ ruleId: 'sgr-all-tcp', protocol: 6, port: 8080, hits: 10 }],
    peers: [{ ruleId: 'sgr-https', network: '198.51.100.0/24', hits: 9 }],
    overlaps: [{ ruleIds: ['sgr-https', 'sgr-https-office'], hits: 5 }],
    rejected: [
      {
        interfaceId: 'eni-web',
        direction: 'ingress',
        peer: '203.0.113.5',
        protocol: 6,
        port: 23,
        records: 7,
        lastSeen: WINDOW_END,
      },
    ],
  });
  return { inventory, rules: reports, evidence, windowEnd: WINDOW_END, staleAfterDays: 3 };
}

describe('computeFindings', () => {
  const input = accountInput();
  const findings = computeFindings(input);

  it('finds every kind', () => {
    const ids = (list: readonly { ruleId: string }[]) => list.map((finding) => finding.ruleId);

    expect(ids(findings.stale)).toEqual(['sgr-ssh-stale']);
    expect(ids(findings.unobserved)).toEqual(['sgr-db']);
    expect(findings.unattached.map((finding) => finding.groupId)).toEqual(['sg-old']);
    expect(ids(findings.redundant)).toEqual(['sgr-https-office']);
    expect(ids(findings.shadowed)).toEqual(['sgr-https-office']);
    expect(findings.narrowing.map((f) => [f.ruleId, f.target])).toEqual([
      ['sgr-all-tcp', 'ports'],
      ['sgr-https', 'peer'],
    ]);
    expect(findings.risky.map((f) => [f.ruleId, f.exposure])).toEqual([
      ['sgr-ssh-stale', 'admin'],
      ['sgr-db', 'database'],
    ]);
    expect(ids(findings.cadence)).toEqual(['sgr-weekly']);
    expect(findings.rejected.map((f) => [f.scope, f.groupId])).toEqual([
      ['all-interfaces', null],
      ['group', 'sg-web'],
    ]);
  });

  it('does not call a weekly rule stale before it has missed a run', () => {
    expect(findings.cadence[0]).toMatchObject({ intervalDays: 7, overdue: false });
    expect(findings.stale.map((finding) => finding.ruleId)).not.toContain('sgr-weekly');
  });

  it('calls it stale once it has missed one', () => {
    const later = computeFindings({ ...input, windowEnd: WINDOW_END + 4 * DAY });
    expect(later.cadence[0]?.overdue).toBe(true);
    expect(later.stale.map((finding) => finding.ruleId)).toContain('sgr-weekly');
  });

  it('is plain JSON: no undefined, NaN or bigint, and survives a round trip', () => {
    expect(jsonProblems(findings)).toEqual([]);
    expect(JSON.parse(JSON.stringify(findings))).toEqual(findings);
  });

  it('does not depend on the order of its inputs', () => {
    const reversed: FindingsInput = {
      ...input,
      inventory: {
        groups: [...input.inventory.groups].reverse(),
        rules: [...input.inventory.rules].reverse(),
        interfaces: [...input.inventory.interfaces].reverse(),
        prefixLists: [],
      },
      rules: [...input.rules].reverse(),
    };
    expect(computeFindings(reversed)).toEqual(findings);
  });

  it('does not mutate its input', () => {
    const before = JSON.stringify(input);
    computeFindings(input);
    expect(JSON.stringify(input)).toBe(before);
  });

  it('finds nothing in an empty account', () => {
    const empty = computeFindings({
      inventory: inventoryOf({}),
      rules: [],
      evidence: evidenceOf(),
      windowEnd: null,
      staleAfterDays: 30,
    });
    expect(Object.values(empty).every((list) => list.length === 0)).toBe(true);
  });
});
