import type { IpFamily } from '../net/ip-address.js';
import { formatCidr, parseCidr } from '../net/ip-address.js';
import type { JsonNode } from './json-node.js';

const EXPECTED: Readonly<Record<IpFamily | 'either', string>> = {
  4: 'an IPv4 CIDR block',
  6: 'an IPv6 CIDR block',
  either: 'a CIDR block',
};

/**
 * Reads a CIDR field (`CidrIp`, `CidrIpv6`, `Cidr`, ...) and returns its
 * canonical text, host bits cleared, so that the same block written two ways
 * (`10.0.0.5/16`, `10.0.0.0/16`) compares equal. A block of the wrong family
 * is an error: attribution never matches across families, so such a rule
 * could only ever look stale.
 */
export function parseCidrField(node: JsonNode, family: IpFamily | 'either'): string {
  const text = node.string();
  const block = parseCidr(text.trim());
  if (block === undefined) throw node.error(EXPECTED.either);

  if (family !== 'either' && block.family !== family) {
    throw node.error(EXPECTED[family], { note: `an IPv${block.family} block` });
  }
  return formatCidr(block);
}
