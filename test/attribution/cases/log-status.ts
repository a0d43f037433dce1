/**
 * § Usage records and § Coverage: only OK + ACCEPT is usage; REJECT is counted
 * apart; NODATA and SKIPDATA carry no flow but show that logging covers the
 * interface.
 */
import type { SemanticsCase } from './semantics-case.js';
import { FULL_FORMAT } from '../runners.js';
import { eni, flow, inventory, noFlow, rule } from '../fixtures.js';

const web = inventory({ rules: [rule('https')] });

export const logStatusCases: readonly SemanticsCase[] = [
  {
    name: 'an OK ACCEPT record is usage',
    inventory: web,
    records: [flow()],
    expected: { https: { hits: 1, exclusiveHits: 1, status: 'used' } },
    summary: { records: 1, acceptedRecords: 1, rejectedRecords: 0 },
  },
  {
    name: 'a REJECT record is no usage and is counted as rejected',
    inventory: web,
    records: [flow({ action: 'REJECT' })],
    expected: { https: { hits: 0, status: 'stale' } },
    summary: { records: 1, acceptedRecords: 0, rejectedRecords: 1 },
  },
  {
    name: 'a NODATA record is no usage but covers the interface',
    inventory: web,
    records: [noFlow('NODATA')],
    expected: { https: { hits: 0, status: 'stale' } },
    summary: { records: 1, acceptedRecords: 0, rejectedRecords: 0 },
  },
  {
    name: 'a SKIPDATA record is no usage but covers the interface',
    inventory: web,
    records: [noFlow('SKIPDATA')],
    expected: { https: { hits: 0, status: 'stale' } },
    summary: { records: 1, acceptedRecords: 0, rejectedRecords: 0 },
  },
  {
    name: 'a NODATA record of another interface of the group covers the group',
    inventory: inventory({
      rules: [rule('https')],
      interfaces: [eni('eni-1', ['sg-a'], ['10.0.0.10']), eni('eni-2', ['sg-a'], ['10.0.0.20'])],
    }),
    records: [noFlow('NODATA', { interfaceId: 'eni-2' })],
    expected: { https: { hits: 0, status: 'stale' } },
  },
  {
    name: 'without records of its interfaces a rule is unobserved',
    inventory: web,
    records: [],
    expected: { https: { hits: 0, status: 'unobserved' } },
    summary: { records: 0, acceptedRecords: 0, rejectedRecords: 0 },
  },
  {
    name: 'a record of an interface not in the inventory is accepted, matches and covers nothing',
    inventory: web,
    records: [flow({ interfaceId: 'eni-9' })],
    expected: { https: { hits: 0, status: 'unobserved' } },
    summary: { records: 1, acceptedRecords: 1, rejectedRecords: 0 },
  },
  {
    name: 'a format without log-status treats every record as OK',
    inventory: web,
    records: [flow({ logStatus: null })],
    file: { fields: FULL_FORMAT.filter((field) => field !== 'log-status') },
    expected: { https: { hits: 1, status: 'used' } },
    summary: { records: 1, acceptedRecords: 1 },
  },
];
