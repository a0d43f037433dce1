import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import type { RuleOverlap } from '../../src/findings/evidence.js';
import { cidr, sgRule } from './fixtures.js';
import { planFor, redundant } from './remediation-fixture.js';

describe('planRemediation never refuses observed traffic', () => {
  const ids = Array.from({ length: 7 }, (_, i) => `sgr-${i}`);

  const arbitraryCase = fc.record({
    usage: fc.tuple(
      ...ids.map(() =>
        fc.record({
          hits: fc.integer({ min: 1, max: 6 }),
          exclusive: fc.boolean(),
          stale: fc.boolean(),
        }),
      ),
    ),
    configs: fc.tuple(
      ...ids.map(() => fc.record({ port: fc.constantFrom(80, 443), wide: fc.boolean() })),
    ),
    overlaps: fc.array(
      fc.record({
        ruleIds: fc.subarray(ids, { minLength: 2 }),
        hits: fc.integer({ min: 1, max: 5 }),
      }),
      { maxLength: 8 },
    ),
    kinds: fc.subarray(['stale', 'redundant', 'shadowed'] as const, { minLength: 1 }),
  });

  it('keeps a rule of every overlap, unless all of them are unused', () => {
    fc.assert(
      fc.property(arbitraryCase, ({ usage, configs, overlaps, kinds }) => {
        const rules = ids.map((id, i) =>
          sgRule(id, {
            fromPort: configs[i]?.port ?? 80,
            toPort: configs[i]?.port ?? 80,
            peer: cidr(configs[i]?.wide === true ? '10.0.0.0/8' : '10.1.0.0/16'),
          }),
        );
        const reports = Object.fromEntries(
          ids.map((id, i) => {
            const u = usage[i] ?? { hits: 1, exclusive: false, stale: false };
            const status = u.stale ? 'stale' : 'used';
            return [id, { status, hits: u.hits, exclusiveHits: u.exclusive ? 1 : 0 } as const];
          }),
        );
        const { plan } = planFor({ rules, usage: reports, overlaps, kinds });
        const kindOf = new Map(plan.revocations.map((entry) => [entry.rule.ruleId, entry.kind]));

        for (const overlap of overlaps as RuleOverlap[]) {
          const allRevoked = overlap.ruleIds.every((id) => kindOf.has(id));
          const allStale = overlap.ruleIds.every((id) => kindOf.get(id) === 'stale');
          expect(!allRevoked || allStale).toBe(true);
        }
        for (const [id, kind] of kindOf) {
          if (kind === 'redundant') expect(reports[id]?.exclusiveHits).toBe(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps exactly one rule of a cluster redundant only because of each other', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 2, maxLength: 7 }),
        (hits) => {
          const members = ids.slice(0, hits.length);
          const { plan } = planFor({
            rules: members.map((id, i) => sgRule(id, { fromPort: 1000 + i, toPort: 1000 + i })),
            usage: Object.fromEntries(members.map((id, i) => [id, redundant(hits[i] ?? 1)])),
            overlaps: [{ ruleIds: members, hits: 1 }],
            kinds: ['redundant'],
          });

          expect(plan.kept).toHaveLength(1);
          expect(plan.revocations).toHaveLength(members.length - 1);
          const keptHits = hits[members.indexOf(plan.kept[0]?.ruleId ?? '')];
          expect(keptHits).toBe(Math.max(...hits));
        },
      ),
    );
  });
});
