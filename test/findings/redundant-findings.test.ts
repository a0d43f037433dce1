import { describe, expect, it } from 'vitest';

import { redundantFindings } from '../../src/findings/redundant-findings.js';
import { evidenceOf, reportOf, sgRule } from './fixtures.js';

const overlaps = [
  { ruleIds: ['sgr-a', 'sgr-b'], hits: 3 },
  { ruleIds: ['sgr-a', 'sgr-b', 'sgr-c'], hits: 5 },
  { ruleIds: ['sgr-b', 'sgr-c'], hits: 4 },
  { ruleIds: ['sgr-c', 'sgr-d'], hits: 2 },
];

describe('redundantFindings', () => {
  it('lists used rules without exclusive hits, with the rules that shared their traffic', () => {
    const rules = [
      reportOf(sgRule('sgr-a'), { hits: 8, exclusiveHits: 0 }),
      reportOf(sgRule('sgr-b'), { hits: 12, exclusiveHits: 0 }),
      reportOf(sgRule('sgr-c'), { hits: 20, exclusiveHits: 9 }),
    ];

    expect(redundantFindings({ rules, evidence: evidenceOf({ overlaps }) })).toEqual([
      {
        ruleId: 'sgr-a',
        groupId: 'sg-web',
        groupName: 'web',
        direction: 'ingress',
        hits: 8,
        alsoAllowedBy: [
          { ruleId: 'sgr-b', sharedHits: 8 },
          { ruleId: 'sgr-c', sharedHits: 5 },
        ],
      },
      {
        ruleId: 'sgr-b',
        groupId: 'sg-web',
        groupName: 'web',
        direction: 'ingress',
        hits: 12,
        alsoAllowedBy: [
          { ruleId: 'sgr-c', sharedHits: 9 },
          { ruleId: 'sgr-a', sharedHits: 8 },
        ],
      },
    ]);
  });

  it.each([
    ['with exclusive hits', { hits: 5, exclusiveHits: 1 }],
    ['without hits', { hits: 0, exclusiveHits: 0 }],
    ['stale, though its old hits were shared', { status: 'stale' as const, hits: 5 }],
  ])('leaves out a rule %s', (_name, fields) => {
    const rules = [reportOf(sgRule('sgr-a'), fields)];
    expect(redundantFindings({ rules, evidence: evidenceOf({ overlaps }) })).toEqual([]);
  });

  it('sorts rules with equal shared hits by rule id', () => {
    const rules = [reportOf(sgRule('sgr-x'), { hits: 2 })];
    const evidence = evidenceOf({
      overlaps: [
        { ruleIds: ['sgr-x', 'sgr-z'], hits: 1 },
        { ruleIds: ['sgr-w', 'sgr-x'], hits: 1 },
      ],
    });
    expect(redundantFindings({ rules, evidence })[0]?.alsoAllowedBy).toEqual([
      { ruleId: 'sgr-w', sharedHits: 1 },
      { ruleId: 'sgr-z', sharedHits: 1 },
    ]);
  });
});
