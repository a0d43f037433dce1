/**
 * § Direction and § Effective addresses: flow-direction wins; otherwise the
 * (pkt-)destination or (pkt-)source on the interface decides; otherwise the
 * record matches nothing.
 */
import type { SemanticsCase } from './semantics-case.js';
import { allOut, CLIENT, egress, eni, flow, inventory, rule, SERVER } from '../fixtures.js';

/** eni-1 serves HTTPS to anyone and may open anything. */
const web = inventory({ rules: [rule('https'), allOut('out')] });

/** The same server with a secondary private address. */
const withSecondary = inventory({
  rules: [rule('https'), allOut('out')],
  interfaces: [eni('eni-1', ['sg-a'], [SERVER, '10.0.0.11'])],
});

/** A connection the server opens to a remote HTTPS server. */
const outbound = { srcaddr: SERVER, srcport: 40000, dstaddr: '198.51.100.7', dstport: 443 };

export const directionCases: readonly SemanticsCase[] = [
  {
    name: 'a record to an interface address is ingress',
    inventory: web,
    records: [flow()],
    expected: { https: { hits: 1 }, out: { hits: 0 } },
  },
  {
    name: 'a record from an interface address is egress',
    inventory: web,
    records: [flow(outbound)],
    expected: { https: { hits: 0 }, out: { hits: 1 } },
  },
  {
    name: 'flow-direction egress wins over a destination on the interface',
    inventory: web,
    records: [flow({ flowDirection: 'egress' })],
    expected: { https: { hits: 0 }, out: { hits: 1 } },
  },
  {
    name: 'flow-direction ingress wins over a source on the interface',
    inventory: web,
    records: [flow({ ...outbound, flowDirection: 'ingress' })],
    expected: { https: { hits: 1 }, out: { hits: 0 } },
  },
  {
    name: 'flow-direction applies when neither address is on the interface',
    inventory: web,
    records: [flow({ srcaddr: '198.51.100.7', dstaddr: '10.9.9.9', flowDirection: 'ingress' })],
    expected: { https: { hits: 1 } },
  },
  {
    name: 'a record with neither address on the interface matches nothing but is accepted',
    inventory: web,
    records: [flow({ dstaddr: '10.0.0.99' })],
    expected: { https: { hits: 0, status: 'stale' }, out: { hits: 0 } },
    summary: { acceptedRecords: 1 },
  },
  {
    name: 'pkt-dstaddr on the interface makes the record ingress',
    inventory: web,
    records: [flow({ dstaddr: '10.0.0.99', pktDstaddr: SERVER })],
    expected: { https: { hits: 1 } },
  },
  {
    name: 'dstaddr on the interface does not count when pkt-dstaddr is elsewhere',
    inventory: web,
    records: [flow({ pktDstaddr: '10.0.0.99' })],
    expected: { https: { hits: 0 }, out: { hits: 0 } },
  },
  {
    name: 'pkt-srcaddr on the interface makes the record egress',
    inventory: web,
    records: [flow({ ...outbound, srcaddr: '10.0.0.99', pktSrcaddr: SERVER })],
    expected: { https: { hits: 0 }, out: { hits: 1 } },
  },
  {
    name: 'pkt-srcaddr, not srcaddr, is the peer of an ingress record',
    inventory: inventory({
      rules: [
        rule('from-client', { peer: `${CLIENT}/32` }),
        rule('from-nlb', { peer: '10.0.5.5/32' }),
      ],
    }),
    records: [flow({ srcaddr: '10.0.5.5', pktSrcaddr: CLIENT })],
    expected: { 'from-client': { hits: 1 }, 'from-nlb': { hits: 0 } },
  },
  {
    name: 'pkt-dstaddr, not dstaddr, is the peer of an egress record',
    inventory: inventory({
      rules: [
        egress('to-db', { ports: [5432, 5432], peer: '10.0.2.20/32' }),
        egress('to-nat', { ports: [5432, 5432], peer: '10.0.9.9/32' }),
      ],
    }),
    records: [flow({ ...outbound, dstaddr: '10.0.9.9', pktDstaddr: '10.0.2.20', dstport: 5432 })],
    expected: { 'to-db': { hits: 1 }, 'to-nat': { hits: 0 } },
  },
  {
    name: 'traffic to a secondary address (dstaddr primary, pkt-dstaddr secondary) is ingress',
    inventory: withSecondary,
    records: [flow({ pktDstaddr: '10.0.0.11' })],
    expected: { https: { hits: 1 } },
  },
  {
    name: 'traffic to a secondary address in dstaddr is ingress',
    inventory: withSecondary,
    records: [flow({ dstaddr: '10.0.0.11' })],
    expected: { https: { hits: 1 } },
  },
  {
    name: 'traffic to an address missing from the inventory has no direction',
    inventory: web,
    records: [flow({ pktDstaddr: '10.0.0.11' })],
    expected: { https: { hits: 0 } },
  },
  {
    name: 'an IPv6 address on the interface is recognised in any text form',
    inventory: inventory({
      rules: [rule('https6', { peer: '::/0' })],
      interfaces: [eni('eni-1', ['sg-a'], [SERVER, '2001:db8::10'])],
    }),
    records: [
      flow({ srcaddr: '2001:db8:ffff::5', dstaddr: '2001:0db8:0000:0000:0000:0000:0000:0010' }),
    ],
    expected: { https6: { hits: 1 } },
  },
];
