/**
 * § Matching: protocol, port and peer of a request record against each rule of
 * the groups on its interface.
 */
import type { FlowRecord } from '../../../src/flow-logs/flow-record.js';
import type { SemanticsCase } from './semantics-case.js';
import { egress, eni, flow, inventory, rule, SERVER } from '../fixtures.js';

const SERVER6 = '2001:db8::10';
const CLIENT6 = '2001:db8:ffff::5';

/** eni-1 with an IPv4 and an IPv6 address. */
const DUAL = eni('eni-1', ['sg-a'], [SERVER, SERVER6]);

/** An accepted IPv6 request to the server's IPv6 address. */
function flow6(overrides: Partial<FlowRecord> = {}): FlowRecord {
  return flow({ srcaddr: CLIENT6, dstaddr: SERVER6, ...overrides });
}

/** One ingress rule in sg-a from `peer`, on the dual-stack server, plus an app server in sg-b. */
function fromPeer(peer: string): SemanticsCase['inventory'] {
  return inventory({
    rules: [rule('r', { peer })],
    interfaces: [DUAL, eni('eni-2', ['sg-b'], ['10.0.1.20', '10.0.1.21', '2001:db8::20'])],
    prefixLists: [
      { prefixListId: 'pl-1', cidrs: ['203.0.113.0/24', '2001:db8:ffff::/48'] },
      { prefixListId: 'pl-empty', cidrs: [] },
    ],
  });
}

/** A single ingress request, and whether rule `r` matches it. */
function peerCase(name: string, peer: string, record: FlowRecord, hits: number): SemanticsCase {
  return { name, inventory: fromPeer(peer), records: [record], expected: { r: { hits } } };
}

const alt = inventory({ rules: [rule('alt', { ports: [8000, 8080] })] });

function portCase(name: string, dstport: number, hits: number): SemanticsCase {
  return { name, inventory: alt, records: [flow({ dstport })], expected: { alt: { hits } } };
}

export const protocolAndPortCases: readonly SemanticsCase[] = [
  {
    name: 'a protocol -1 rule matches any protocol, GRE (47) included',
    inventory: inventory({ rules: [rule('all', { protocol: -1 }), rule('https')] }),
    records: [flow({ protocol: 47, srcport: 0, dstport: 0 })],
    expected: { all: { hits: 1, exclusiveHits: 1 }, https: { hits: 0 } },
  },
  {
    name: 'a UDP record matches rules for udp by name and by number, not tcp',
    inventory: inventory({
      rules: [
        rule('dns-name', { protocol: 'udp', ports: [53, 53] }),
        rule('dns-number', { protocol: '17', ports: [53, 53] }),
        rule('dns-tcp', { protocol: 'tcp', ports: [53, 53] }),
      ],
    }),
    records: [flow({ protocol: 17, dstport: 53 })],
    expected: {
      'dns-name': { hits: 1, exclusiveHits: 0 },
      'dns-number': { hits: 1, exclusiveHits: 0 },
      'dns-tcp': { hits: 0 },
    },
  },
  {
    name: 'an icmp rule for one type matches any ICMP record, an icmpv6 rule does not',
    inventory: inventory({
      rules: [
        rule('echo', { protocol: 'icmp', ports: [8, 0] }),
        rule('echo6', { protocol: 'icmpv6', ports: [128, 0] }),
      ],
      interfaces: [DUAL],
    }),
    records: [flow({ protocol: 1, srcport: 0, dstport: 0 })],
    expected: { echo: { hits: 1 }, echo6: { hits: 0 } },
  },
  {
    name: 'an icmpv6 rule matches any ICMPv6 record, an icmp rule does not',
    inventory: inventory({
      rules: [
        rule('echo', { protocol: 'icmp', ports: [8, 0], peer: '::/0' }),
        rule('echo6', { protocol: 'icmpv6', ports: [128, 0], peer: '::/0' }),
      ],
      interfaces: [DUAL],
    }),
    records: [flow6({ protocol: 58, srcport: 0, dstport: 0 })],
    expected: { echo: { hits: 0 }, echo6: { hits: 1 } },
  },
  portCase('fromPort is inside the range', 8000, 1),
  portCase('toPort is inside the range', 8080, 1),
  portCase('toPort + 1 is outside the range', 8081, 0),
  portCase('fromPort - 1 is outside the range', 7999, 0),
  {
    name: 'a TCP rule without ports matches any port',
    inventory: inventory({ rules: [rule('any-tcp', { ports: [null, null] })] }),
    records: [flow({ dstport: 22 })],
    expected: { 'any-tcp': { hits: 1 } },
  },
  {
    name: 'an egress request is matched on its destination port',
    inventory: inventory({
      rules: [egress('pg', { ports: [5432, 5432], peer: '10.0.2.0/24' })],
    }),
    records: [flow({ srcaddr: SERVER, srcport: 40000, dstaddr: '10.0.2.20', dstport: 5432 })],
    expected: { pg: { hits: 1 } },
  },
  {
    name: 'an egress rule does not match an ingress request',
    inventory: inventory({ rules: [egress('https-out')] }),
    records: [flow()],
    expected: { 'https-out': { hits: 0 } },
  },
];

export const peerCases: readonly SemanticsCase[] = [
  peerCase('an IPv4 /32 matches its address', '203.0.113.5/32', flow(), 1),
  peerCase('an IPv4 /32 does not match a neighbouring address', '203.0.113.4/32', flow(), 0),
  peerCase('0.0.0.0/0 matches any IPv4 address', '0.0.0.0/0', flow({ srcaddr: '1.2.3.4' }), 1),
  peerCase(
    'the first address of a block is inside',
    '198.51.100.0/24',
    flow({ srcaddr: '198.51.100.0' }),
    1,
  ),
  peerCase(
    'the last address of a block is inside',
    '198.51.100.0/24',
    flow({ srcaddr: '198.51.100.255' }),
    1,
  ),
  peerCase(
    'the address after a block is outside',
    '198.51.100.0/24',
    flow({ srcaddr: '198.51.101.0' }),
    0,
  ),
  peerCase(
    'the address before a block is outside',
    '198.51.100.0/24',
    flow({ srcaddr: '198.51.99.255' }),
    0,
  ),
  peerCase('an IPv6 CIDR matches an IPv6 peer inside', '2001:db8:ffff::/64', flow6(), 1),
  peerCase(
    'the last address of an IPv6 CIDR is inside',
    '2001:db8:ffff::/64',
    flow6({ srcaddr: '2001:db8:ffff:0:ffff:ffff:ffff:ffff' }),
    1,
  ),
  peerCase(
    'the address after an IPv6 CIDR is outside',
    '2001:db8:ffff::/64',
    flow6({ srcaddr: '2001:db8:ffff:1::' }),
    0,
  ),
  peerCase('0.0.0.0/0 does not match an IPv6 peer', '0.0.0.0/0', flow6(), 0),
  peerCase('::/0 does not match an IPv4 peer', '::/0', flow(), 0),
  peerCase('::/0 matches any IPv6 peer', '::/0', flow6(), 1),
  peerCase('a prefix list matches by an IPv4 entry', 'pl-1', flow(), 1),
  peerCase('a prefix list matches by an IPv6 entry', 'pl-1', flow6(), 1),
  peerCase(
    'a prefix list does not match outside its entries',
    'pl-1',
    flow({ srcaddr: '198.51.100.7' }),
    0,
  ),
  peerCase('a prefix list without entries matches nothing', 'pl-empty', flow(), 0),
  peerCase('a prefix list missing from the inventory matches nothing', 'pl-gone', flow(), 0),
  peerCase(
    'a referenced group matches its primary address',
    'sg-b',
    flow({ srcaddr: '10.0.1.20' }),
    1,
  ),
  peerCase(
    'a referenced group matches a secondary IPv4 address',
    'sg-b',
    flow({ srcaddr: '10.0.1.21' }),
    1,
  ),
  peerCase(
    'a referenced group matches an IPv6 address',
    'sg-b',
    flow6({ srcaddr: '2001:db8::20' }),
    1,
  ),
  peerCase(
    'a referenced group does not match its neighbours',
    'sg-b',
    flow({ srcaddr: '10.0.1.22' }),
    0,
  ),
  peerCase(
    'a group attached nowhere matches nothing',
    'sg-gone',
    flow({ srcaddr: '10.0.1.20' }),
    0,
  ),
  {
    name: 'a self-referencing group matches its other members',
    inventory: inventory({
      rules: [rule('from-self', { peer: 'sg-a' })],
      interfaces: [eni('eni-1', ['sg-a'], [SERVER]), eni('eni-3', ['sg-a'], ['10.0.0.30'])],
    }),
    records: [flow({ srcaddr: '10.0.0.30' })],
    expected: { 'from-self': { hits: 1 } },
  },
];
