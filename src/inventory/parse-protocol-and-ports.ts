import type { JsonNode } from './json-node.js';
import type { SecurityGroupRule } from './inventory.js';
import { ALL_PROTOCOLS, ICMP, ICMPV6, hasPorts, protocolNumber } from './protocol.js';

/** The traffic a rule allows, apart from its peer. */
export type RuleTraffic = Pick<SecurityGroupRule, 'protocol' | 'fromPort' | 'toPort'>;

const MAX_PORT = 65535;

/**
 * Reads `IpProtocol`, `FromPort` and `ToPort`, which IpPermissions and
 * SecurityGroupRules spell alike. The API writes -1 for "any" and omits the
 * ports where they do not apply; the model says null for both, except that
 * ICMP rules keep type and code as given (-1 = any), for the report to show.
 */
export function parseProtocolAndPorts(node: JsonNode): RuleTraffic {
  const protocolNode = node.field('IpProtocol');
  const protocol = protocolNumber(protocolNode.string());
  if (protocol === undefined) {
    throw protocolNode.error('an IP protocol (tcp, udp, icmp, icmpv6, -1 or a number 0 to 255)');
  }

  const fromNode = node.field('FromPort');
  const toNode = node.field('ToPort');
  const from = fromNode.optionalInteger();
  const to = toNode.optionalInteger();

  if (protocol === ALL_PROTOCOLS) return { protocol, fromPort: null, toPort: null };
  if (protocol === ICMP || protocol === ICMPV6) {
    return { protocol, fromPort: from ?? null, toPort: to ?? null };
  }
  if (!hasPorts(protocol)) return { protocol, fromPort: null, toPort: null };

  if (from === undefined || to === undefined || from === -1 || to === -1) {
    return { protocol, fromPort: null, toPort: null };
  }

  checkPort(fromNode, from);
  checkPort(toNode, to);
  if (to < from) throw toNode.error(`a port at or above FromPort ${from}`);
  return { protocol, fromPort: from, toPort: to };
}

function checkPort(node: JsonNode, port: number): void {
  if (port < 0 || port > MAX_PORT) throw node.error(`a port from 0 to ${MAX_PORT}, or -1`);
}
