import { describe, expect, it } from 'vitest';

import type { RuleReport } from '../../src/report/report.js';
import { cidr, sgRule } from './fixtures.js';
import { planFor, redundant, stale } from './remediation-fixture.js';

const revokedIds = (plan: ReturnType<typeof planFor>['plan']) =>
  plan.revocations.map((entry) => [entry.rule.ruleId, entry.kind]);

describe('planRemediation', () => {
  const tcp = (ruleId: string, port: number, peer = '10.0.0.0/8') =>
    sgRule(ruleId, { fromPort: port, toPort: port, peer: cidr(peer) });

  it('revokes stale rules by default, with their evidence', () => {
    const { plan } = planFor({
      rules: [tcp('sgr-stale', 22), tcp('sgr-used', 443), tcp('sgr-redundant', 80)],
      usage: { 'sgr-stale': stale, 'sgr-redundant': redundant(3) },
      overlaps: [{ ruleIds: ['sgr-redundant', 'sgr-used'], hits: 3 }],
    });

    expect(plan.kinds).toEqual(['stale']);
    expect(revokedIds(plan)).toEqual([['sgr-stale', 'stale']]);
    expect(plan.revocations[0]?.reason).toBe(
      'stale: no hit in the last 30 days, never seen in the window; 0 hits in the window; group logged on 0 days',
    );
  });

  it('keeps exactly one of three rules redundant only because of each other', () => {
    const { plan } = planFor({
      rules: [
        tcp('sgr-a', 443, '10.0.0.0/16'),
        tcp('sgr-b', 443, '10.0.0.0/8'),
        tcp('sgr-c', 443, '10.0.0.0/12'),
      ],
      usage: { 'sgr-a': redundant(10), 'sgr-b': redundant(10), 'sgr-c': redundant(4) },
      overlaps: [
        { ruleIds: ['sgr-a', 'sgr-b', 'sgr-c'], hits: 4 },
        { ruleIds: ['sgr-a', 'sgr-b'], hits: 6 },
      ],
      kinds: ['redundant'],
    });

    expect(revokedIds(plan)).toEqual([
      ['sgr-b', 'redundant'],
      ['sgr-c', 'redundant'],
    ]);
    expect(plan.kept).toEqual([
      {
        ruleId: 'sgr-a',
        groupId: 'sg-web',
        keepsCovered: ['sgr-b', 'sgr-c'],
        reason:
          'the only rule left for 10 requests it shared with sgr-b, sgr-c; ' +
          'kept as the narrowest of the rules with as many hits',
      },
    ]);
    expect(plan.revocations[0]?.reason).toBe(
      'redundant: each of its 10 requests was also allowed by a rule that stays (sgr-a)',
    );
  });

  it.each<[string, Record<string, Partial<RuleReport>>, string, string]>([
    [
      'most hits',
      { 'sgr-a': redundant(3), 'sgr-b': redundant(9), 'sgr-c': redundant(5) },
      'sgr-b',
      'kept for having the most hits (9)',
    ],
    [
      'the smallest rule id on a full tie',
      { 'sgr-a': redundant(5), 'sgr-b': redundant(5), 'sgr-c': redundant(5) },
      'sgr-a',
      'kept for the smallest rule id among rules as used and as wide',
    ],
  ])('keeps one of a 3-rule mutual overlap by %s', (_name, usage, keptId, because) => {
    const { plan } = planFor({
      rules: [tcp('sgr-a', 443), tcp('sgr-b', 8443), tcp('sgr-c', 9443)],
      usage,
      overlaps: [{ ruleIds: ['sgr-a', 'sgr-b', 'sgr-c'], hits: 5 }],
      kinds: ['redundant'],
    });

    expect(plan.kept.map((entry) => entry.ruleId)).toEqual([keptId]);
    expect(plan.kept[0]?.reason).toContain(because);
    expect(plan.revocations.map((entry) => entry.rule.ruleId).sort()).toEqual(
      ['sgr-a', 'sgr-b', 'sgr-c'].filter((id) => id !== keptId),
    );
  });

  it('keeps two of three rules that overlap pair by pair: each pair needs one', () => {
    const { plan } = planFor({
      rules: [tcp('sgr-a', 443), tcp('sgr-b', 8443), tcp('sgr-c', 9443)],
      usage: { 'sgr-a': redundant(3), 'sgr-b': redundant(9), 'sgr-c': redundant(5) },
      overlaps: [
        { ruleIds: ['sgr-a', 'sgr-b'], hits: 1 },
        { ruleIds: ['sgr-b', 'sgr-c'], hits: 1 },
        { ruleIds: ['sgr-a', 'sgr-c'], hits: 1 },
      ],
      kinds: ['redundant'],
    });

    expect(revokedIds(plan)).toEqual([['sgr-a', 'redundant']]);
    expect(plan.kept.map((entry) => [entry.ruleId, entry.keepsCovered])).toEqual([
      ['sgr-b', ['sgr-a']],
      ['sgr-c', ['sgr-a']],
    ]);
  });

  it('never revokes a rule with exclusive hits as redundant', () => {
    const { plan, findings } = planFor({
      rules: [tcp('sgr-wide', 443, '0.0.0.0/0'), tcp('sgr-narrow', 8443)],
      usage: {
        'sgr-wide': { status: 'used', hits: 9, exclusiveHits: 4 },
        'sgr-narrow': redundant(5),
      },
      overlaps: [{ ruleIds: ['sgr-narrow', 'sgr-wide'], hits: 5 }],
      kinds: ['redundant'],
    });

    expect(findings.redundant.map((finding) => finding.ruleId)).toEqual(['sgr-narrow']);
    expect(revokedIds(plan)).toEqual([['sgr-narrow', 'redundant']]);
    expect(plan.kept).toEqual([]);
  });

  it('keeps a redundant rule whose overlap partners are all revoked as stale', () => {
    const { plan } = planFor({
      rules: [tcp('sgr-old', 443), tcp('sgr-new', 8443)],
      usage: { 'sgr-old': { status: 'stale', hits: 2, exclusiveHits: 0 }, 'sgr-new': redundant(2) },
      overlaps: [{ ruleIds: ['sgr-new', 'sgr-old'], hits: 2 }],
      kinds: ['stale', 'redundant'],
    });

    expect(revokedIds(plan)).toEqual([['sgr-old', 'stale']]);
    expect(plan.kept.map((entry) => [entry.ruleId, entry.keepsCovered, entry.reason])).toEqual([
      [
        'sgr-new',
        ['sgr-old'],
        'the only rule left for 2 requests it shared with sgr-old; the other rules are revoked for other findings',
      ],
    ]);
  });

  it('skips a redundant rule without overlap evidence', () => {
    const { plan } = planFor({
      rules: [tcp('sgr-a', 443)],
      usage: { 'sgr-a': redundant(2) },
      kinds: ['redundant'],
    });
    expect(plan.revocations).toEqual([]);
    expect(plan.skipped).toEqual([
      {
        ruleId: 'sgr-a',
        kind: 'redundant',
        reason: 'no overlap in the evidence shows which other rule allowed its requests',
      },
    ]);
  });

  it('revokes a shadowed rule only while its covering rule stays', () => {
    const rules = [tcp('sgr-cover', 443, '10.0.0.0/8'), tcp('sgr-inner', 443, '10.1.0.0/16')];

    const kept = planFor({ rules, kinds: ['shadowed'] }).plan;
    expect(revokedIds(kept)).toEqual([['sgr-inner', 'shadowed']]);
    expect(kept.revocations[0]?.reason).toBe(
      'shadowed: sgr-cover allows tcp 443 from 10.0.0.0/8, which includes tcp 443 from 10.1.0.0/16',
    );

    const coverStale = planFor({
      rules,
      usage: { 'sgr-cover': stale },
      kinds: ['stale', 'shadowed'],
    });
    expect(revokedIds(coverStale.plan)).toEqual([['sgr-cover', 'stale']]);
    expect(coverStale.plan.skipped).toEqual([
      {
        ruleId: 'sgr-inner',
        kind: 'shadowed',
        reason: 'its covering rule sgr-cover is revoked as stale',
      },
    ]);
  });

  it('keeps the covering rule of a revoked shadowed rule even when it is redundant', () => {
    const { plan } = planFor({
      rules: [
        tcp('sgr-cover', 443, '10.0.0.0/8'),
        tcp('sgr-inner', 443, '10.1.0.0/16'),
        tcp('sgr-other', 443, '10.0.0.0/9'),
      ],
      usage: { 'sgr-cover': redundant(1), 'sgr-inner': redundant(1), 'sgr-other': redundant(1) },
      overlaps: [{ ruleIds: ['sgr-cover', 'sgr-other'], hits: 1 }],
      kinds: ['redundant', 'shadowed'],
    });

    expect(revokedIds(plan)).toEqual([
      ['sgr-inner', 'shadowed'],
      ['sgr-other', 'shadowed'],
    ]);
    expect(plan.kept).toEqual([
      {
        ruleId: 'sgr-cover',
        groupId: 'sg-web',
        keepsCovered: ['sgr-inner', 'sgr-other'],
        reason: 'it covers sgr-inner, sgr-other, revoked as shadowed',
      },
    ]);
  });

  it('revokes the rules of unattached groups and unobserved rules when asked', () => {
    const { plan } = planFor({
      rules: [
        sgRule('sgr-gone-1', { groupId: 'sg-unattached' }),
        sgRule('sgr-gone-2', { groupId: 'sg-unattached', direction: 'egress' }),
        tcp('sgr-unseen', 22),
      ],
      usage: {
        'sgr-gone-1': { status: 'unattached' },
        'sgr-gone-2': { status: 'unattached' },
        'sgr-unseen': { status: 'unobserved' },
      },
      kinds: ['unattached', 'unobserved'],
    });

    expect(revokedIds(plan)).toEqual([
      ['sgr-gone-1', 'unattached'],
      ['sgr-gone-2', 'unattached'],
      ['sgr-unseen', 'unobserved'],
    ]);
    expect(plan.kinds).toEqual(['unobserved', 'unattached']);
  });
});
