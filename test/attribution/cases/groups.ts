/**
 * § Matching (which rules compete) and § Per rule, exclusiveHits: every rule
 * of every group on the record's interface competes; a hit is exclusive when
 * only one rule matched it.
 */
import type { SemanticsCase } from './semantics-case.js';
import { CLIENT, eni, flow, inventory, rule, SERVER } from '../fixtures.js';

/** eni-1 in sg-a and sg-b; sg-a allows HTTPS from anyone, sg-b from CLIENT's /24. */
const twoGroups = inventory({
  rules: [rule('a-https'), rule('b-https', { group: 'sg-b', peer: '203.0.113.0/24' })],
  interfaces: [eni('eni-1', ['sg-a', 'sg-b'], [SERVER])],
});

export const groupCases: readonly SemanticsCase[] = [
  {
    name: 'rules of two groups on one interface both matching: hits for both, exclusive for neither',
    inventory: twoGroups,
    records: [flow()],
    expected: {
      'a-https': { hits: 1, exclusiveHits: 0 },
      'b-https': { hits: 1, exclusiveHits: 0 },
    },
  },
  {
    name: 'only one of the two groups matching: its hit is exclusive',
    inventory: twoGroups,
    records: [flow({ srcaddr: '198.51.100.7' })],
    expected: {
      'a-https': { hits: 1, exclusiveHits: 1 },
      'b-https': { hits: 0, exclusiveHits: 0 },
    },
  },
  {
    name: 'exclusivity is decided record by record across the groups',
    inventory: twoGroups,
    records: [flow(), flow({ srcaddr: '198.51.100.7' })],
    expected: {
      'a-https': { hits: 2, exclusiveHits: 1 },
      'b-https': { hits: 1, exclusiveHits: 0 },
    },
  },
  {
    name: 'overlapping rules of one group share the hit',
    inventory: inventory({ rules: [rule('wide'), rule('narrow', { peer: `${CLIENT}/32` })] }),
    records: [flow()],
    expected: { wide: { hits: 1, exclusiveHits: 0 }, narrow: { hits: 1, exclusiveHits: 0 } },
  },
  {
    name: 'a group attached to another interface neither matches nor takes exclusivity',
    inventory: inventory({
      rules: [rule('a-https'), rule('b-https', { group: 'sg-b' })],
      interfaces: [eni('eni-1', ['sg-a'], [SERVER]), eni('eni-2', ['sg-b'], ['10.0.0.20'])],
    }),
    records: [flow()],
    expected: {
      'a-https': { hits: 1, exclusiveHits: 1 },
      'b-https': { hits: 0, status: 'unobserved' },
    },
  },
  {
    name: 'the same group on two interfaces counts the hits of both',
    inventory: inventory({
      rules: [rule('https')],
      interfaces: [eni('eni-1', ['sg-a'], [SERVER]), eni('eni-2', ['sg-a'], ['10.0.0.20'])],
    }),
    records: [flow(), flow({ interfaceId: 'eni-2', dstaddr: '10.0.0.20' })],
    expected: { https: { hits: 2, exclusiveHits: 2 } },
  },
];
