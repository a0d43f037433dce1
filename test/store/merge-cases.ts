import type { RuleUsage } from '../../src/attribution/attribute-flows.js';
import type { DailyRuleUsage, RejectedTraffic } from '../../src/findings/evidence.js';
import type { BatchUsage } from '../../src/store/batch-usage.js';
import { batchUsage, DAY, MARCH_1, NO_COUNTS } from './store-fixtures.js';

/**
 * How batches merge: each case commits its batches (one source each) in
 * order and names the parts of the merged usage it expects.
 */

const M = MARCH_1;

export function total(ruleId: string, values: Partial<RuleUsage> = {}): RuleUsage {
  const base = { hits: 1, exclusiveHits: 1, packets: 10, bytes: 1000 };
  return { ruleId, ...base, firstSeen: M + 100, lastSeen: M + 200, ...values };
}

export function daily(ruleId: string, day: string, values: Partial<DailyRuleUsage> = {}) {
  return { ...total(ruleId, values), day, ...values };
}

export function rejected(values: Partial<RejectedTraffic> = {}): RejectedTraffic {
  const base = { interfaceId: 'eni-1', direction: 'ingress' as const, peer: '203.0.113.9' };
  return { ...base, protocol: 6, port: 22, records: 1, lastSeen: M + 60, ...values };
}

export type Flat = Omit<BatchUsage, 'evidence'> & BatchUsage['evidence'];

export interface MergeCase {
  readonly name: string;
  readonly batches: readonly BatchUsage[];
  /** The parts of the merged usage this case is about. */
  readonly expected: Partial<Flat>;
}

export const MERGE_CASES: readonly MergeCase[] = [
  {
    name: 'totals add up; first seen takes the earliest, last seen the latest',
    batches: [
      batchUsage({ totals: [total('sgr-1', { hits: 2, firstSeen: M + 100, lastSeen: M + 200 })] }),
      batchUsage({
        totals: [
          total('sgr-1', { exclusiveHits: 0, firstSeen: M + 50, lastSeen: M + 150 }),
          total('sgr-2'),
        ],
      }),
    ],
    expected: {
      totals: [
        total('sgr-1', { hits: 3, packets: 20, bytes: 2000, firstSeen: M + 50, lastSeen: M + 200 }),
        total('sgr-2'),
      ],
    },
  },
  {
    name: 'an unknown first or last seen keeps the known one',
    batches: [
      batchUsage({ totals: [total('sgr-1', { firstSeen: null, lastSeen: null })] }),
      batchUsage({ totals: [total('sgr-1')] }),
      batchUsage({ totals: [total('sgr-1', { firstSeen: null, lastSeen: null })] }),
    ],
    expected: { totals: [total('sgr-1', { hits: 3, exclusiveHits: 3, packets: 30, bytes: 3000 })] },
  },
  {
    name: 'rows repeated within one batch are summed',
    batches: [batchUsage({ totals: [total('sgr-1'), total('sgr-1', { lastSeen: M + 900 })] })],
    expected: {
      totals: [
        total('sgr-1', { hits: 2, exclusiveHits: 2, packets: 20, bytes: 2000, lastSeen: M + 900 }),
      ],
    },
  },
  {
    name: 'daily rows add up per rule and day',
    batches: [
      batchUsage({ daily: [daily('sgr-1', '2024-03-01'), daily('sgr-1', '2024-03-02')] }),
      batchUsage({
        daily: [
          daily('sgr-1', '2024-03-02', { lastSeen: M + DAY + 5 }),
          daily('sgr-2', '2024-03-02'),
        ],
      }),
    ],
    expected: {
      daily: [
        daily('sgr-1', '2024-03-01'),
        daily('sgr-1', '2024-03-02', {
          hits: 2,
          exclusiveHits: 2,
          packets: 20,
          bytes: 2000,
          lastSeen: M + DAY + 5,
        }),
        daily('sgr-2', '2024-03-02'),
      ],
    },
  },
  {
    name: 'coverage adds records per interface and day',
    batches: [
      batchUsage({ coverage: [{ interfaceId: 'eni-1', day: '2024-03-01', records: 4 }] }),
      batchUsage({
        coverage: [
          { interfaceId: 'eni-1', day: '2024-03-01', records: 6 },
          { interfaceId: 'eni-1', day: '2024-03-02', records: 1 },
        ],
      }),
    ],
    expected: {
      coverage: [
        { interfaceId: 'eni-1', day: '2024-03-01', records: 10 },
        { interfaceId: 'eni-1', day: '2024-03-02', records: 1 },
      ],
    },
  },
  {
    name: 'ports and peers add hits per rule and port or network',
    batches: [
      batchUsage({
        ports: [{ ruleId: 'sgr-1', protocol: 6, port: 443, hits: 2 }],
        peers: [{ ruleId: 'sgr-1', network: '198.51.100.0/24', hits: 2 }],
      }),
      batchUsage({
        ports: [
          { ruleId: 'sgr-1', protocol: 6, port: 443, hits: 3 },
          { ruleId: 'sgr-1', protocol: 17, port: 443, hits: 1 },
        ],
        peers: [{ ruleId: 'sgr-1', network: '198.51.100.0/24', hits: 3 }],
      }),
    ],
    expected: {
      ports: [
        { ruleId: 'sgr-1', protocol: 6, port: 443, hits: 5 },
        { ruleId: 'sgr-1', protocol: 17, port: 443, hits: 1 },
      ],
      peers: [{ ruleId: 'sgr-1', network: '198.51.100.0/24', hits: 5 }],
    },
  },
  {
    name: 'overlaps merge by their set of rules, in whatever order they are listed',
    batches: [
      batchUsage({ overlaps: [{ ruleIds: ['sgr-2', 'sgr-1'], hits: 2 }] }),
      batchUsage({
        overlaps: [
          { ruleIds: ['sgr-1', 'sgr-2'], hits: 3 },
          { ruleIds: ['sgr-3', 'sgr-1'], hits: 1 },
        ],
      }),
    ],
    expected: {
      overlaps: [
        { ruleIds: ['sgr-1', 'sgr-2'], hits: 5 },
        { ruleIds: ['sgr-1', 'sgr-3'], hits: 1 },
      ],
    },
  },
  {
    name: 'rejected traffic adds up per peer and port, a missing port included',
    batches: [
      batchUsage({ rejected: [rejected(), rejected({ protocol: 1, port: null })] }),
      batchUsage({
        rejected: [
          rejected({ records: 2, lastSeen: M + 90 }),
          rejected({ protocol: 1, port: null }),
        ],
      }),
    ],
    expected: {
      rejected: [
        rejected({ protocol: 1, port: null, records: 2 }),
        rejected({ records: 3, lastSeen: M + 90 }),
      ],
    },
  },
  {
    name: 'flow counts add up',
    batches: [
      batchUsage({
        counts: { ...NO_COUNTS, records: 5, acceptedRecords: 4, firstStart: M, lastEnd: M + 60 },
      }),
      batchUsage({
        counts: {
          records: 7,
          acceptedRecords: 3,
          rejectedRecords: 2,
          malformedRecords: 1,
          firstStart: M + DAY,
          lastEnd: M + DAY + 60,
        },
      }),
      batchUsage({ counts: { ...NO_COUNTS, malformedRecords: 2 } }),
    ],
    expected: {
      counts: {
        records: 12,
        acceptedRecords: 7,
        rejectedRecords: 2,
        malformedRecords: 3,
        firstStart: M,
        lastEnd: M + DAY + 60,
      },
    },
  },
];
