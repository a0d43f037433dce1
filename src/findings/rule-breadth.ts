import type { Inventory, SecurityGroupRule } from '../inventory/inventory.js';
import { ALL_PROTOCOLS } from '../inventory/protocol.js';
import { parseCidr } from '../net/ip-address.js';
import { isIcmp, rulePorts } from './rule-label.js';

/**
 * How much a rule allows, as (addresses) x (protocol and port combinations):
 * a tie-break that keeps the narrower of two rules, not a measure of risk.
 * Prefix lists count their entries' addresses and referenced groups the
 * addresses of their interfaces, as the inventory has them now.
 */
export function ruleBreadth(rule: SecurityGroupRule, inventory: Inventory): bigint {
  return peerAddresses(rule, inventory) * trafficBreadth(rule);
}

function peerAddresses(rule: SecurityGroupRule, inventory: Inventory): bigint {
  const { peer } = rule;
  if (peer.kind === 'cidr4' || peer.kind === 'cidr6') return cidrSize(peer.value);

  if (peer.kind === 'prefix-list') {
    const list = inventory.prefixLists.find((entry) => entry.prefixListId === peer.value);
    return (list?.cidrs ?? []).reduce((sum, cidr) => sum + cidrSize(cidr), 0n) || 1n;
  }

  const addresses = inventory.interfaces
    .filter((eni) => eni.groupIds.includes(peer.value))
    .reduce((sum, eni) => sum + eni.addresses.length, 0);
  return BigInt(Math.max(1, addresses));
}

function cidrSize(text: string): bigint {
  const block = parseCidr(text);
  return block === undefined ? 1n : block.last - block.first + 1n;
}

/** All protocols count as every port of 256 protocols; ICMP as 256 types of 256 codes. */
function trafficBreadth(rule: SecurityGroupRule): bigint {
  if (rule.protocol === ALL_PROTOCOLS) return 256n * 65_536n;

  const ports = rulePorts(rule);
  if (ports !== null) return BigInt(ports.to - ports.from + 1);

  if (isIcmp(rule.protocol)) {
    if ((rule.fromPort ?? -1) === -1) return 65_536n;
    return (rule.toPort ?? -1) === -1 ? 256n : 1n;
  }
  return 65_536n;
}
