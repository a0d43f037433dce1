/**
 * § Well-formed records: the semantics apply to records that parse; the
 * engine's malformed rules decide which do. Malformed records are counted
 * apart and neither count, nor cover, nor match.
 */
import type { SemanticsCase } from './semantics-case.js';
import { flow, inventory, noFlow, rule, T0 } from '../fixtures.js';

const web = inventory({ rules: [rule('https')] });

export const wellFormedCases: readonly SemanticsCase[] = [
  {
    name: 'a NODATA record without addresses, ports or action is well formed',
    inventory: web,
    records: [noFlow('NODATA')],
    expected: { https: { status: 'stale' } },
    summary: { records: 1, malformedRecords: 0 },
  },
  {
    name: 'an OK record without protocol is malformed',
    inventory: web,
    records: [flow({ protocol: null })],
    expected: { https: { hits: 0, status: 'unobserved' } },
    summary: { records: 0, malformedRecords: 1 },
  },
  {
    name: 'an OK record without action is malformed',
    inventory: web,
    records: [flow({ action: null })],
    expected: { https: { hits: 0, status: 'unobserved' } },
    summary: { records: 0, malformedRecords: 1 },
  },
  {
    name: 'a record that ends before it starts is malformed',
    inventory: web,
    records: [flow({ start: T0 + 60, end: T0 })],
    expected: { https: { hits: 0, status: 'unobserved' } },
    summary: { records: 0, malformedRecords: 1 },
  },
  {
    name: 'a record whose source address does not parse is malformed',
    inventory: web,
    records: [flow({ srcaddr: '203.0.113.256' })],
    expected: { https: { hits: 0, status: 'unobserved' } },
    summary: { records: 0, malformedRecords: 1 },
  },
  {
    name: 'a record with a bad address outside the window is left out, not counted as malformed',
    inventory: web,
    records: [flow({ srcaddr: '203.0.113.256' }), flow({ start: T0 + 660, end: T0 + 600 })],
    options: { since: new Date((T0 + 3600) * 1000) },
    expected: { https: { hits: 0, status: 'unobserved' } },
    summary: { records: 0, malformedRecords: 1 },
  },
  {
    name: 'a malformed record beside a good one leaves the good one alone',
    inventory: web,
    records: [flow({ srcaddr: 'not-an-address' }), flow({ srcport: 40001 })],
    expected: { https: { hits: 1, status: 'used' } },
    summary: { records: 1, acceptedRecords: 1, malformedRecords: 1 },
  },
  {
    name: 'a TCP record without ports matches only rules without a port range',
    inventory: inventory({
      rules: [
        rule('https'),
        rule('any-tcp', { ports: [null, null] }),
        rule('all', { protocol: -1 }),
      ],
    }),
    records: [flow({ srcport: null, dstport: null })],
    expected: { https: { hits: 0 }, 'any-tcp': { hits: 1 }, all: { hits: 1 } },
    summary: { records: 1, malformedRecords: 0 },
  },
];
