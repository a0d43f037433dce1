import { describe, expect, it } from 'vitest';

import { JsonNode } from '../../src/inventory/json-node.js';
import { parseProtocolAndPorts } from '../../src/inventory/parse-protocol-and-ports.js';

/** IpProtocol, FromPort, ToPort as the API prints them (undefined: absent). */
type ApiFields = [string, number | undefined, number | undefined];

function parse([IpProtocol, FromPort, ToPort]: ApiFields) {
  return parseProtocolAndPorts(JsonNode.root('rules.json', { IpProtocol, FromPort, ToPort }));
}

describe('parseProtocolAndPorts', () => {
  it.each<[string, ApiFields, [number, number | null, number | null]]>([
    ['all traffic', ['-1', -1, -1], [-1, null, null]],
    ['all traffic without ports', ['-1', undefined, undefined], [-1, null, null]],
    ['one TCP port', ['tcp', 443, 443], [6, 443, 443]],
    ['a UDP range', ['udp', 1024, 65535], [17, 1024, 65535]],
    ['TCP by number', ['6', 22, 22], [6, 22, 22]],
    ['upper-case names', ['TCP', 22, 22], [6, 22, 22]],
    ['TCP with -1 ports: all ports', ['tcp', -1, -1], [6, null, null]],
    ['TCP with one -1 port: all ports', ['tcp', 0, -1], [6, null, null]],
    ['TCP without ports', ['tcp', undefined, undefined], [6, null, null]],
    ['ICMP type and code', ['icmp', 3, 4], [1, 3, 4]],
    ['ICMP, any code', ['icmp', 8, -1], [1, 8, -1]],
    ['ICMPv6, any type', ['icmpv6', -1, -1], [58, -1, -1]],
    ['ICMPv6 by number', ['58', 128, 0], [58, 128, 0]],
    ['ICMP without type and code', ['icmp', undefined, undefined], [1, null, null]],
    ['ESP, which has no ports', ['50', undefined, undefined], [50, null, null]],
    ['GRE with ports the API ignores', ['47', 0, 0], [47, null, null]],
  ])('reads %s', (_, fields, [protocol, fromPort, toPort]) => {
    expect(parse(fields)).toEqual({ protocol, fromPort, toPort });
  });

  it.each<[string, ApiFields, string]>([
    ['an unknown name', ['sctp', 1, 1], '$.IpProtocol: expected an IP protocol'],
    ['a protocol above 255', ['256', 1, 1], '$.IpProtocol: expected an IP protocol'],
    ['a negative port', ['tcp', -2, 80], '$.FromPort: expected a port from 0 to 65535, or -1'],
  ])('rejects %s', (_, fields, message) => {
    expect(() => parse(fields)).toThrow(`rules.json: ${message}`);
  });
});
