/**
 * § Request or response: security groups are stateful, so only the side that
 * opened a conversation needs a rule. TCP flags decide first, then the
 * ephemeral port range, and otherwise both sides count as requests.
 */
import type { FlowRecord } from '../../../src/flow-logs/flow-record.js';
import type { SemanticsCase } from './semantics-case.js';
import { allOut, egress, flow, inventory, reply, rule, SERVER, T0 } from '../fixtures.js';

/** TCP on any port, both ways: each shows which side was counted as the request. */
const anyTcp = inventory({
  rules: [rule('in', { ports: [0, 65535] }), egress('out', { ports: [0, 65535] })],
});

/** CLIENT:40000 to SERVER:50000: both ports ephemeral, so the ports cannot tell. */
const highPorts = flow({ dstport: 50000 });

/** The server opens 40000 -> 198.51.100.7:443: the ports say egress is the request. */
const outbound = flow({ srcaddr: SERVER, srcport: 40000, dstaddr: '198.51.100.7', dstport: 443 });

/** A second record of a conversation, later, with other flags. */
function later(record: FlowRecord, tcpFlags: number | null): FlowRecord {
  return { ...record, start: T0 + 600, end: T0 + 660, tcpFlags };
}

/** `ports` cases: the server on HTTPS, may open anything. */
const web = inventory({ rules: [rule('https'), allOut('out')] });

export const requestResponseCases: readonly SemanticsCase[] = [
  {
    name: 'SYN (2) on the ingress record makes ingress the request side',
    inventory: anyTcp,
    records: [later(highPorts, 2), reply(highPorts, { tcpFlags: 16 })],
    expected: { in: { hits: 1 }, out: { hits: 0 } },
  },
  {
    name: 'SYN (2) on the egress record makes egress the request side',
    inventory: anyTcp,
    records: [later(highPorts, 16), reply(highPorts, { tcpFlags: 2 })],
    expected: { in: { hits: 0 }, out: { hits: 1 } },
  },
  {
    name: 'SYN-ACK (18) on the egress record makes ingress the request side',
    inventory: anyTcp,
    records: [later(highPorts, 16), reply(highPorts, { tcpFlags: 18 })],
    expected: { in: { hits: 1 }, out: { hits: 0 } },
  },
  {
    name: 'FIN|SYN (3) counts as SYN',
    inventory: anyTcp,
    records: [later(highPorts, 3), reply(highPorts, { tcpFlags: 17 })],
    expected: { in: { hits: 1 }, out: { hits: 0 } },
  },
  {
    name: 'FIN|SYN|ACK (19) counts as SYN-ACK',
    inventory: anyTcp,
    records: [later(highPorts, 0), reply(highPorts, { tcpFlags: 19 })],
    expected: { in: { hits: 1 }, out: { hits: 0 } },
  },
  {
    name: 'a SYN classifies later flags-0 records of the conversation, against the ports',
    inventory: anyTcp,
    records: [
      reply(outbound, { tcpFlags: 2 }),
      later(reply(outbound), 0),
      { ...outbound, tcpFlags: 0 },
    ],
    expected: { in: { hits: 2 }, out: { hits: 0 } },
  },
  {
    name: 'without flags the same conversation follows the ports',
    inventory: anyTcp,
    records: [reply(outbound), later(reply(outbound), null), outbound],
    expected: { in: { hits: 0 }, out: { hits: 1 } },
  },
  {
    name: 'SYN in both directions conflicts and falls back to the ports',
    inventory: anyTcp,
    records: [{ ...outbound, tcpFlags: 2 }, reply(outbound, { tcpFlags: 2 })],
    expected: { in: { hits: 0 }, out: { hits: 1 } },
  },
  {
    name: 'SYN and SYN-ACK in one direction conflict and fall back to the ports',
    inventory: anyTcp,
    records: [reply(outbound, { tcpFlags: 2 }), later(reply(outbound), 18), outbound],
    expected: { in: { hits: 0 }, out: { hits: 1 } },
  },
  {
    name: 'flags of another conversation do not count',
    inventory: anyTcp,
    records: [
      later(highPorts, 2),
      reply(highPorts, { tcpFlags: 16 }),
      flow({ srcport: 40001, dstport: 50000 }),
      reply(flow({ srcport: 40001, dstport: 50000 })),
    ],
    expected: { in: { hits: 2 }, out: { hits: 1 } },
  },
  {
    name: 'flags of UDP records are ignored',
    inventory: inventory({
      rules: [
        rule('in', { protocol: 'udp', ports: [0, 65535] }),
        egress('out', { protocol: 'udp', ports: [0, 65535] }),
      ],
    }),
    records: [{ ...highPorts, protocol: 17, tcpFlags: 2 }, reply({ ...highPorts, protocol: 17 })],
    expected: { in: { hits: 1 }, out: { hits: 1 } },
  },
  {
    name: 'ports: with the server on the interface ingress is the request',
    inventory: web,
    records: [flow(), reply(flow())],
    expected: { https: { hits: 1 }, out: { hits: 0 } },
  },
  {
    name: 'ports: with the interface as a client egress is the request',
    inventory: inventory({ rules: [rule('in', { protocol: -1 }), allOut('out')] }),
    records: [outbound, reply(outbound)],
    expected: { in: { hits: 0 }, out: { hits: 1 } },
  },
  {
    name: 'ports: client port 32768 is ephemeral by default',
    inventory: web,
    records: [flow({ srcport: 32768 }), reply(flow({ srcport: 32768 }))],
    expected: { https: { hits: 1 }, out: { hits: 0 } },
  },
  {
    name: 'ports: client port 32767 is not ephemeral by default, so both sides count',
    inventory: web,
    records: [flow({ srcport: 32767 }), reply(flow({ srcport: 32767 }))],
    expected: { https: { hits: 1 }, out: { hits: 1 } },
  },
  {
    name: 'ports: client port 2000 is not ephemeral by default, so both sides count',
    inventory: web,
    records: [flow({ srcport: 2000 }), reply(flow({ srcport: 2000 }))],
    expected: { https: { hits: 1 }, out: { hits: 1 } },
  },
  {
    name: 'ports: with ephemeral ports 1024-65535 client port 2000 makes ingress the request',
    inventory: web,
    records: [flow({ srcport: 2000 }), reply(flow({ srcport: 2000 }))],
    options: { ephemeralPorts: { from: 1024, to: 65535 } },
    expected: { https: { hits: 1 }, out: { hits: 0 } },
  },
  {
    name: 'ports: both ports ephemeral, both sides count',
    inventory: anyTcp,
    records: [highPorts, reply(highPorts)],
    expected: { in: { hits: 1 }, out: { hits: 1 } },
  },
  {
    name: 'ports: neither port ephemeral (NTP 123 to 123), both sides count',
    inventory: inventory({
      rules: [
        rule('ntp-in', { protocol: 'udp', ports: [123, 123] }),
        egress('ntp-out', { protocol: 'udp', ports: [123, 123] }),
      ],
    }),
    records: [
      flow({ protocol: 17, srcport: 123, dstport: 123 }),
      reply(flow({ protocol: 17, srcport: 123, dstport: 123 })),
    ],
    expected: { 'ntp-in': { hits: 1 }, 'ntp-out': { hits: 1 } },
  },
  {
    name: 'ICMP: both directions count as requests',
    inventory: inventory({
      rules: [rule('ping-in', { protocol: 'icmp' }), egress('ping-out', { protocol: 'icmp' })],
    }),
    records: [
      flow({ protocol: 1, srcport: 0, dstport: 0 }),
      reply(flow({ protocol: 1, srcport: 0, dstport: 0 })),
    ],
    expected: { 'ping-in': { hits: 1 }, 'ping-out': { hits: 1 } },
  },
  {
    name: 'GRE (47), without ports: both directions count as requests',
    inventory: inventory({
      rules: [rule('gre-in', { protocol: 47 }), egress('gre-out', { protocol: 47 })],
    }),
    records: [
      flow({ protocol: 47, srcport: 0, dstport: 0 }),
      reply(flow({ protocol: 47, srcport: 0, dstport: 0 })),
    ],
    expected: { 'gre-in': { hits: 1 }, 'gre-out': { hits: 1 } },
  },
];
